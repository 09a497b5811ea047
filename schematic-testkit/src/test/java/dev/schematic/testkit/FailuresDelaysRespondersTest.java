package dev.schematic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeSchematicExtension.class)
class FailuresDelaysRespondersTest {

    @Test
    void failNextAppliesToTheNextRequestsOnAnyPathAndIsRecorded(FakeSchematic fake) {
        Http http = new Http(fake);
        fake.flag("f");
        fake.failNext(2, 503);
        Http.Reply first = http.post("/flags/f/check", "{}");
        assertEquals(503, first.status());
        assertEquals("{\"error\":\"Service Unavailable\"}", first.body());
        assertEquals(503, http.post("/batch", Http.events(1, "track")).status());
        assertEquals(200, http.post("/flags/f/check", "{}").status());
        assertEquals(0, fake.events().size(), "a failed batch records no events");
        assertEquals(3, fake.requests().size(), "failed requests are recorded");
    }

    @Test
    void failNextWithRetryAfter(FakeSchematic fake) {
        fake.failNext(1, 429, "2");
        Http.Reply r = new Http(fake).get("/companies/x");
        assertEquals(429, r.status());
        assertEquals("2", r.header("Retry-After"));
        assertEquals("Too Many Requests", r.json().getString("error"));
        assertNull(new Http(fake).get("/companies/x").header("Retry-After"));
    }

    @Test
    void failNextScopedToAPathPrefix(FakeSchematic fake) {
        Http http = new Http(fake);
        fake.flag("f");
        fake.failNext("/batch", 1, 500);
        assertEquals(200, http.post("/flags/f/check", "{}").status());
        assertEquals(500, http.post("/batch", Http.events(1, "track")).status());
        assertEquals(200, http.post("/batch", Http.events(1, "track")).status());
        assertEquals(1, fake.events().size());
    }

    @Test
    void failuresAreConsumedInOrder(FakeSchematic fake) {
        Http http = new Http(fake);
        fake.failNext(1, 500).failNext(1, 502);
        assertEquals(500, http.get("/x").status());
        assertEquals(502, http.get("/x").status());
        assertEquals(404, http.get("/x").status());
    }

    @Test
    void delayAppliesToEveryResponseUntilCleared(FakeSchematic fake) {
        Http http = new Http(fake);
        fake.delay(Duration.ofMillis(300));
        long start = System.nanoTime();
        assertEquals(404, http.get("/x").status());
        assertTrue(System.nanoTime() - start >= 290_000_000L, "delayed");
        fake.delay(Duration.ZERO);
        start = System.nanoTime();
        http.get("/x");
        assertTrue(System.nanoTime() - start < 250_000_000L, "not delayed after ZERO");
    }

