package dev.schematic;

import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;

/** Builders pointed at a fake, with waits short enough for tests. */
final class Clients {
    static final String API_KEY = "sch_dev_test_key";

    private Clients() {}

    static SchematicBuilder against(FakeSchematic fake) {
        return Schematic.builder()
                .apiKey(API_KEY)
                .baseUrl(fake.baseUrl())
                .eventCaptureUrl(fake.baseUrl())
                .timeout(Duration.ofSeconds(5))
                .checksDeadline(Duration.ofSeconds(5))
                .retryBackoff(Duration.ofMillis(10))
                .eventsRetryBackoff(Duration.ofMillis(10))
                .eventsFlushInterval(Duration.ofMillis(100));
    }
}
