package dev.schematic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.testkit.CapturedEvent;
import dev.schematic.testkit.FakeSchematic;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventsTest {
    // generous: the first capture request of a JVM loads the REST client stack (~10 s seen on a loaded 2-core box)
    private static final Duration WAIT = Duration.ofSeconds(30);
    FakeSchematic fake;

    @BeforeEach
    void startFake() {
        fake = FakeSchematic.start();
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void anIdentifyIsPostedToTheCaptureServiceInTheDocumentedShape() {
        try (Schematic s = Clients.against(fake).build()) {
            s.identify(Identify.user(Map.of("email", "ada@acme.io"))
                    .name("Ada")
                    .traits(Map.of("role", "admin"))
                    .company(Map.of("domain", "acme.io"), "Acme", Map.of("seats", 12))
                    .idempotencyKey("idem-1")
                    .build());
            CapturedEvent e = fake.awaitEvents(1, WAIT).get(0);
            JsonObject raw = e.raw();
            assertEquals(Set.of("api_key", "type", "body", "sent_at", "idempotency_key"), raw.keySet());
            assertEquals("identify", raw.getString("type"));
            assertEquals(Clients.API_KEY, raw.getString("api_key"));
            assertEquals("idem-1", raw.getString("idempotency_key"));
            Instant.parse(raw.getString("sent_at"));
            JsonObject body = raw.getJsonObject("body");
            assertEquals(Set.of("keys", "name", "traits", "company"), body.keySet());
            assertEquals("ada@acme.io", body.getJsonObject("keys").getString("email"));
            assertEquals("admin", body.getJsonObject("traits").getString("role"));
            JsonObject company = body.getJsonObject("company");
            assertEquals("acme.io", company.getJsonObject("keys").getString("domain"));
            assertEquals("Acme", company.getString("name"));
            assertEquals(12, company.getJsonObject("traits").getInt("seats"));
        }
    }

    @Test
    void aTrackCarriesItsQuantityAndLeavesUnsetFieldsOut() {
        try (Schematic s = Clients.against(fake).build()) {
            s.track("api-call", Map.of("id", "acme"), Map.of(), Map.of("endpoint", "/search"), 5);
            s.track("login", Map.of(), Map.of("email", "ada@acme.io"));
            List<CapturedEvent> events = fake.awaitEvents(2, WAIT);
            JsonObject first = events.get(0).raw();
            assertEquals(Set.of("api_key", "type", "body", "sent_at", "idempotency_key"), first.keySet());
            assertEquals("track", first.getString("type"));
            JsonObject body = first.getJsonObject("body");
            assertEquals(Set.of("event", "company", "traits", "quantity"), body.keySet());
            assertEquals("api-call", body.getString("event"));
            assertEquals(5, body.getJsonNumber("quantity").longValue());
            assertEquals("acme", body.getJsonObject("company").getString("id"));
            JsonObject second = events.get(1).raw().getJsonObject("body");
            assertEquals(Set.of("event", "user"), second.keySet(), "no quantity, no empty maps: " + second);
        }
    }

    @Test
    void trackOptionsAreSentWhenSet() {
        Instant when = Instant.parse("2026-01-02T03:04:05Z");
        try (Schematic s = Clients.against(fake).build()) {
            s.track(Track.event("import")
                    .company(Map.of("id", "acme"))
                    .quantity(3)
                    .sentAt(when)
                    .trustedClientClock(true)
                    .backfill(true)
                    .idempotencyKey("imp-1")
                    .build());
            JsonObject raw = fake.awaitEvents(1, WAIT).get(0).raw();
            assertEquals(when, Instant.parse(raw.getString("sent_at")));
            assertTrue(raw.getBoolean("trusted_client_clock"));
            assertTrue(raw.getBoolean("backfill"));
            assertEquals("imp-1", raw.getString("idempotency_key"));
        }
    }

    @Test
    void closeDeliversEveryQueuedEventNotJustOneBatch() {
        Schematic s =
                Clients.against(fake).eventsFlushInterval(Duration.ofHours(1)).build();
        for (int i = 0; i < 250; i++) {
            s.track("e" + i, Map.of("id", "acme"), Map.of());
        }
        assertEquals(0, fake.eventCount(), "nothing is sent before the interval or close");
        s.close();
        assertEquals(250, fake.eventCount());
        assertEquals(250, s.eventStats().delivered());
        assertEquals(0, s.eventStats().dropped() + s.eventStats().failed());
        assertTrue(
                fake.batchSizes().stream().allMatch(n -> n <= 100),
                fake.batchSizes().toString());
        Set<String> names = fake.events().stream().map(CapturedEvent::eventName).collect(Collectors.toSet());
        assertEquals(250, names.size(), "every distinct event arrived once");
    }

    @Test
    void aFullBatchIsSentWithoutWaitingForTheInterval() {
        try (Schematic s = Clients.against(fake)
                .eventsFlushInterval(Duration.ofHours(1))
                .eventsBatchSize(10)
                .build()) {
            for (int i = 0; i < 10; i++) {
                s.track("e", Map.of("id", "acme"), Map.of());
            }
            fake.awaitEvents(10, WAIT);
            assertEquals(List.of(10), fake.batchSizes());
        }
    }

    @Test
    void aFullQueueDropsTheOldestAndCountsThem() {
        Schematic s = Clients.against(fake)
                .eventsFlushInterval(Duration.ofHours(1))
                .eventsMaxQueue(50)
                .eventsBatchSize(100)
                .build();
        for (int i = 0; i < 80; i++) {
            s.track("e" + i, Map.of("id", "acme"), Map.of());
        }
        EventStats before = s.eventStats();
        assertEquals(30, before.dropped());
        assertEquals(50, before.queued());
        s.close();
        List<String> names =
                fake.events().stream().map(CapturedEvent::eventName).toList();
        assertEquals(50, names.size());
        assertEquals("e30", names.get(0), "the oldest were dropped");
    }

    @Test
    void aFailedBatchIsRetriedAndDelivered() {
        Schematic s = Clients.against(fake).build();
        fake.failNext("/batch", 2, 503);
        s.track("e", Map.of("id", "acme"), Map.of());
        fake.awaitEvents(1, WAIT);
        s.close();
        assertEquals(2, s.eventStats().retries());
        assertEquals(1, s.eventStats().delivered());
        assertEquals(3, fake.requests("POST", "/batch").size());
    }

    @Test
    void aBatchThatKeepsFailingWith5xxIsNotGivenUpOnWhateverMaxRetriesSays() {
        Schematic s = Clients.against(fake).eventsMaxRetries(1).build();
        fake.failNext("/batch", 10, 500);
        s.track("e", Map.of("id", "acme"), Map.of());
        s.close();
        assertEquals(1, s.eventStats().delivered(), "max-retries does not apply to outages");
        assertEquals(0, s.eventStats().failed());
        assertEquals(10, s.eventStats().retries());
        assertEquals(11, fake.requests("POST", "/batch").size(), "ten failures, then the delivery");
    }

    @Test
    void aRejectedBatchIsNotRetried() {
        Schematic s = Clients.against(fake).build();
        fake.failNext("/batch", 10, 400);
        s.track("e", Map.of("id", "acme"), Map.of());
        s.close();
        assertEquals(1, s.eventStats().failed());
        assertEquals(1, fake.requests("POST", "/batch").size());
    }

    @Test
    void eventsAfterCloseAreCountedAsDropped() {
        Schematic s = Clients.against(fake).build();
        s.track("before", Map.of("id", "acme"), Map.of());
        s.close();
        s.track("after", Map.of("id", "acme"), Map.of());
        assertEquals(1, s.eventStats().dropped());
        assertEquals(1, fake.eventCount());
    }

    @Test
    void badInputIsLoggedNotThrownAndNothingIsSent() {
        try (Schematic s = Clients.against(fake).build()) {
            s.track("  ", Map.of("id", "acme"), Map.of());
            s.identify(Map.of());
            s.flush();
            assertEquals(0, s.eventStats().submitted());
        }
        assertEquals(0, fake.eventCount());
    }

    @Test
    void trackReturnsWithoutWaitingForTheNetwork() {
        fake.delay("/batch", Duration.ofSeconds(1));
        try (Schematic s = Clients.against(fake).eventsBatchSize(1).build()) {
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                s.track("e", Map.of("id", "acme"), Map.of());
            }
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMs < 500, "20 tracks took " + tookMs + " ms");
            assertFalse(s.eventStats().delivered() == 20);
            fake.delay("/batch", Duration.ZERO);
        }
    }
}
