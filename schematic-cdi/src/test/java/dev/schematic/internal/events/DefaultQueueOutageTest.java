package dev.schematic.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.EventStats;
import dev.schematic.Schematic;
import dev.schematic.internal.config.Catalogue;
import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default queue (docs/events.md, "Queue size") holds what the load benchmark's 20 s capture outage produced at
 * 3,000 events/s: 60,000 events, all acknowledged by {@code track}, are counted once by the capture service after it
 * recovers; nothing is dropped, and no overflow is logged.
 */
class DefaultQueueOutageTest {
    static final int EVENTS = 60_000;

    @Test
    void sixtyThousandEventsOfAnOutageAreCountedOnceAfterRecovery() throws Exception {
        assertEquals(
                "100000", Catalogue.EVENTS_MAX_QUEUE.defaultValue().orElseThrow(), "the default this test relies on");
        FakeSchematic down = FakeSchematic.start();
        int port = down.port();
        down.close(); // refused, as in the load benchmark's refuse shape
        Schematic s = CaptureClients.against("http://127.0.0.1:" + port)
                .eventsRetryBackoff(Duration.ofMillis(200))
                .build();
        try (LogRecorder log = new LogRecorder()) {
            for (int i = 0; i < EVENTS; i++) {
                s.track("pages-printed", Map.of("id", "c" + (i % 10_000)), Map.of("document", "d" + i));
            }
            EventStats during = s.eventStats();
            assertEquals(0, during.dropped(), during::toString);
            assertEquals(EVENTS, during.queued() + during.inFlight(), during::toString);

            try (FakeSchematic up = FakeSchematic.start(port).recordEvents(false)) { // counts by key, keeps none
                assertEquals(EVENTS, up.awaitEventCount(EVENTS, Duration.ofSeconds(120)), "every event arrived");
                s.flush();
                EventStats after = s.eventStats();
                assertEquals(EVENTS, after.delivered(), after::toString);
                assertEquals(0, after.dropped() + after.failed() + after.queued() + after.inFlight());
                assertEquals(0, up.duplicateEventCount(), "counted once");
                assertEquals(EVENTS, up.eventCount());
                assertTrue(log.containing("event queue is full").isEmpty(), log.lines()::toString);
            }
        } finally {
            s.close();
        }
    }
}
