package dev.schematic;

import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A test group that needs a tool which is not installed (redis-server, the Infinispan Server jars): on a developer
 * machine the group is skipped with a message that says how to install the tool; with {@code CI=true} it fails
 * instead, so that a skip cannot hide in CI.
 */
public final class MissingTool {
    private MissingTool() {}

    /** Does nothing when {@code missing} is null; otherwise skips the calling test, or fails it when CI=true. */
    public static void skipOrFail(String missing) {
        skipOrFail(missing, System.getenv());
    }

    static void skipOrFail(String missing, Map<String, String> env) {
        if (missing == null) {
            return;
        }
        if ("true".equalsIgnoreCase(env.getOrDefault("CI", "").trim())) {
            Assertions.fail(
                    "CI=true: a required tool is missing and the tests that need it would be skipped: " + missing);
        }
        Assumptions.abort("skipped: " + missing);
    }
}
