package dev.schematic.benchmarks;

import dev.schematic.Schematic;
import dev.schematic.testkit.FakeSchematic;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * API-path {@code checkFlag} answered from the local cache (goal: ≤ 1 µs median), against two baselines measured in
 * the same run: a plain {@link ConcurrentHashMap} lookup of the same key, and the uncached check over loopback HTTP.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FlagCheckBenchmark {
    private static final Map<String, String> COMPANY = Map.of("id", "acme", "domain", "acme.io");
    private static final Map<String, String> USER = Map.of("email", "ada@acme.io");

    FakeSchematic fake;
    Schematic cached;
    Schematic uncached;
    final Map<String, Boolean> baselineMap = new ConcurrentHashMap<>();
    String baselineKey;

    @Setup(Level.Trial)
    public void setUp() {
        fake = FakeSchematic.start().contractCheck(false).recordRequests(false);
        fake.flag("new-editor").defaultValue(false).forCompany(Map.of("id", "acme"), true);
        cached = Schematic.builder()
                .apiKey("sch_dev_bench")
                .baseUrl(fake.baseUrl())
                .eventCaptureUrl(fake.baseUrl())
                .cacheTtl(java.time.Duration.ofHours(1))
                .build();
        cached.start();
        if (!cached.checkFlag("new-editor", COMPANY, USER)) {
            throw new IllegalStateException("the fake should answer true");
        }
        uncached = Schematic.builder()
                .apiKey("sch_dev_bench")
                .baseUrl(fake.baseUrl())
                .eventCaptureUrl(fake.baseUrl())
                .cacheEnabled(false)
                .build();
        baselineKey = "new-editor:company:domain=acme.io;id=acme:user:email=ada@acme.io";
        baselineMap.put(baselineKey, Boolean.TRUE);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cached.close();
        uncached.close();
        fake.close();
    }

    @Benchmark
    public boolean checkFlagCacheHit() {
        return cached.checkFlag("new-editor", COMPANY, USER);
    }

    @Benchmark
    public Boolean baselineConcurrentHashMapGet() {
        return baselineMap.get(baselineKey);
    }

    @Benchmark
    public boolean checkFlagOverLoopbackHttp() {
        return uncached.checkFlag("new-editor", COMPANY, USER);
    }
}
