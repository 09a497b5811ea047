package dev.schematic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeSchematicExtension.class)
class BatchCaptureTest {
    static FakeSchematic fake;
    static Http http;

    @BeforeAll
    static void start(FakeSchematic server) { // started, reset before each test and closed by the extension
        fake = server;
        http = new Http(server);
    }

    @Test
    void recordsEventsInOrderWithTheirFields() {
        String body = "{\"events\":["
                + "{\"api_key\":\"k1\",\"type\":\"identify\",\"body\":{\"keys\":{\"email\":\"a@b.c\"},"
                + "\"company\":{\"keys\":{\"id\":\"acme\"}}},\"sent_at\":\"2024-05-01T10:00:00Z\"},"
                + "{\"api_key\":\"k1\",\"type\":\"track\",\"body\":{\"event\":\"api-call\",\"company\":{\"id\":\"acme\"},"
                + "\"user\":{\"id\":\"u1\"},\"quantity\":3},\"idempotency_key\":\"idem-1\"}]}";
        Http.Reply r = http.post("/batch", body, Map.of("X-Schematic-Api-Key", "k1"));
        assertEquals(200, r.status(), r.body());

        List<CapturedEvent> events = fake.events();
        assertEquals(2, events.size());
        CapturedEvent identify = events.get(0);
        assertEquals("identify", identify.type());
        assertEquals("k1", identify.apiKey());
        assertEquals("2024-05-01T10:00:00Z", identify.sentAt());
        assertEquals(Map.of("email", "a@b.c"), identify.userKeys());
        assertEquals(Map.of("id", "acme"), identify.companyKeys());

        CapturedEvent track = fake.events("track").get(0);
        assertEquals("api-call", track.eventName());
        assertEquals(3, track.body().getInt("quantity"));
        assertEquals("idem-1", track.idempotencyKey());
        assertEquals(Map.of("id", "acme"), track.companyKeys());
        assertEquals(Map.of("id", "u1"), track.userKeys());
        assertEquals(null, track.sentAt());
        assertEquals(List.of(2), fake.batchSizes());
        assertEquals(1, fake.requests("POST", "/batch").size());
        assertEquals("k1", fake.requests().get(0).header("x-schematic-api-key"));
    }

    @Test
    void acceptsExactly100AndRejects101() {
        assertEquals(200, http.post("/batch", Http.events(100, "track")).status());
        Http.Reply tooBig = http.post("/batch", Http.events(101, "track"));
        assertEquals(400, tooBig.status());
        assertEquals("batch too large", tooBig.json().getString("error"));
        assertEquals(100, tooBig.json().getInt("max_size"));
        assertEquals(100, fake.events().size());
        assertEquals(List.of(100), fake.batchSizes());
        assertEquals(2, fake.requests("POST", "/batch").size(), "rejected request is still recorded");
    }

    @Test
    void malformedBatchIs400() {
        assertEquals(400, http.post("/batch", "{\"events\":{}}").status());
        assertEquals(400, http.post("/batch", "not json").status());
        assertEquals(0, fake.eventCount());
    }

    @Test
    void unknownEventTypeIs400NamingTheEvent() {
        String body = Http.events(2, "track").replaceFirst("\"type\":\"track\"", "\"type\":\"pageview\"");
        Http.Reply r = http.post("/batch", body);
        assertEquals(400, r.status());
        assertTrue(r.json().getString("error").startsWith("events[0].type: unknown event type \"pageview\""), r.body());
        assertEquals(0, fake.eventCount(), "the whole batch is rejected");
    }

    @Test
    void missingApiKeyIs400() {
        String body = Http.events(2, "track").replace("\"api_key\":\"" + Http.API_KEY + "\",", "");
        Http.Reply r = http.post("/batch", body);
        assertEquals(400, r.status());
        assertEquals("events[0].api_key is required", r.json().getString("error"));
        assertEquals(0, fake.eventCount());
    }

