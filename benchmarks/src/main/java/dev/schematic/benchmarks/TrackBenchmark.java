package dev.schematic.benchmarks;

import dev.schematic.EventStats;
import dev.schematic.Schematic;
import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * The caller's cost of {@code track()} (goal: ≤ 2 µs median) while the buffer really delivers to the fake in batches
 * of 100, against a baseline of adding a comparable object to a {@link ConcurrentLinkedQueue} in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrackBenchmark {
    private static final Map<String, String> COMPANY = Map.of("id", "acme");
    private static final Map<String, String> USER = Map.of("email", "ada@acme.io");
    private static final Map<String, Object> TRAITS = Map.of("endpoint", "/search");

    FakeSchematic fake;
    Schematic schematic;
    final ConcurrentLinkedQueue<Object[]> baselineQueue = new ConcurrentLinkedQueue<>();

    @Setup(Level.Trial)
    public void setUp() {
        fake = FakeSchematic.start().contractCheck(false).recordRequests(false).recordEvents(false);
        schematic = Schematic.builder()
                .apiKey("sch_dev_bench")
                .baseUrl(fake.baseUrl())
                .eventCaptureUrl(fake.baseUrl())
                .eventsFlushInterval(Duration.ofMillis(100))
                .eventsMaxQueue(1_000_000)
                .build();
    }

    @Setup(Level.Iteration)
    public void drainBaseline() {
        baselineQueue.clear();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        schematic.close();
        EventStats stats = schematic.eventStats();
        System.out.printf(
                "%n[track] submitted=%d delivered=%d dropped=%d failed=%d%n",
                stats.submitted(), stats.delivered(), stats.dropped(), stats.failed());
        fake.close();
    }

    @Benchmark
    public void track() {
        schematic.track("api-call", COMPANY, USER, TRAITS, 1);
    }

    @Benchmark
    public boolean baselineQueueAdd() {
        return baselineQueue.add(new Object[] {"api-call", COMPANY, USER, TRAITS, 1L});
    }
}
