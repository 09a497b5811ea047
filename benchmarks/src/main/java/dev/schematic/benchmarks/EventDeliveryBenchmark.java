package dev.schematic.benchmarks;

import dev.schematic.EventStats;
import dev.schematic.Schematic;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sustained delivery (goal: ≥ 100,000 events/s to the fake in batches of 100): each invocation submits
 * {@value #EVENTS} tracks and waits until the fake has received all of them. JMH reports events per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, batchSize = 1)
@Measurement(iterations = 10, batchSize = 1)
@Fork(1)
public class EventDeliveryBenchmark {
    static final int EVENTS = 50_000;
    private static final Map<String, String> COMPANY = Map.of("id", "acme");

    FakeSchematic fake;
    Schematic schematic;
    long delivered;

    @Setup(Level.Trial)
    public void setUp() {
        fake = FakeSchematic.start().contractCheck(false).recordRequests(false).recordEvents(false);
        schematic = Schematic.builder()
                .apiKey("sch_dev_bench")
                .baseUrl(fake.baseUrl())
                .eventCaptureUrl(fake.baseUrl())
                .eventsBatchSize(100)
                .eventsFlushInterval(Duration.ofMillis(50))
                .eventsMaxQueue(EVENTS * 2)
                .build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        schematic.close();
        EventStats stats = schematic.eventStats();
        System.out.printf(
                "%n[delivery] submitted=%d delivered=%d dropped=%d failed=%d batches=%d fake-received=%d%n",
                stats.submitted(),
                stats.delivered(),
                stats.dropped(),
                stats.failed(),
                stats.batches(),
                fake.eventCount());
        fake.close();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long submitAndDeliver() {
        for (int i = 0; i < EVENTS; i++) {
            schematic.track("api-call", COMPANY, Map.of(), Map.of(), 1);
        }
        delivered += EVENTS;
        return fake.awaitEventCount(delivered, Duration.ofMinutes(2));
    }
}
