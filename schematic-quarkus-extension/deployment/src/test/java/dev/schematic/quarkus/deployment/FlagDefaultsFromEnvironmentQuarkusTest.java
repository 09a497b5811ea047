package dev.schematic.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schematic.internal.config.SchematicConfig;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Flag defaults from real environment variables reach the Quarkus client. Surefire runs this class alone in its own
 * execution ({@code flag-defaults-from-environment} in this module's pom), with {@code
 * SCHEMATIC_FLAG_DEFAULTS_PDF_EXPORT=true} and {@code SCHEMATIC_FLAG_DEFAULTS=beta=true,legacy-ui=false} set.
 */
class FlagDefaultsFromEnvironmentQuarkusTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("schematic.offline", "true")
            .overrideConfigKey("schematic.flag-defaults.from-properties", "true");

    @Inject
    SchematicConfig settings;

    @Test
    void perFlagAndListVariablesBecomeFlagDefaults() {
        assertEquals(
                "true",
                System.getenv("SCHEMATIC_FLAG_DEFAULTS_PDF_EXPORT"),
                "run by the flag-defaults-from-environment execution, which sets the variables");
        assertEquals(
                Map.of("pdf-export", true, "beta", true, "legacy-ui", false, "from-properties", true),
                settings.flagDefaults());
    }
}
