package dev.schematic.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The SCHEM codes are defined once ({@link SchemCode}); production code never spells one as a string literal. */
class SchemCodesInOnePlaceTest {
    private static final Pattern LITERAL = Pattern.compile("\"SCHEM\\d");
    private static final List<String> SOURCES = List.of(
            "src/main/java",
            "../schematic-testkit/src/main/java",
            "../schematic-quarkus-extension/runtime/src/main/java",
            "../schematic-quarkus-extension/deployment/src/main/java");

    @Test
    void noProductionSourceOutsideSchemCodeHasACodeLiteral() throws IOException {
        List<String> found = new ArrayList<>();
        int scanned = 0;
        for (String root : SOURCES) {
            Path dir = Path.of(root);
            assertTrue(Files.isDirectory(dir), "missing source root " + dir.toAbsolutePath());
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    scanned++;
                    if (file.getFileName().toString().equals("SchemCode.java")) {
                        continue;
                    }
                    List<String> lines = read(file);
                    for (int i = 0; i < lines.size(); i++) {
                        if (LITERAL.matcher(lines.get(i)).find()) {
                            found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertTrue(scanned > 100, "scanned only " + scanned + " files");
        assertEquals(List.of(), found, "use SchemCode instead of a literal");
    }

    @Test
    void codesKeepTheirAreaNumbering() {
        for (SchemCode code : SchemCode.values()) {
            assertTrue(code.name().matches("SCHEM[1-5]\\d\\d"), code.name());
            assertTrue(!code.meaning().isBlank(), code.name());
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
