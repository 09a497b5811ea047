package dev.schematic.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.internal.config.RulesEngineOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole diff corpus (2,006 cases with the official engine's answer: 2,000 random envelopes with odd values on
 * purpose, 6 hand-made condition-group cases) and the 84 public vectors through both module paths: the bundled module
 * compiled to bytecode at build time, and the same .wasm file compiled at runtime. The host build of the crate runs
 * the same corpus in rulesengine/tests/corpus.rs.
 */
class RulesCorpusTest {
    private static List<Vectors.Vector> corpus;
    private static List<Vectors.Vector> vectors;
    private static RulesEngine buildTime;
    private static RulesEngine runtime;

    @BeforeAll
    static void load() throws Exception {
        corpus = Vectors.diffCorpus();
        vectors = Vectors.publicVectors();
        // No memo: every case is a real engine call.
        buildTime = RulesEngine.create(RulesEngineOptions.defaults().withMemoSize(0))
                .start();
        runtime = RulesEngine.create(
                        RulesEngineOptions.defaults().withMemoSize(0).withWasm(RulesVectorsTest.bundledWasmFile()))
                .start();
    }

    @Test
    void diffCorpusBuildTimeCompiled() {
        assertEquals("bundled rules engine", buildTime.moduleDescription());
        assertAll("build-time", buildTime, corpus, 2006);
    }

    @Test
    void diffCorpusRuntimeCompiled() {
        assertTrue(runtime.moduleDescription().startsWith("rules engine module "), runtime.moduleDescription());
        assertAll("runtime", runtime, corpus, 2006);
    }

    @Test
    void publicVectorsBothPaths() {
        assertAll("build-time", buildTime, vectors, 84);
        assertAll("runtime", runtime, vectors, 84);
    }

    private static void assertAll(String path, RulesEngine engine, List<Vectors.Vector> cases, int expectedCount) {
        assertEquals(expectedCount, cases.size(), "case count");
        List<String> failures = new ArrayList<>();
        int rejections = 0;
        for (Vectors.Vector v : cases) {
            String diff = Vectors.difference(v, Vectors.run(engine, v));
            if (diff != null) {
                failures.add(v.name() + ": " + diff);
            }
            if (v.mustReject()) {
                rejections++;
            }
        }
        int passed = cases.size() - failures.size();
        System.out.println("[rules corpus] " + path + ": " + passed + "/" + cases.size() + " passed (" + rejections
                + " must-reject cases)");
        assertTrue(
                failures.isEmpty(),
                () -> path + ": " + failures.size() + " of " + cases.size() + " differ:\n"
                        + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
    }
}