    @Test
    void bodyMustBeAnObjectAndIdempotencyKeyAStringOfAtMost255() {
        String base = "{\"events\":[{\"api_key\":\"k\",\"type\":\"track\",";
        Http.Reply body = http.post("/batch", base + "\"body\":[1]}]}");
        assertEquals(400, body.status());
        assertEquals("events[0].body must be an object", body.json().getString("error"));
        Http.Reply longKey = http.post(
                "/batch", base + "\"body\":{\"event\":\"e\"},\"idempotency_key\":\"" + "x".repeat(256) + "\"}]}");
        assertEquals(400, longKey.status());
        assertTrue(longKey.json().getString("error").startsWith("events[0].idempotency_key"), longKey.body());
        Http.Reply okKey = http.post(
                "/batch", base + "\"body\":{\"event\":\"e\"},\"idempotency_key\":\"" + "x".repeat(255) + "\"}]}");
        assertEquals(200, okKey.status());
        assertEquals(1, fake.eventCount());
    }

    @Test
    void lenientCaptureAcceptsWhatTheServiceWouldReject() {
        fake.lenientCapture(true);
        String body = "{\"events\":[{\"type\":\"pageview\",\"body\":{}},{\"body\":{\"event\":\"x\"}}]}";
        assertEquals(200, http.post("/batch", body).status());
        assertEquals(2, fake.eventCount());
        assertEquals("pageview", fake.events().get(0).type());
        fake.reset();
        assertEquals(400, http.post("/batch", body).status(), "reset makes validation strict again");
    }

    @Test
    void eventsByType() {
        http.post("/batch", Http.events(3, "track"));
        http.post("/batch", Http.events(2, "identify"));
        assertEquals(3, fake.events("track").size());
        assertEquals(2, fake.events("identify").size());
        assertEquals(0, fake.events("flag_check").size());
        assertEquals(List.of(3, 2), fake.batchSizes());
    }

    @Test
    void awaitEventsWaitsForLateEvents() throws Exception {
        Thread sender = new Thread(() -> {
            sleep(150);
            http.post("/batch", Http.events(5, "track"));
        });
        sender.start();
        List<CapturedEvent> got = fake.awaitEvents(5, Duration.ofSeconds(5));
        assertEquals(5, got.size());
        assertEquals(5, fake.awaitEvents("track", 5, Duration.ofSeconds(1)).size());
        sender.join();
    }

    @Test
    void awaitEventsTimeoutNamesExpectedAndActual() {
        http.post("/batch", Http.events(3, "track"));
        AssertionError e = assertThrows(AssertionError.class, () -> fake.awaitEvents(5, Duration.ofMillis(100)));
        assertTrue(e.getMessage().contains("Expected at least 5 events"), e.getMessage());
        assertTrue(e.getMessage().contains("received 3"), e.getMessage());
        AssertionError typed =
                assertThrows(AssertionError.class, () -> fake.awaitEvents("identify", 1, Duration.ofMillis(50)));
        assertTrue(typed.getMessage().contains("\"identify\" events"), typed.getMessage());
        assertTrue(typed.getMessage().contains("received 0"), typed.getMessage());
    }

    @Test
    void recordingCanBeTurnedOffForLoadTests() {
        fake.recordEvents(false).recordRequests(false);
        http.post("/batch", Http.events(10, "track"));
        assertEquals(10, fake.awaitEventCount(10, Duration.ofSeconds(1)));
        assertEquals(0, fake.events().size());
        assertEquals(0, fake.requests().size());
        assertEquals(1, fake.requestCount());
        assertEquals(List.of(10), fake.batchSizes());
    }

    @Test
    void concurrentBatchesAreAllRecorded() throws Exception {
        int threads = 8;
        int perThread = 25;
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            // one thread each; join() rethrows a sender's failed assertion, which a bare Thread would only log
            senders.add(CompletableFuture.runAsync(
                    () -> {
                        for (int i = 0; i < perThread; i++) {
                            assertEquals(
                                    200,
                                    http.post("/batch", Http.events(100, "track"))
                                            .status());
                        }
                    },
                    task -> new Thread(task).start()));
        }
        CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).join();
        assertEquals(threads * perThread * 100, fake.events().size());
        assertEquals(threads * perThread, fake.batchSizes().size());
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
