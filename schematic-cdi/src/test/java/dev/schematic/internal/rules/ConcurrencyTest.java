package dev.schematic.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.RulesEngineStats;
import dev.schematic.internal.config.RulesEngineOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many threads, mixed inputs: results identical to single-threaded ones, pool bounded. */
class ConcurrencyTest {
    private static List<Vectors.Vector> vectors;
    private static List<RulesInput[]> inputs;
    private static List<Map<String, Object>> expected;

    @BeforeAll
    static void baseline() throws Exception {
        vectors = Vectors.publicVectors();
        inputs = new ArrayList<>();
        expected = new ArrayList<>();
        RulesEngine single =
                RulesEngine.create(RulesEngineOptions.defaults().withPoolSize(1).withMemoSize(0));
        for (Vectors.Vector v : vectors) {
            RulesInput[] in = {
                RulesInput.of(v.flag()),
                RulesInput.ofNullable(v.company()),
                RulesInput.ofNullable(v.user()),
                RulesInput.ofNullable(v.optionsJson())
            };
            inputs.add(in);
            expected.add(Vectors.normalise(single.evaluate(in[0], in[1], in[2], in[3], v.now())));
        }
    }

    private static void hammer(ExecutorService pool, RulesEngine engine, int tasks, int perTask) throws Exception {
        List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            futures.add(pool.submit(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                for (int i = 0; i < perTask; i++) {
                    int k = rnd.nextInt(vectors.size());
                    RulesInput[] in = inputs.get(k);
                    RulesResult r = engine.evaluate(
                            in[0], in[1], in[2], in[3], vectors.get(k).now());
                    assertEquals(
                            expected.get(k),
                            Vectors.normalise(r),
                            vectors.get(k).name());
                }
                return perTask;
            }));
        }
        int done = 0;
        for (Future<Integer> f : futures) {
            done += f.get();
        }
        assertEquals(tasks * perTask, done);
    }

    @Test
    void platformThreadsWithoutMemo() throws Exception {
        RulesEngine engine =
                RulesEngine.create(RulesEngineOptions.defaults().withPoolSize(4).withMemoSize(0));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            hammer(pool, engine, 16, 150);
        } finally {
            pool.shutdown();
        }
        RulesEngineStats s = engine.stats();
        assertEquals(16 * 150, s.engineCalls());
        assertEquals(0, s.failures());
        assertTrue(s.instances() <= 4 && s.instancesCreated() <= 4, s.toString());
    }

    @Test
    void platformThreadsWithMemo() throws Exception {
        RulesEngine engine = RulesEngine.create(RulesEngineOptions.defaults().withPoolSize(3));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            hammer(pool, engine, 8, 300);
        } finally {
            pool.shutdown();
        }
        RulesEngineStats s = engine.stats();
        assertEquals(0, s.failures());
        assertTrue(s.memoHits() > 0, s.toString());
    }

    @Test
    void virtualThreads() throws Exception {
        ExecutorService pool;
        try {
            pool = (ExecutorService)
                    Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException e) {
            Assumptions.abort("SKIPPED: virtual threads need JDK 21+, running on " + Runtime.version());
            return;
        }
        RulesEngine engine =
                RulesEngine.create(RulesEngineOptions.defaults().withPoolSize(2).withMemoSize(0));
        try {
            hammer(pool, engine, 200, 10);
        } finally {
            pool.shutdown();
        }
        RulesEngineStats s = engine.stats();
        assertEquals(0, s.failures());
        assertTrue(s.instancesCreated() <= 2, s.toString());
    }
}
