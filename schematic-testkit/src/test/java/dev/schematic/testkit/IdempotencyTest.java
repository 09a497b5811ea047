package dev.schematic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The capture endpoint counts each {@code idempotency_key} once per environment (API key), like api.md says. */
@ExtendWith(FakeSchematicExtension.class)
class IdempotencyTest {

    private static String event(String apiKey, String name, String idempotencyKey) {
        return "{\"api_key\":\"" + apiKey + "\",\"type\":\"track\",\"body\":{\"event\":\"" + name
                + "\",\"company\":{\"id\":\"acme\"}},\"sent_at\":\"2024-01-01T00:00:00.000Z\""
                + (idempotencyKey == null ? "" : ",\"idempotency_key\":\"" + idempotencyKey + "\"") + "}";
    }

    private static String batch(String... events) {
        return "{\"events\":[" + String.join(",", events) + "]}";
    }

    @Test
    void aRetriedBatchIsCountedOnce(FakeSchematic fake) {
        Http http = new Http(fake);
        String body = batch(event(Http.API_KEY, "a", "k1"), event(Http.API_KEY, "b", "k2"));
        Http.Reply first = http.post("/batch", body);
        Http.Reply retry = http.post("/batch", body); // e.g. the first answer timed out on the client
        assertEquals(200, first.status());
        assertEquals(200, retry.status());
        assertEquals(0, first.json().getInt("duplicates"));
        assertEquals(2, retry.json().getInt("duplicates"));
        assertEquals(2, fake.eventCount(), "counted once");
        assertEquals(2, fake.duplicateEventCount());
        assertEquals(
                List.of("a", "b"),
                fake.events().stream().map(CapturedEvent::eventName).toList());
        assertEquals(List.of(2, 2), fake.batchSizes(), "batch sizes are what arrived");
    }

    @Test
    void duplicatesInsideOneBatchAndEventsWithoutKeys(FakeSchematic fake) {
        Http http = new Http(fake);
        http.post(
                "/batch",
                batch(
                        event(Http.API_KEY, "a", "same"),
                        event(Http.API_KEY, "a-again", "same"),
                        event(Http.API_KEY, "nokey", null),
                        event(Http.API_KEY, "nokey", null)));
        assertEquals(3, fake.eventCount(), "events without a key are never deduplicated");
        assertEquals(1, fake.duplicateEventCount());
        assertEquals("a", fake.events().get(0).eventName(), "the first copy wins");
    }

    @Test
    void keysAreScopedToTheEnvironment(FakeSchematic fake) {
        Http http = new Http(fake);
        http.post("/batch", batch(event("sch_dev_one", "a", "k"), event("sch_prod_two", "a", "k")));
        assertEquals(2, fake.eventCount());
        assertEquals(0, fake.duplicateEventCount());
    }

    @Test
    void keysAreForgottenAfterTheWindowAndOnReset(FakeSchematic fake) throws InterruptedException {
        Http http = new Http(fake);
        fake.idempotencyWindow(Duration.ofMillis(50));
        String body = batch(event(Http.API_KEY, "a", "k"));
        http.post("/batch", body);
        Thread.sleep(120);
        http.post("/batch", body);
        assertEquals(2, fake.eventCount(), "past the window the key is new again");
        fake.reset();
        http.post("/batch", body);
        assertEquals(1, fake.eventCount());
        http.post("/batch", body);
        assertEquals(1, fake.eventCount(), "reset restores the 24 h window");
    }

    @Test
    void awaitEventCountCountsUniqueEvents(FakeSchematic fake) {
        Http http = new Http(fake);
        String body = batch(event(Http.API_KEY, "a", "k"));
        for (int i = 0; i < 3; i++) {
            http.post("/batch", body);
        }
        assertEquals(1, fake.awaitEventCount(1, Duration.ofSeconds(1)));
        AssertionErrorCheck.expect(() -> fake.awaitEventCount(2, Duration.ofMillis(50)), "duplicates dropped: 2");
    }
}
