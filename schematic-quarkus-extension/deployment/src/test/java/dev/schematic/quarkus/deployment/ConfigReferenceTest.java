package dev.schematic.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/quarkus-config.md is exactly what the extension's config metadata renders to (byte for byte), so the page
 * cannot drift from the typed mapping. After changing a mapping, regenerate it with
 * {@code -Dupdate-config-doc=true} on this test.
 */
class ConfigReferenceTest {
    static final Path PAGE = Path.of("../../docs/quarkus-config.md");

    @Test
    void theCommittedPageIsTheGeneratedOne() throws IOException {
        String generated = ConfigReference.render(getClass().getClassLoader());
        if (Boolean.getBoolean("update-config-doc")) {
            Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(PAGE), PAGE.toAbsolutePath() + " is missing: run with -Dupdate-config-doc=true");
        assertEquals(
                generated,
                Files.readString(PAGE, StandardCharsets.UTF_8),
                "docs/quarkus-config.md is not what the config mappings generate: rerun ConfigReferenceTest with"
                        + " -Dupdate-config-doc=true and commit the page");
    }

    @Test
    void thePageHasEveryKeyWithItsTypeDefaultAndJavadoc() {
        String page = ConfigReference.render(getClass().getClassLoader());
        assertTrue(
                page.contains(
                        "| `schematic.events.flush-interval`<br>env `SCHEMATIC_EVENTS_FLUSH_INTERVAL` | `Duration`"
                                + " | `5s` | The longest an event waits before its batch is sent (at least 1ms). |"),
                page);
        assertTrue(page.contains("| `schematic.datastream.reconnect.min-delay`"), page);
        assertTrue(page.contains("| `embedded`, `redis`, `remote` | `embedded` |"), page);
        assertTrue(page.contains("Required unless `schematic.offline=true`."), page);
        assertTrue(page.contains("| `quarkus.schematic.devservices.flags-file`"), page);
        assertTrue(page.contains("## `schematic.*` (runtime)"), page);
        assertTrue(page.contains("## `quarkus.schematic.*` (build time)"), page);
    }

    @Test
    void javadocBecomesMarkdown() {
        assertEquals(
                "Caches answers for `schematic.cache.ttl` \\| see `CacheConfig`.",
                ConfigReference.markdown(
                        "Caches answers for {@code schematic.cache.ttl} |\n  <p>see {@link CacheConfig}."));
    }
}
