package dev.schematic.internal.events;

import dev.schematic.Schematic;
import dev.schematic.SchematicBuilder;
import dev.schematic.testkit.CapturedEvent;
import dev.schematic.testkit.RecordedRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Builders pointed at a capture URL (a fake that may be down), and helpers to read idempotency keys. */
final class CaptureClients {
    static final String API_KEY = "sch_dev_test_key";

    private CaptureClients() {}

    static SchematicBuilder against(String url) {
        return Schematic.builder()
                .apiKey(API_KEY)
                .baseUrl(url)
                .eventCaptureUrl(url)
                .timeout(Duration.ofSeconds(5))
                .maxRetries(0)
                .retryBackoff(Duration.ofMillis(10))
                .eventsRetryBackoff(Duration.ofMillis(10))
                .eventsFlushInterval(Duration.ofMillis(100));
    }

    /** The distinct idempotency keys of these events (null keys fail the test). */
    static Set<String> uniqueKeys(Collection<CapturedEvent> events) {
        Set<String> keys = new HashSet<>();
        for (CapturedEvent e : events) {
            String key = e.idempotencyKey();
            if (key == null) {
                throw new AssertionError("event without idempotency_key: " + e);
            }
            keys.add(key);
        }
        return keys;
    }

    /** The idempotency keys of the events of one recorded {@code POST /batch}, in order. */
    static List<String> keysOf(RecordedRequest batch) {
        List<String> keys = new ArrayList<>();
        for (JsonValue v : batch.bodyJson().getJsonArray("events")) {
            keys.add(((JsonObject) v).getString("idempotency_key"));
        }
        return keys;
    }
}
