package dev.schematic.openfeature.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.SchematicConfigException;
import dev.schematic.internal.config.Catalogue;
import dev.schematic.internal.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The {@code schematic.openfeature.*} keys are the config catalogue's, with the defaults docs/openfeature.md lists. */
class OpenFeatureKeysTest {
    private static final Pattern ROW =
            Pattern.compile("(?m)^\\| `(schematic\\.openfeature\\.[a-z.-]+)` \\| ([^|]+) \\|");

    @Test
    void everyDocumentedKeyIsInTheCatalogueWithItsDefault() throws IOException {
        String doc = Files.readString(Path.of("../docs/openfeature.md"));
        Matcher m = ROW.matcher(doc);
        Set<String> documented = new TreeSet<>();
        while (m.find()) {
            documented.add(m.group(1));
            Setting<?> s = Catalogue.find(m.group(1)).orElseThrow(() -> new AssertionError("not in the catalogue"));
            String listed = m.group(2).trim();
            assertEquals(s.defaultValue().map(d -> "`" + d + "`").orElse("none"), listed, s.name());
        }
        Set<String> catalogued = Catalogue.ALL.stream()
                .map(Setting::name)
                .filter(n -> n.startsWith(Catalogue.OPENFEATURE_PREFIX))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(catalogued, documented);
        assertEquals(
                Set.of(
                        OpenFeatureSettings.ENABLED,
                        OpenFeatureSettings.INIT_TIMEOUT,
                        OpenFeatureSettings.POLL_INTERVAL,
                        OpenFeatureSettings.TARGETING_KEY),
                catalogued,
                "the producer reads every catalogued key");
    }

    @Test
    void aBadPollIntervalNamesTheKeyWithTheCataloguesCode() {
        SchematicConfigException e = assertThrows(
                SchematicConfigException.class,
                () -> OpenFeatureSettings.duration(OpenFeatureSettings.POLL_INTERVAL, "often"));
        assertTrue(e.getMessage().contains("schematic.openfeature.poll-interval"), e::getMessage);
        assertTrue(e.getMessage().contains("SCHEM102"), e::getMessage);
    }
}
