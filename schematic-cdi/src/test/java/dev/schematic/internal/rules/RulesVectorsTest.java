package dev.schematic.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.internal.config.RulesEngineOptions;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every public vector (checked against Schematic's official engine) through both module paths: the bundled module
 * compiled to bytecode at build time, and the same .wasm file loaded from disk and compiled at runtime.
 */
class RulesVectorsTest {
    private static List<Vectors.Vector> vectors;
    private static RulesEngine buildTime;
    private static RulesEngine runtime;
    private static final List<String> passed = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        vectors = Vectors.publicVectors();
        buildTime = RulesEngine.create(RulesEngineOptions.defaults()).start();
        runtime = RulesEngine.create(RulesEngineOptions.defaults().withWasm(bundledWasmFile()))
                .start();
    }

    static Path bundledWasmFile() throws URISyntaxException {
        var url = RulesEngine.class.getResource("/dev/schematic/rules/schematic-rules.wasm");
        assertTrue(url != null, "schematic-rules.wasm is on the classpath");
        Path p = Path.of(url.toURI());
        assertTrue(Files.isRegularFile(p));
        return p;
    }

    @AfterAll
    static void report() {
        if (vectors != null) {
            System.out.println("[rules vectors] passed " + passed.size() + " of " + vectors.size() * 2 + " ("
                    + vectors.size() + " vectors x 2 paths)");
        }
    }

    @Test
    void modulesAreTheExpectedOnes() {
        assertEquals("bundled rules engine", buildTime.moduleDescription());
        assertTrue(runtime.moduleDescription().startsWith("rules engine module "), runtime.moduleDescription());
        assertEquals(buildTime.versionKey(), runtime.versionKey());
        assertEquals(84, vectors.size(), "public vector count");
    }

    @TestFactory
    Stream<DynamicTest> buildTimeCompiledModule() {
        return vectors.stream().map(v -> DynamicTest.dynamicTest("build-time " + v.name(), () -> check(buildTime, v)));
    }

    @TestFactory
    Stream<DynamicTest> runtimeCompiledModule() {
        return vectors.stream().map(v -> DynamicTest.dynamicTest("runtime " + v.name(), () -> check(runtime, v)));
    }

    private static void check(RulesEngine engine, Vectors.Vector v) {
        RulesResult r = Vectors.run(engine, v);
        assertNull(r.failure(), () -> v.name() + ": engine failure " + r.error());
        assertNull(Vectors.difference(v, r), v.name());
        Map<String, Object> actual = Vectors.normalise(r);
        assertEquals(v.expect(), actual, v.name());
        synchronized (passed) {
            passed.add(v.name());
        }
    }
}
