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
import java.util.Map;
import java.util.TreeMap;
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
 * kit and the Jakarta APIs on this module's test class path. A block that declares a type is compiled as a file; a
 * block of statements is compiled as the body of a method that has the usual names in scope ({@code schematic},
 * {@code async}, {@code companyId}, …); a block of members (fields, methods) as the body of a class. The one
 * placeholder allowed is {@code …} (for "your code here").
 */
class DocSamplesTest {
    private static final String IMPORTS = String.join(
            "\n",
            "import dev.schematic.*;",
            "import dev.schematic.webhooks.*;",
            "import dev.schematic.testkit.*;",
            "import dev.schematic.api.ApiResources;",
            "import dev.schematic.api.model.*;",
            "import java.util.stream.*;",
            "import jakarta.inject.*;",
            "import jakarta.enterprise.context.*;",
            "import jakarta.enterprise.inject.*;",
            "import jakarta.ws.rs.*;",
            "import jakarta.ws.rs.core.*;",
            "import java.util.*;",
            "import java.time.*;",
            "import java.util.concurrent.*;",
            "");
    /** Names a statement sample may use without declaring them. */
    private static final String SCOPE = String.join(
            "\n",
            "  @Inject Schematic schematic;",
            "  @Inject AsyncSchematic async;",
            "  String companyId = \"acme\", userId = \"u1\", email = \"ada@acme.io\";",
            "  byte[] body = new byte[0];",
            "  Map<String, String> company = Map.of(\"id\", companyId), user = Map.of();",
            "");

    /**
     * Pages whose samples predate this test and are not all compilable yet (fragments with undeclared names, Quarkus
     * or JUnit types not on this module's class path): how many may still fail. The count may only go down; every
     * other page must compile entirely.
     */
    private static final Map<String, Integer> PENDING = Map.of(
            "api-client.md", 7,
            "datastream.md", 1,
            "events.md", 1,
            "http.md", 1,
            "quarkus.md", 3,
            "replicator.md", 1,
            "rules-engine.md", 1,
            "testkit.md", 12,
            "webhooks.md", 5,
            "wildfly.md", 2);

    private static final Pattern BLOCK = Pattern.compile("(?ms)^```java\\n(.*?)^```");
    private static final Pattern TYPE = Pattern.compile(
            "(?m)^(?:@\\S+.*\\n)*(?:public |final |abstract |sealed )*(?:class|record|interface|enum) \\w+");
    private static final Pattern MEMBER = Pattern.compile(
            "(?m)^(?:@\\w+|(?:public |protected |private |static |final )*[\\w<>?, \\[\\]]+ \\w+\\s*(?:\\(|=|;))");

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
        if (MEMBER.matcher(code.lines().findFirst().orElse("")).lookingAt()
                && !code.lines().findFirst().orElse("").contains("(\"")
                && !code.startsWith("try ")
                && !code.startsWith("if ")) {
            return IMPORTS + "class " + s.name() + " {\n" + code + "\n}\n";
        }
        return IMPORTS + "class " + s.name() + " {\n" + SCOPE + "  void sample() throws Exception {\n" + code
                + "\n  }\n}\n";
    }

    @Test
    void everyJavaSampleInTheDocsCompiles() throws IOException {
        List<Sample> samples = samples();
        assertTrue(samples.size() >= 10, "found " + samples.size() + " samples");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path out = Files.createTempDirectory("doc-samples");
        List<String> failures = new ArrayList<>();
        Map<String, Integer> failingPerFile = new TreeMap<>();
        List<String> pendingFailures = new ArrayList<>();
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
                failingPerFile.merge(s.file().getFileName().toString(), 1, Integer::sum);
                if (!PENDING.containsKey(s.file().getFileName().toString())) {
                    failures.add(why.toString());
                } else {
                    pendingFailures.add(why.toString());
                }
            }
        }
        assertEquals(List.of(), failures, failures.size() + " of " + samples.size() + " samples do not compile");
        for (Map.Entry<String, Integer> pending : PENDING.entrySet()) {
            int now = failingPerFile.getOrDefault(pending.getKey(), 0);
            assertTrue(
                    now <= pending.getValue(),
                    pending.getKey() + ": " + now + " samples do not compile, at most " + pending.getValue()
                            + " allowed (fix the new one): " + pendingFailures);
        }
    }
}
