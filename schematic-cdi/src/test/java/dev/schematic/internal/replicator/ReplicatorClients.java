package dev.schematic.internal.replicator;

import dev.schematic.Schematic;
import dev.schematic.SchematicBuilder;
import dev.schematic.testkit.FakeReplicator;
import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Builders in replicator mode pointed at a fake replicator and a Redis-protocol server, with short waits. */
final class ReplicatorClients {
    static final String API_KEY = "sch_dev_test_key";

    private ReplicatorClients() {}

    static SchematicBuilder against(FakeSchematic fake, FakeReplicator replicator, String redisUrl) {
        return Schematic.builder()
                .apiKey(API_KEY)
                .baseUrl(fake.baseUrl())
                .eventCaptureUrl(fake.baseUrl())
                .timeout(Duration.ofSeconds(5))
                .maxRetries(0)
                .retryBackoff(Duration.ofMillis(10))
                .eventsRetryBackoff(Duration.ofMillis(10))
                .eventsFlushInterval(Duration.ofMillis(100))
                .cacheEnabled(false)
                .property("schematic.datastream.replicator-mode", "true")
                .property("schematic.datastream.replicator-health-url", replicator.healthUrl())
                .property("schematic.datastream.replicator-health-interval", "100ms")
                .property("schematic.datastream.redis.url", redisUrl);
    }

    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
