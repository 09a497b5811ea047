package dev.schematic.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.EventStats;
import dev.schematic.Schematic;
import dev.schematic.Track;
import dev.schematic.testkit.CapturedEvent;
import dev.schematic.testkit.FakeSchematic;
import dev.schematic.testkit.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventRetryTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static long gapMillis(List<RecordedRequest> requests) {
        return Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt())
                .toMillis();
    }

    @Test
    void retryAfterOn503IsHonoured() {
        try (FakeSchematic fake = FakeSchematic.start();
                Schematic s = CaptureClients.against(fake.baseUrl()).build()) {
            fake.failNext("/batch", 1, 503, "2");
            s.track("e", Map.of("id", "acme"), Map.of());
            fake.awaitEvents(1, WAIT);
            List<RecordedRequest> attempts = fake.requests("POST", "/batch");
            assertEquals(2, attempts.size());
            long gap = gapMillis(attempts);
            assertTrue(gap >= 1_900, "Retry-After: 2 waited 2 s, not the 10 ms backoff; waited " + gap + " ms");
            assertEquals(CaptureClients.keysOf(attempts.get(0)), CaptureClients.keysOf(attempts.get(1)));
        }
    }

    @Test
    void retryAfterOn429IsHonoured() {
        try (FakeSchematic fake = FakeSchematic.start();
                Schematic s = CaptureClients.against(fake.baseUrl()).build()) {
            fake.failNext("/batch", 1, 429, "1");
            s.track("e", Map.of("id", "acme"), Map.of());
            fake.awaitEvents(1, WAIT);
            List<RecordedRequest> attempts = fake.requests("POST", "/batch");
            long gap = gapMillis(attempts);
            assertTrue(gap >= 950, "Retry-After: 1 waited 1 s; waited " + gap + " ms");
            assertEquals(1, s.eventStats().retries());
        }
    }

    @Test
    void closeDuringATwelveSecondOutageUsesItsShutdownTimeoutAndDeliversEverything() throws Exception {
        int port;
        try (FakeSchematic probe = FakeSchematic.start()) {
            port = probe.port();
        } // now the capture port refuses connections
        Schematic s = CaptureClients.against("http://127.0.0.1:" + port)
                .eventsRetryBackoff(Duration.ofMillis(200))
                .eventsShutdownTimeout(Duration.ofSeconds(30))
                .build();
        for (int i = 0; i < 250; i++) {
            s.track("e" + i, Map.of("id", "acme"), Map.of());
        }
        CompletableFuture<FakeSchematic> back = CompletableFuture.supplyAsync(
                () -> FakeSchematic.start(port), CompletableFuture.delayedExecutor(12, TimeUnit.SECONDS));
        long start = System.nanoTime();
        s.close();
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        try (FakeSchematic up = back.get(5, TimeUnit.SECONDS)) {
            assertEquals(250, CaptureClients.uniqueKeys(up.events()).size());
            assertEquals(250, s.eventStats().delivered(), () -> s.eventStats().toString());
            assertEquals(0, s.eventStats().failed());
            assertTrue(tookMs >= 11_000 && tookMs < 30_000, "close() waited for the service: " + tookMs + " ms");
        }
    }

    @Test
    void whatIsLeftWhenTheShutdownTimeoutRunsOutIsCountedAndLogged() {
        int port;
        try (FakeSchematic probe = FakeSchematic.start()) {
            port = probe.port();
        }
        Schematic s = CaptureClients.against("http://127.0.0.1:" + port)
                .eventsShutdownTimeout(Duration.ofSeconds(1))
                .build();
        try (LogRecorder log = new LogRecorder()) {
            for (int i = 0; i < 30; i++) {
                s.track("e" + i, Map.of("id", "acme"), Map.of());
            }
            s.close();
            assertEquals(30, s.eventStats().failed());
            assertEquals(0, s.eventStats().queued() + s.eventStats().inFlight());
            assertEquals(
                    1,
                    log.containing("SEVERE Schematic event buffer closed with 30 event(s) undelivered")
                            .size(),
                    log.lines()::toString);
        }
    }

    @Test
    void flushDuringAnOutageReturnsAfterTheShutdownTimeoutAndKeepsTheEventsQueued() {
        int port;
        try (FakeSchematic probe = FakeSchematic.start()) {
            port = probe.port();
        }
        try (Schematic s = CaptureClients.against("http://127.0.0.1:" + port)
                .eventsShutdownTimeout(Duration.ofSeconds(2))
                .build()) {
            for (int i = 0; i < 3; i++) {
                s.track("e" + i, Map.of("id", "acme"), Map.of());
            }
            long start = System.nanoTime();
            s.flush();
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMs >= 1_900, "flush kept re-sending for the shutdown timeout: " + tookMs + " ms");
            EventStats stats = s.eventStats();
            assertEquals(3, stats.queued() + stats.inFlight(), stats::toString);
            assertEquals(0, stats.failed() + stats.dropped(), stats::toString);
            try (FakeSchematic up = FakeSchematic.start(port)) {
                s.flush();
                assertEquals(3, CaptureClients.uniqueKeys(up.events()).size());
            }
        }
    }

    @Test
    void aBatchWhoseResponseTimesOutIsResentWithTheSameIdempotencyKeys() {
        try (FakeSchematic fake = FakeSchematic.start();
                Schematic s = CaptureClients.against(fake.baseUrl())
                        .property("schematic.events.timeout", "500ms")
                        .build()) {
            fake.delay("/batch", Duration.ofSeconds(3));
            for (int i = 0; i < 5; i++) {
                s.track("e" + i, Map.of("id", "acme"), Map.of());
            }
            fake.awaitRequests("POST", "/batch", 1, WAIT);
            fake.delay("/batch", Duration.ZERO); // the first answer still comes after 3 s: too late
            s.flush();
            List<RecordedRequest> attempts = fake.requests("POST", "/batch");
            assertEquals(2, attempts.size(), "one timed-out attempt and one re-send");
            List<String> first = CaptureClients.keysOf(attempts.get(0));
            assertEquals(5, first.size());
            assertEquals(5, first.stream().distinct().count());
            assertEquals(first, CaptureClients.keysOf(attempts.get(1)), "the re-send carries the same keys");
            assertEquals(5, fake.eventCount(), "the capture service counts each event once");
            assertEquals(5, fake.duplicateEventCount(), "the re-sent copies were recognised as duplicates");
            assertEquals(5, s.eventStats().delivered());
            assertEquals(1, s.eventStats().retries());
        }
    }

    @Test
    void afterAnOutageTheOldestBatchGoesFirst() {
        int port;
        try (FakeSchematic probe = FakeSchematic.start()) {
            port = probe.port();
        }
        try (Schematic s = CaptureClients.against("http://127.0.0.1:" + port)
                .eventsBatchSize(10)
                .build()) {
            for (int i = 0; i < 100; i++) {
                s.track("e" + i, Map.of("id", "acme"), Map.of());
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (s.eventStats().consecutiveFailures() < 3 && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // until every batch has failed and a probe or two too
            }
            assertTrue(
                    s.eventStats().consecutiveFailures() >= 3,
                    () -> s.eventStats().toString());
            try (FakeSchematic up = FakeSchematic.start(port)) {
                List<CapturedEvent> received = up.awaitEvents(100, WAIT);
                List<String> firstBatch = received.subList(0, 10).stream()
                        .map(CapturedEvent::eventName)
                        .toList();
                assertEquals(
                        IntStream.range(0, 10).mapToObj(i -> "e" + i).toList(),
                        firstBatch,
                        "the probe after the outage is the oldest batch, in order");
                assertEquals(100, CaptureClients.uniqueKeys(received).size());
            }
        }
    }

    @Test
    void aRejectedBatchIsCountedAndLoggedAndNotRetried() {
        try (FakeSchematic fake = FakeSchematic.start();
                LogRecorder log = new LogRecorder()) {
            Schematic s = CaptureClients.against(fake.baseUrl()).build();
            fake.failNext("/batch", 10, 422);
            s.track("e", Map.of("id", "acme"), Map.of());
            s.close();
            assertEquals(1, s.eventStats().failed());
            assertEquals(0, s.eventStats().retries());
            assertEquals(1, fake.requests("POST", "/batch").size());
            assertEquals(
                    1,
                    log.containing("SEVERE Schematic event capture rejected a batch; 1 event(s)")
                            .size());
        }
    }

    @Test
    void anUnexpectedErrorIsRetriedMaxRetriesTimesThenCountedAsFailed() {
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        EventBuffer buffer = new EventBuffer(
                batch -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("cannot serialize");
                },
                100,
                Duration.ofMillis(10),
                1000,
                2,
                Duration.ofMillis(1),
                Duration.ofSeconds(5));
        buffer.submit(EventBodies.track("k", Track.event("e").build()));
        buffer.flush().join();
        assertEquals(3, attempts.get(), "one attempt and max-retries (2) re-sends");
        assertEquals(1, buffer.stats().failed());
        buffer.close();
    }
}
