package dev.schematic.it.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * docs/quarkus.md's {@code @QuarkusTest} samples (fenced {@code java quarkus-test}, so the SDK module's
 * {@code DocSamplesTest}, whose class path has no Quarkus, leaves them to this one) compile against this module's test
 * class path, with this package's test resources ({@code WithFakeSchematic}, {@code InjectFakeSchematic}, …) in
 * scope. Each block declares a test class and is compiled as a file of its own package, so names may repeat the real
 * tests'. Compiles only: it starts no application.
 */
class QuarkusDocSamplesTest {
    private static final Pattern BLOCK = Pattern.compile("(?ms)^```java quarkus-test\\n(.*?)^```");
    private static final Pattern TYPE = Pattern.compile("(?m)^(?:public )?(?:class|record) (\\w+)");
    private static final String IMPORTS = String.join(
            "\n",
            "package docsamples;",
            "import static io.restassured.RestAssured.given;",
            "import static org.junit.jupiter.api.Assertions.*;",
            "import static dev.schematic.testkit.DataStreamEntities.*;",
            "import dev.schematic.*;",
            "import dev.schematic.it.quarkus.*;",
            "import dev.schematic.testkit.*;",
            "import io.quarkus.test.junit.*;",
            "import io.restassured.http.ContentType;",
            "import jakarta.inject.Inject;",
            "import java.time.*;",
            "import java.util.*;",
            "import org.junit.jupiter.api.Test;",
            "");

    @Test
    void theQuarkusTestSamplesOfTheDocsCompile() throws IOException {
        Path doc = Path.of("").toAbsolutePath().getParent().getParent().resolve("docs/quarkus.md");
        Matcher m = BLOCK.matcher(Files.readString(doc));
        Path dir = Files.createTempDirectory("quarkus-doc-samples");
        List<Path> sources = new ArrayList<>();
        while (m.find()) {
            Matcher type = TYPE.matcher(m.group(1));
            assertTrue(type.find(), "a java quarkus-test block declares a class: " + m.group(1));
            Path file =
                    Files.createDirectories(dir.resolve("src" + sources.size())).resolve(type.group(1) + ".java");
            Files.writeString(file, IMPORTS + m.group(1));
            sources.add(file);
        }
        assertTrue(sources.size() >= 2, "found " + sources.size() + " samples in " + doc);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> errors = new ArrayList<>();
        for (Path source : sources) {
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
                Path out = Files.createDirectories(source.resolveSibling("classes"));
                List<String> options = List.of(
                        "-proc:none", "-d", out.toString(), "-classpath", System.getProperty("java.class.path"));
                boolean ok = javac.getTask(
                                null,
                                files,
                                diagnostics,
                                options,
                                null,
                                files.getJavaFileObjectsFromPaths(List.of(source)))
                        .call();
                if (!ok) {
                    diagnostics.getDiagnostics().stream()
                            .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                            .forEach(d -> errors.add(
                                    source.getFileName() + ":" + d.getLineNumber() + " " + d.getMessage(null)));
                }
            }
        }
        assertEquals(List.of(), errors, "docs/quarkus.md samples that do not compile");
    }
}
