package dev.schematic.testkit;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /batch}, the event-capture endpoint: validates the batch like the capture service, drops events whose
 * {@code idempotency_key} was already seen in the same environment (API key) within 24 h, and records the rest in the
 * {@link EventLog}.
 */
final class CaptureEndpoint {
    /** The most events the capture service accepts in one request. */
    static final int MAX_BATCH_SIZE = 100;

    /** The event types of the spec's {@code EventType} enum. */
    static final Set<String> EVENT_TYPES = Set.of("flag_check", "identify", "inference", "track");

    /** How long the capture service remembers an idempotency key. */
    static final Duration DEDUP_WINDOW = Duration.ofHours(24);

    private volatile Duration window = DEDUP_WINDOW;

    private final EventLog log;
    private final Map<String, Instant> seenKeys = new LinkedHashMap<>(); // insertion order = time order
    private volatile boolean lenient;
    private volatile String requiredApiKey;

    CaptureEndpoint(EventLog log) {
        this.log = log;
    }

    void clear() {
        synchronized (seenKeys) {
            seenKeys.clear();
        }
        lenient = false;
        requiredApiKey = null;
        window = DEDUP_WINDOW;
    }

    void window(Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("idempotency window must be >= 0: " + d);
        }
        this.window = d;
    }

    void lenient(boolean on) {
        this.lenient = on;
    }

    /** When not null, every event's {@code api_key} must equal it (401 otherwise). */
    void requireApiKey(String key) {
        this.requiredApiKey = key;
    }

    Response capture(RecordedRequest request) {
        JsonArray array;
        try {
            array = eventsArray(request.rawBody());
        } catch (JsonException | IllegalStateException e) {
            return Response.error(400, "invalid batch: " + e.getMessage());
        }
        if (array.size() > MAX_BATCH_SIZE) {
            return Response.json(
                    400,
                    JsonSupport.object()
                            .add("error", "batch too large")
                            .add("max_size", MAX_BATCH_SIZE)
                            .build());
        }
        List<CapturedEvent> events = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonObject event)) {
                return Response.error(400, "invalid batch: events[" + i + "] is not an object");
            }
            if (!lenient) {
                Response rejected = validate(i, event);
                if (rejected != null) {
                    return rejected;
                }
            }
            JsonObject body = event.get("body") instanceof JsonObject b ? b : JsonValue.EMPTY_JSON_OBJECT;
            events.add(new CapturedEvent(
                    JsonSupport.optString(event, "type"),
                    JsonSupport.optString(event, "api_key"),
                    body,
                    JsonSupport.optString(event, "sent_at"),
                    event));
        }
        List<CapturedEvent> fresh = deduplicate(events);
        log.accepted(events.size(), fresh);
        return Response.json(
                200,
                JsonSupport.object()
                        .add("accepted", events.size())
                        .add("duplicates", events.size() - fresh.size())
                        .build());
    }

    /** The batch's {@code events} array; throws on anything else. */
    private static JsonArray eventsArray(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalStateException("empty body");
        }
        if (!(JsonSupport.parse(bytes) instanceof JsonObject batch)) {
            throw new IllegalStateException("body must be a JSON object");
        }
        if (!(batch.get("events") instanceof JsonArray array)) {
            throw new IllegalStateException("\"events\" must be an array");
        }
        return array;
    }

    /** 400 naming the member for an event the capture service would reject; 401 for a wrong API key; else null. */
    private Response validate(int i, JsonObject event) {
        String at = "events[" + i + "]";
        JsonValue type = event.get("type");
        if (!(type instanceof JsonString t)) {
            return Response.error(400, at + ".type is required (one of " + EVENT_TYPES + ")");
        }
        if (!EVENT_TYPES.contains(t.getString())) {
            return Response.error(
                    400,
                    at + ".type: unknown event type \"" + t.getString() + "\" (expected one of " + EVENT_TYPES + ")");
        }
        if (!(event.get("api_key") instanceof JsonString key) || key.getString().isBlank()) {
            return Response.error(400, at + ".api_key is required");
        }
        String required = requiredApiKey;
        if (required != null && !required.equals(key.getString())) {
            return Response.error(401, at + ".api_key: invalid API key");
        }
        JsonValue body = event.get("body");
        if (body != null && body.getValueType() != JsonValue.ValueType.OBJECT) {
            return Response.error(400, at + ".body must be an object");
        }
        JsonValue idem = event.get("idempotency_key");
        if (idem != null
                && idem.getValueType() != JsonValue.ValueType.NULL
                && (!(idem instanceof JsonString s) || s.getString().length() > 255)) {
            return Response.error(400, at + ".idempotency_key must be a string of at most 255 characters");
        }
        return null;
    }

    /** The events whose idempotency key (scoped by API key) was not seen in the last 24 h; remembers the new ones. */
    private List<CapturedEvent> deduplicate(List<CapturedEvent> events) {
        Instant now = Instant.now();
        List<CapturedEvent> fresh = new ArrayList<>(events.size());
        synchronized (seenKeys) {
            expire(now);
            for (CapturedEvent e : events) {
                String key = e.idempotencyKey();
                if (key == null || key.isEmpty()) {
                    fresh.add(e);
                    continue;
                }
                String scoped = e.apiKey() + '\u0000' + key;
                if (seenKeys.putIfAbsent(scoped, now) == null) {
                    fresh.add(e);
                }
            }
        }
        return fresh;
    }

    private void expire(Instant now) {
        Instant cutoff = now.minus(window);
        for (Iterator<Instant> it = seenKeys.values().iterator(); it.hasNext(); ) {
            if (it.next().isAfter(cutoff)) {
                return; // the rest is younger
            }
            it.remove();
        }
    }
}
