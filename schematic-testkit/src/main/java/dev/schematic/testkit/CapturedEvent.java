package dev.schematic.testkit;

import jakarta.json.JsonObject;
import java.util.Map;

/**
 * One event received on the capture endpoint {@code POST /batch}.
 *
 * @param type the event's {@code type}: {@code "identify"}, {@code "track"}, {@code "flag_check"} (or whatever was sent;
 *     {@code null} when absent)
 * @param apiKey the event's {@code api_key}, or {@code null}
 * @param body the event's {@code body} object (empty object when absent)
 * @param sentAt the event's {@code sent_at} as sent, or {@code null}
 * @param raw the whole event object as received
 */
public record CapturedEvent(String type, String apiKey, JsonObject body, String sentAt, JsonObject raw) {

    /** For {@code track} events: {@code body.event}, the event name; otherwise {@code null}. */
    public String eventName() {
        return JsonSupport.optString(body, "event");
    }

    /** The event's {@code idempotency_key}, or {@code null}. */
    public String idempotencyKey() {
        return JsonSupport.optString(raw, "idempotency_key");
    }

    /**
     * For {@code identify} events {@code body.keys}; for {@code track} events {@code body.company}. Values are returned as
     * strings; an absent object gives an empty map.
     */
    public Map<String, String> companyKeys() {
        if ("identify".equals(type)) {
            return body.get("company") instanceof JsonObject company
                    ? JsonSupport.stringMap(company.get("keys"))
                    : Map.of();
        }
        return JsonSupport.stringMap(body.get("company"));
    }

    /** For {@code identify} events {@code body.keys}; for {@code track} events {@code body.user}. */
    public Map<String, String> userKeys() {
        return JsonSupport.stringMap("identify".equals(type) ? body.get("keys") : body.get("user"));
    }

    @Override
    public String toString() {
        return "CapturedEvent" + raw;
    }
}
