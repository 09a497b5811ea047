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

class OverflowEpisodesTest {
    private static final String FULL = "WARNING Schematic event queue is full (50 events)";
    private static final String OVER = "WARNING Schematic event queue overflow #";

    @Test
    void eachOverflowEpisodeLogsOneWarningAndASummaryWithItsOwnCount() {
        try (FakeSchematic fake = FakeSchematic.start();
                LogRecorder log = new LogRecorder();
                Schematic s = CaptureClients.against(fake.baseUrl())
                        .eventsFlushInterval(Duration.ofHours(1))
                        .eventsMaxQueue(50)
                        .eventsBatchSize(100)
                        .build()) {
            for (int i = 0; i < 80; i++) {
                s.track("a" + i, Map.of("id", "acme"), Map.of());
            }
            assertEquals(1, log.containing(FULL).size(), "one warning for 30 drops: " + log.lines());
            assertEquals(0, log.containing(OVER).size(), "the episode is not over while the queue is full");
            s.flush();
            assertEquals(
                    List.of("WARNING Schematic event queue overflow #1 over: 30 event(s) dropped"),
                    log.containing(OVER).stream()
                            .map(l -> l.substring(0, l.indexOf(" in ")))
                            .toList());

            for (int i = 0; i < 70; i++) {
                s.track("b" + i, Map.of("id", "acme"), Map.of());
            }
            assertEquals(2, log.containing(FULL).size(), "a new episode, a new warning: " + log.lines());
            s.flush();
            List<String> summaries = log.containing(OVER);
            assertEquals(2, summaries.size(), summaries::toString);
            assertTrue(summaries.get(1).startsWith(OVER + "2 over: 20 event(s) dropped in "), summaries.get(1));
            assertTrue(summaries.get(1).endsWith("; 50 dropped in total"), summaries.get(1));

            EventStats stats = s.eventStats();
            assertEquals(50, stats.dropped());
            assertEquals(2, stats.overflows());
            assertEquals(100, stats.delivered());
            List<String> names =
                    fake.events().stream().map(CapturedEvent::eventName).toList();
            assertEquals("a30", names.get(0), "the oldest were dropped");
            assertEquals("b20", names.get(50));
        }
    }

    @Test
    void anEpisodeStillRunningAtCloseGetsItsSummary() {
        try (FakeSchematic fake = FakeSchematic.start();
                LogRecorder log = new LogRecorder()) {
            Schematic s = CaptureClients.against(fake.baseUrl())
                    .eventsFlushInterval(Duration.ofHours(1))
                    .eventsMaxQueue(10)
                    .eventsBatchSize(100)
                    .build();
            for (int i = 0; i < 15; i++) {
                s.track("e" + i, Map.of("id", "acme"), Map.of());
            }
            s.close();
            List<String> summaries = log.containing("WARNING Schematic event queue overflow #1 over: 5 event(s)");
            assertEquals(1, summaries.size(), log.lines()::toString);
            assertEquals(10, fake.eventCount());
        }
    }

    @Test
    void eventsAfterCloseAreCountedAndTheFirstIsLogged() {
        try (FakeSchematic fake = FakeSchematic.start();
                LogRecorder log = new LogRecorder()) {
            Schematic s = CaptureClients.against(fake.baseUrl()).build();
            s.track("before", Map.of("id", "acme"), Map.of());
            s.close();
            s.track("after", Map.of("id", "acme"), Map.of());
            s.track("after", Map.of("id", "acme"), Map.of());
            assertEquals(2, s.eventStats().dropped());
            assertEquals(
                    1,
                    log.containing("WARNING Schematic event buffer is closed; dropped a track event")
                            .size());
        }
    }
}
