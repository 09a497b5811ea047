package dev.schematic.internal.datastream;

import dev.schematic.Schematic;
import dev.schematic.SchematicBuilder;
import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;

/** Builders with DataStream on, pointed at a fake, with waits short enough for tests. */
final class LocalClients {
    static final String API_KEY = "sch_dev_test_key";

    private LocalClients() {}

    static SchematicBuilder against(FakeSchematic fake) {
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
                .property("schematic.datastream.enabled", "true")
                .property("schematic.datastream.url", fake.dataStream().url())
                .property("schematic.datastream.entity-timeout", "1s")
                .property("schematic.datastream.reconnect.min-delay", "20ms")
                .property("schematic.datastream.reconnect.max-delay", "200ms");
    }
}
