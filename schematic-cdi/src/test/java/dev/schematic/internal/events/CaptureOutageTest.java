package dev.schematic.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.EventStats;
import dev.schematic.Schematic;
import dev.schematic.testkit.CapturedEvent;
import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one long test: the capture service down for 60 s (30 s of 503s, then 30 s of refused connections). */
class CaptureOutageTest {

    @Test
    void aSixtySecondOutageLosesNoEvent() throws Exception {
        FakeSchematic down = FakeSchematic.start();
        int port = down.port();
        down.failNext("/batch", 1_000_000, 503);
        Schematic s = CaptureClients.against(down.baseUrl())
                .eventsRetryBackoff(Duration.ofMillis(400)) // waits double up to 8 x 400 ms = 3.2 s
                .build();
        try (LogRecorder log = new LogRecorder()) {
            for (int i = 0; i < 1000; i++) {
                if (i % 10 == 0) {
                    s.identify(Map.of("email", "user" + i + "@acme.io"));
                } else {
                    s.track("e" + i, Map.of("id", "acme"), Map.of());
                }
            }
            Thread.sleep(30_000);
            int attemptsDuring503 = down.requests("POST", "/batch").size();
            down.close(); // now connections are refused
            Thread.sleep(30_000);

            EventStats during = s.eventStats();
            assertEquals(0, during.delivered());
            assertEquals(0, during.dropped() + during.failed(), during::toString);
            assertEquals(1000, during.queued() + during.inFlight(), during::toString);
            assertTrue(during.consecutiveFailures() >= 5, during::toString);
            assertTrue(
                    attemptsDuring503 >= 3 && attemptsDuring503 <= 20,
                    "backing off, not hammering: " + attemptsDuring503 + " attempts in 30 s");
            assertEquals(
                    1,
                    log.containing("WARNING Schematic event capture failed").size(),
                    "one warning when the outage starts, not one per attempt: " + log.lines());

            try (FakeSchematic up = FakeSchematic.start(port)) {
                List<CapturedEvent> received = up.awaitEvents(1000, Duration.ofSeconds(30));
                assertEquals(1000, CaptureClients.uniqueKeys(received).size(), "all 1,000 events, each once");
                s.flush();
                EventStats after = s.eventStats();
                assertEquals(1000, after.delivered(), after::toString);
                assertEquals(0, after.dropped() + after.failed() + after.queued() + after.inFlight());
                assertEquals(0, after.consecutiveFailures());
                assertEquals(1000, up.eventCount(), "nothing sent twice to the service that answered");
                assertEquals(
                        1,
                        log.containing("INFO Schematic event capture is answering again")
                                .size());
                s.close();
            }
        } finally {
            s.close();
        }
    }
}
