package dev.schematic.benchmarks;

import static dev.schematic.testkit.DataStreamEntities.company;
import static dev.schematic.testkit.DataStreamEntities.companyOverride;
import static dev.schematic.testkit.DataStreamEntities.flag;
import static dev.schematic.testkit.DataStreamEntities.metric;
import static dev.schematic.testkit.DataStreamEntities.metricRule;

import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import dev.schematic.testkit.FakeDataStream;
import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.Map;
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
 * Local evaluation through the facade ({@code Schematic.checkFlagDetailed} with DataStream on, embedded store),
 * against a fake DataStream over loopback. Compare with {@link RulesEngineBenchmark}'s engine-only figures:
 * {@code localCheckRepeated} ↔ {@code memoHit}, {@code localCheckFirst} (memo off) ↔ {@code memoMiss}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar DataStreamBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DataStreamBenchmark {
    static final Map<String, String> ACME = Map.of("id", "acme");

    FakeSchematic fake;
    Schematic memo;
    Schematic noMemo;

    @Setup(Level.Trial)
    public void setUp() {
        fake = FakeSchematic.start().contractCheck(false).recordRequests(false).recordEvents(false);
        FakeDataStream ds = fake.dataStream();
        ds.flag(flag("new-ui", false, companyOverride("r1", "comp_1", true)));
        ds.flag(flag("api-calls", false, metricRule("r2", "api-call", "lt", 100, "all_time", true)));
        ds.company(company("comp_1", ACME, metric("comp_1", "api-call", "all_time", 42)));
        memo = client(fake, ds, "10000");
        noMemo = client(fake, ds, "0");
        for (Schematic s : new Schematic[] {memo, noMemo}) {
            FlagCheck c = s.checkFlagDetailed("api-calls", ACME, Map.of());
            if (c.source() != FlagCheck.Source.LOCAL || !c.value()) {
                throw new IllegalStateException("expected a local true: " + c);
            }
        }
    }

    static Schematic client(FakeSchematic fake, FakeDataStream ds, String memoSize) {
        Schematic s = Schematic.builder()
                .apiKey("sch_dev_bench")
                .baseUrl(fake.baseUrl())
                .eventCaptureUrl(fake.baseUrl())
                .property("schematic.datastream.enabled", "true")
                .property("schematic.datastream.url", ds.url())
                .property("schematic.rules.memo-size", memoSize)
                .build();
        if (!s.awaitReady(Duration.ofSeconds(30))) {
            throw new IllegalStateException("not ready: " + s.dataStream());
        }
        return s;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        memo.close();
        noMemo.close();
        fake.close();
    }

    /** A repeated check: cached flag and company, memoized result, flag_check event queued. */
    @Benchmark
    public FlagCheck localCheckRepeated() {
        return memo.checkFlagDetailed("api-calls", ACME, Map.of());
    }

    /** Every check evaluated by the WASM engine (memo off): the cost of a first check of cached entities. */
    @Benchmark
    public FlagCheck localCheckFirst() {
        return noMemo.checkFlagDetailed("api-calls", ACME, Map.of());
    }
}
