package dev.schematic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Docs that cannot rot: every {@code ```java} block of README.md and docs/*.md is compiled against the SDK, the test
 * kit, JUnit 5 and the Jakarta APIs on this module's test class path, and every one must compile. Blocks fenced
 * {@code ```java openfeature} or {@code ```java quarkus-test} need class paths this module does not have and are
 * compiled by {@code OpenFeatureDocSamplesTest} (schematic-openfeature) and {@code QuarkusDocSamplesTest}
 * (integration-tests/quarkus). How a block is wrapped:
 *
 * <ul>
 *   <li>a block that declares a type ({@code class}, {@code record}, …) is compiled as a file;
 *   <li>a block whose first line is an annotation, a modifier or a method declaration is the body of a class;
 *   <li>any other block is the body of a method ({@code throws Exception}); leading {@code @Inject} field lines become
 *       fields of its class. The usual names are in scope without being declared: {@code schematic}, {@code async},
 *       {@code companyId}, {@code userId}, {@code email}, {@code body}, {@code fake} (a {@code FakeSchematic}) and
 *       {@code log} (an SLF4J logger); a sample's own declarations hide them.
 * </ul>
 *
 * <p>The one placeholder allowed is {@code …} (for "your code here"); it is removed before compiling.
 */
class DocSamplesTest {
    private static final String IMPORTS = String.join(
            "\n",
            "import dev.schematic.*;",
            "import dev.schematic.webhooks.*;",
            "import dev.schematic.testkit.*;",
            "import dev.schematic.api.*;",
            "import dev.schematic.api.model.*;",
            "import dev.schematic.api.companies.*;",
            "import dev.schematic.api.features.*;",
            "import java.util.stream.*;",
            "import jakarta.inject.*;",
            "import jakarta.enterprise.context.*;",
            "import jakarta.enterprise.inject.*;",
            "import jakarta.json.*;",
            "import jakarta.ws.rs.*;",
            "import jakarta.ws.rs.core.*;",
            "import jakarta.ws.rs.client.ClientRequestFilter;",
            "import java.util.*;",
            "import java.time.*;",
            "import java.util.concurrent.*;",
            "import java.net.*;",
            "import com.sun.net.httpserver.*;",
            "import org.junit.jupiter.api.Assumptions;",
            "import org.junit.jupiter.api.BeforeAll;",
            "import org.junit.jupiter.api.BeforeEach;",
            "import org.junit.jupiter.api.Test;",
            "import org.junit.jupiter.api.extension.ExtendWith;",
            "import org.junit.jupiter.api.extension.RegisterExtension;",
            "import static org.junit.jupiter.api.Assertions.*;",
            "import static dev.schematic.testkit.DataStreamEntities.*;",
            "");
    /** Names a statement sample may use without declaring them (a base class, so the sample's own fields hide them). */
    private static final String SCOPE = String.join(
            "\n",
            "  @Inject Schematic schematic;",
            "  @Inject AsyncSchematic async;",
            "  String companyId = \"acme\", userId = \"u1\", email = \"ada@acme.io\";",
            "  byte[] body = new byte[0];",
            "  FakeSchematic fake;",
            "  org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(\"app\");",
            "");

    private static final Pattern BLOCK = Pattern.compile("(?ms)^```java\\n(.*?)^```");
    private static final Pattern TYPE = Pattern.compile(
            "(?m)^(?:@\\S+.*\\n)*(?:public |final |abstract |sealed )*(?:class|record|interface|enum) \\w+");
    /** A first line that starts a member: an annotation, a modifier, or a method declaration. */
    private static final Pattern MEMBER = Pattern.compile(
            "^(?:@\\w+|(?:public|protected|private|static|final) |[\\w<>?,\\[\\] ]+ \\w+\\([^)]*\\)\\s*(?:throws [\\w., ]+)?\\{)");
    /** Leading field lines of a statement block ({@code @Inject Schematic schematic;}). */
    private static final Pattern FIELDS = Pattern.compile("^(?:\\s*\\n|@Inject [^\\n]*;[^\\n]*\\n)*");

    record Sample(Path file, int line, String code) {
        String name() {
            return "Sample_" + file.getFileName().toString().replaceAll("\\W", "_") + "_" + line;
        }
    }

    static List<Sample> samples() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Sample> out = new ArrayList<>();
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                int line = text.substring(0, m.start()).split("\n", -1).length;
                out.add(new Sample(f, line, m.group(1)));
            }
        }
        return out;
    }

    /** The sample as a compilation unit. */
    static String unit(Sample s) {
        String code = s.code().replace("…", "");
        if (TYPE.matcher(code).find()) {
            code = code.replaceAll("(?m)^package .*;\\n", "");
            code = code.replaceAll("(?m)^public ((?:final |abstract |sealed )*(?:class|record|interface|enum) )", "$1");
            int firstImport = code.indexOf("import ");
            boolean leadingImports =
                    firstImport >= 0 && code.substring(0, firstImport).isBlank();
            return leadingImports
                    ? code.substring(0, firstImport) + IMPORTS + code.substring(firstImport)
                    : IMPORTS + code;
        }
        String scope = "class Scope_" + s.name() + " {\n" + SCOPE + "}\n";
        String first = code.lines().findFirst().orElse("").strip();
        if (MEMBER.matcher(first).lookingAt() && !first.startsWith("@Inject ")) {
            return IMPORTS + scope + "class " + s.name() + " extends Scope_" + s.name() + " {\n" + code + "\n}\n";
        }
        Matcher fields = FIELDS.matcher(code);
        fields.lookingAt();
        return IMPORTS + scope + "class " + s.name() + " extends Scope_" + s.name() + " {\n"
                + code.substring(0, fields.end()) + "  void sample() throws Exception {\n"
                + code.substring(fields.end()) + "\n  }\n}\n";
    }

    @Test
    void everyJavaSampleInTheDocsCompiles() throws IOException {
        List<Sample> samples = samples();
        assertTrue(samples.size() >= 10, "found " + samples.size() + " samples");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path out = Files.createTempDirectory("doc-samples");
        List<String> failures = new ArrayList<>();
        for (Sample s : samples) {
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            JavaFileObject source =
                    new SimpleJavaFileObject(
                            URI.create("string:///" + s.name() + ".java"), JavaFileObject.Kind.SOURCE) {
                        @Override
                        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                            return unit(s);
                        }
                    };
            List<String> options =
                    List.of("-proc:none", "-d", out.toString(), "-classpath", System.getProperty("java.class.path"));
            boolean ok = javac.getTask(new StringWriter(), null, diagnostics, options, null, List.of(source))
                    .call();
            if (!ok) {
                StringBuilder why = new StringBuilder(s.file().getFileName() + ":" + s.line() + "\n");
                diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                        .limit(3)
                        .forEach(
                                d -> why.append("  ").append(d.getMessage(null)).append('\n'));
                failures.add(why.toString());
            }
        }
        assertEquals(
                List.of(),
                failures,
                failures.size() + " of " + samples.size() + " samples do not compile:\n" + String.join("", failures));
    }
}
