package dev.schematic.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists every key of the catalogue with its default, and every SCHEM code. */
class ConfigurationDocsTest {
    private static final Path DOC = Path.of("../docs/configuration.md");

    @Test
    void everyKeyIsListedWithItsDefault() throws IOException {
        String doc = Files.readString(DOC);
        List<String> missing = new ArrayList<>();
        for (Setting<?> s : Catalogue.ALL) {
            String row = "| `" + s.name() + "` | "
                    + s.defaultValue().map(d -> "`" + d + "`").orElse("—") + " |";
            if (!doc.contains(row)) {
                missing.add(row);
            }
        }
        assertEquals(List.of(), missing, "rows missing from " + DOC);
    }

    @Test
    void everyCodeIsListed() throws IOException {
        String doc = Files.readString(DOC);
        List<String> missing = new ArrayList<>();
        for (SchemCode code : SchemCode.values()) {
            if (!doc.contains("| `" + code.name() + "` |")) {
                missing.add(code.name());
            }
        }
        assertEquals(List.of(), missing, "codes missing from " + DOC);
    }
}