    @Test
    void delayScopedToAPathCausesClientTimeouts(FakeSchematic fake) {
        Http http = new Http(fake);
        fake.delay("/batch", Duration.ofSeconds(2));
        UncheckedIOException e = assertThrows(
                UncheckedIOException.class,
                () -> http.send("POST", "/batch", Http.events(1, "track"), Map.of(), Duration.ofMillis(200)));
        assertTrue(e.getCause() instanceof HttpTimeoutException);
        long start = System.nanoTime();
        assertEquals(404, http.get("/other").status());
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "other paths not delayed");
        assertEquals(1, fake.requests("POST", "/batch").size(), "the delayed request was recorded at once");
    }

    @Test
    void respondMatchesTemplatesAndOverridesBuiltIns(FakeSchematic fake) {
        Http http = new Http(fake);
        fake.respond("GET", "/plans/{plan_id}", 200, "{\"data\":{\"id\":\"plan_1\"},\"params\":{}}");
        Http.Reply r = http.get("/plans/plan_1?include=x");
        assertEquals(200, r.status());
        assertEquals("plan_1", r.data().getString("id"));
        assertEquals("application/json; charset=utf-8", r.header("Content-Type"));
        assertEquals(404, http.get("/plans/plan_1/extra").status(), "{name} matches one segment only");
        assertEquals(404, http.post("/plans/plan_1", "{}").status(), "method must match");

        fake.flag("f");
        fake.respond("POST", "/flags/{key}/check", 500, "{\"error\":\"boom\"}");
        assertEquals(500, http.post("/flags/f/check", "{}").status());

        fake.respond("POST", "/flags/{key}/check", 201, "{\"ok\":true}"); // replaces the previous one
        assertEquals(201, http.post("/flags/f/check", "{}").status());

        fake.respond("*", "/catalogs/{id}/plans/{plan_id}", 204, null);
        Http.Reply empty = http.delete("/catalogs/c1/plans/p1");
        assertEquals(204, empty.status());
        assertEquals("", empty.body());
    }

    @Test
    void respondWithExtraHeaders(FakeSchematic fake) {
        fake.respond("GET", "/x", 200, "{}", Map.of("X-Custom", "yes"));
        assertEquals("yes", new Http(fake).get("/x").header("X-Custom"));
    }

    @Test
    void unmatchedIs404(FakeSchematic fake) {
        Http.Reply r = new Http(fake).get("/nope/nothing");
        assertEquals(404, r.status());
        assertEquals("{\"error\":\"Not found\"}", r.body());
    }

    @Test
    void requireApiKeyGuardsRestAndCaptureEvents(FakeSchematic fake) {
        Http http = new Http(fake);
        fake.flag("f");
        fake.requireApiKey("sch_dev_right");
        Http.Reply other = http.post("/flags/f/check", "{}");
        assertEquals(401, other.status());
        assertEquals("invalid API key", other.json().getString("error"));
        assertEquals(
                401,
                http.post("/flags/f/check", "{}", Map.of("X-Schematic-Api-Key", "wrong"))
                        .status());
        assertEquals(
                200,
                http.post("/flags/f/check", "{}", Map.of("X-Schematic-Api-Key", "sch_dev_right"))
                        .status());
        fake.respond("GET", "/plans", 200, "{}");
        assertEquals(401, http.get("/plans").status(), "custom responses are REST endpoints too");
        assertEquals(
                401,
                http.post("/batch", Http.events(1, "track")).status(),
                "capture checks each event's api_key, not the header");
        assertEquals(
                200,
                http.post("/batch", Http.events(1, "track").replace(Http.API_KEY, "sch_dev_right"))
                        .status());
        fake.requireApiKey(null);
        assertEquals(200, http.post("/flags/f/check", "{}").status(), "back to the default: any key");
    }

    @Test
    void missingApiKeyIs401UnlessAccepted(FakeSchematic fake) {
        fake.flag("f");
        HttpRequest noKey = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/flags/f/check"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        HttpResponse<String> r = send(noKey);
        assertEquals(401, r.statusCode());
        assertEquals("{\"error\":\"missing X-Schematic-Api-Key header\"}", r.body());
        fake.acceptMissingApiKey();
        assertEquals(200, send(noKey).statusCode());
        fake.reset().flag("f");
        assertEquals(401, send(noKey).statusCode(), "reset requires the key again");
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void recordsRequestDetails(FakeSchematic fake) {
        Http http = new Http(fake);
        http.send("PUT", "/some/pa%20th?a=1&b=x%20y&a=2", "{\"k\":1}", Map.of("X-Schematic-Api-Key", "key1"));
        RecordedRequest r = fake.requests().get(0);
        assertEquals("PUT", r.method());
        assertEquals("/some/pa th", r.path());
        assertEquals("a=1&b=x%20y&a=2", r.query());
        assertEquals(Map.of("a", java.util.List.of("1", "2"), "b", java.util.List.of("x y")), r.queryParams());
        assertEquals("key1", r.header("x-schematic-api-key"));
        assertEquals("key1", r.headers().get("X-SCHEMATIC-API-KEY").get(0));
        assertEquals("{\"k\":1}", r.bodyText());
        assertEquals(1, r.bodyJson().getInt("k"));
        assertTrue(r.receivedAt() != null);
        assertEquals(1, fake.requests("put", "/some").size());
        assertEquals(0, fake.requests("GET", "/some").size());
        assertEquals(
                1, fake.awaitRequests("PUT", "/some", 1, Duration.ofSeconds(1)).size());
        assertThrows(AssertionError.class, () -> fake.awaitRequests("GET", "/x", 1, Duration.ofMillis(50)));
    }

    @Test
    void resetClearsEverything(FakeSchematic fake) {
        Http http = new Http(fake);
        fake.flag("f")
                .and()
                .company(Map.of("id", "acme"), "Acme", null)
                .user(Map.of("id", "u"), "U", null)
                .failNext(5, 500)
                .delay(Duration.ofSeconds(5))
                .respond("GET", "/x", 200, "{}")
                .requireApiKey("k");
        fake.reset();
        http.post("/batch", Http.events(1, "track"));
        fake.reset();
        assertTrue(fake.flags().isEmpty());
        assertTrue(fake.companies().isEmpty());
        assertTrue(fake.users().isEmpty());
        assertTrue(fake.events().isEmpty());
        assertTrue(fake.batchSizes().isEmpty());
        assertTrue(fake.requests().isEmpty());
        long start = System.nanoTime();
        assertEquals(404, http.get("/x").status(), "no failure, responder or api-key check left");
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "no delay left");
    }

    @Test
    void closeIsIdempotent() {
        FakeSchematic fake = FakeSchematic.start();
        fake.close();
        fake.close();
        assertTrue(fake.isClosed());
    }
}
