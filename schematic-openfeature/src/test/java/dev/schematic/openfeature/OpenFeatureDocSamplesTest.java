package dev.schematic.openfeature;

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
 * docs/openfeature.md's Java samples (fenced {@code java openfeature}, so the SDK module's doc check, whose class path
 * has no OpenFeature, leaves them to this one) compile against this module's test class path: a block declaring a
 * type as a file, any other block as a method body with {@code schematic}, {@code features} (a {@code Client}) and {@code ctx} in scope.
 */
class OpenFeatureDocSamplesTest {
    private static final Pattern BLOCK = Pattern.compile("(?ms)^```java openfeature\\n(.*?)^```");
    private static final Pattern TYPE = Pattern.compile("(?m)^(?:@\\S+\\n)*(?:public )?(?:class|record) (\\w+)");
    private static final String IMPORTS = String.join(
            "\n",
            "package samples;",
            "import dev.openfeature.sdk.*;",
            "import dev.schematic.Schematic;",
            "import dev.schematic.openfeature.*;",
            "import jakarta.inject.*;",
            "import jakarta.enterprise.context.*;",
            "import java.util.*;",
            "");

    @Test
    void theDocsJavaSamplesCompile() throws IOException {
        Path doc = Path.of("").toAbsolutePath().getParent().resolve("docs/openfeature.md");
        Matcher m = BLOCK.matcher(Files.readString(doc));
        Path dir = Files.createTempDirectory("openfeature-doc-samples");
        List<Path> sources = new ArrayList<>();
        int n = 0;
        while (m.find()) {
            String code = m.group(1);
            Matcher type = TYPE.matcher(code);
            String name = type.find() ? type.group(1) : "Sample" + n;
            String body = type.find(0)
                    ? IMPORTS + code
                    : IMPORTS + "class " + name
                            + " {\n  Schematic schematic;\n  Client features;\n  EvaluationContext ctx;\n  void run() throws Exception {\n"
                            + code + "\n  }\n}\n";
            Path file = dir.resolve(name + ".java");
            Files.writeString(file, body);
            sources.add(file);
            n++;
        }
        assertTrue(n >= 3, "found " + n + " samples in " + doc);
        Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            boolean ok = javac.getTask(
                            null,
                            files,
                            diagnostics,
                            List.of(
                                    "-classpath",
                                    System.getProperty("java.class.path"),
                                    "-d",
                                    dir.resolve("classes").toString(),
                                    "-proc:none"),
                            null,
                            files.getJavaFileObjectsFromPaths(sources))
                    .call();
            assertEquals(
                    List.of(),
                    ok
                            ? List.of()
                            : diagnostics.getDiagnostics().stream()
                                    .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + " "
                                            + d.getMessage(null))
                                    .toList());
        }
    }
}
