package dev.schematic.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.SchematicConfigException;
import dev.schematic.internal.config.SchematicConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Flag defaults given as real environment variables reach the settings the CDI producer builds: a child JVM is started
 * with them (environment variables cannot be set inside a running JVM) and reads its configuration through
 * MicroProfile Config (SmallRye Config), as {@link SchematicProducer} does.
 */
class FlagDefaultsFromEnvironmentTest {

    /** The child JVM: prints the flag defaults (or the configuration error) of its own environment. */
    public static void main(String[] args) {
        try {
            SchematicConfig settings = MicroProfileSettings.read(ConfigProvider.getConfig());
            System.out.println("flagDefaults=" + new TreeMap<>(settings.flagDefaults()));
        } catch (SchematicConfigException e) {
            System.out.println("error=" + e.getMessage());
        }
    }

    @Test
    void perFlagVariablesAndTheListVariableBecomeFlagDefaults() throws Exception {
        String out = runWith(Map.of(
                "SCHEMATIC_OFFLINE", "true",
                "SCHEMATIC_FLAG_DEFAULTS_PDF_EXPORT", "true",
                "SCHEMATIC_FLAG_DEFAULTS", "beta=true,legacy-ui=false"));
        assertEquals("flagDefaults={beta=true, legacy-ui=false, pdf-export=true}", out);
    }

    @Test
    void aPerFlagVariableWinsOverTheListForTheSameFlag() throws Exception {
        String out = runWith(Map.of(
                "SCHEMATIC_OFFLINE", "true",
                "SCHEMATIC_FLAG_DEFAULTS", "beta=true",
                "SCHEMATIC_FLAG_DEFAULTS_BETA", "false"));
        assertEquals("flagDefaults={beta=false}", out);
    }

    @Test
    void aBadVariableNamesItself() throws Exception {
        String out = runWith(Map.of("SCHEMATIC_OFFLINE", "true", "SCHEMATIC_FLAG_DEFAULTS_BETA", "maybe"));
        assertTrue(out.startsWith("error=SCHEM103 "), out);
        assertTrue(out.contains("expected true or false, got 'maybe'"), out);
    }

    private static String runWith(Map<String, String> variables) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder child = new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), FlagDefaultsFromEnvironmentTest.class.getName());
        child.environment().keySet().removeIf(name -> name.toUpperCase().startsWith("SCHEMATIC"));
        child.environment().putAll(variables);
        child.redirectErrorStream(true);
        Process process = child.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
        assertEquals(0, process.exitValue(), out);
        return out.lines()
                .filter(l -> l.startsWith("flagDefaults=") || l.startsWith("error="))
                .findFirst()
                .orElse(out);
    }
}
