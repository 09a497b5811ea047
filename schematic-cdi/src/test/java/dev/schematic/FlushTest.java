package dev.schematic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlushTest {

    @Test
    void flushWaitsForBatchesAlreadyInFlight() {
        try (FakeSchematic fake = FakeSchematic.start();
                Schematic s = Clients.against(fake).eventsBatchSize(1).build()) {
            fake.delay("/batch", Duration.ofMillis(500));
            s.track("e", Map.of("id", "acme"), Map.of());
            fake.awaitRequests("POST", "/batch", 1, Duration.ofSeconds(10));
            s.flush();
            assertEquals(1, s.eventStats().delivered(), "flush returned only after the in-flight batch was answered");
        }
    }
}
