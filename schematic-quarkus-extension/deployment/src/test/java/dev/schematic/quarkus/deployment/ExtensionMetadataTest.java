package dev.schematic.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runtime artifact's catalog entry ({@code META-INF/quarkus-extension.yaml}, as the extension plugin merges it):
 * name, description, keywords, guide, category, status and config prefixes, next to what the plugin derives.
 */
class ExtensionMetadataTest {
    @Test
    void theRuntimeJarDescribesTheExtension() throws IOException {
        String yaml = descriptor();
        for (String expected : List.of(
                "name: \"Schematic\"",
                "description: \"Schematic feature flags, entitlements and usage events",
                "- \"feature-flags\"",
                "guide: \"https://github.com/schematic-sdk/schematic-jakarta/blob/main/docs/quarkus.md\"",
                "- \"miscellaneous\"",
                "status: \"preview\"",
                "- \"schematic.\"",
                "- \"quarkus.schematic.\"",
                // derived by the plugin from the POM
                "artifact: \"dev.schematic:schematic-quarkus::jar:",
                "built-with-quarkus-core: \"3.")) {
            assertTrue(yaml.contains(expected), "missing " + expected + " in\n" + yaml);
        }
    }

    private static String descriptor() throws IOException {
        List<URL> found = Collections.list(
                ExtensionMetadataTest.class.getClassLoader().getResources("META-INF/quarkus-extension.yaml"));
        List<URL> ours = found.stream()
                .filter(u -> u.toString().contains("schematic-quarkus")
                        && !u.toString().contains("deployment"))
                .toList();
        assertEquals(1, ours.size(), "the runtime artifact's descriptor among " + found);
        try (InputStream in = ours.get(0).openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
