package dev.schematic.internal.events;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import java.time.Instant;

/**
 * One event as the capture service ({@code POST /batch}) takes it: note {@code type}, not {@code event_type}, and the
 * API key in every event. Null fields are left out. {@code sent_at} is written in milliseconds ({@link
 * EventBodies#sentAt}). The {@code idempotency_key} is set when the event is made ({@link EventBodies}), or, for a
 * {@code flag_check} event, when it is first taken for sending; it is kept across re-sends, so the service counts a
 * re-sent event once.
 */
@JsonbPropertyOrder({"apiKey", "type", "body", "sentAt", "idempotencyKey", "trustedClientClock", "backfill"})
public record CaptureEvent(
        @JsonbProperty("api_key") String apiKey,
        @JsonbProperty("type") String type,
        @JsonbProperty("body") Object body,

        @JsonbProperty("sent_at") @JsonbTypeAdapter(SentAtAdapter.class)
        Instant sentAt,

        @JsonbProperty("idempotency_key") String idempotencyKey,
        @JsonbProperty("trusted_client_clock") Boolean trustedClientClock,
        @JsonbProperty("backfill") Boolean backfill) {

    /** This event with an idempotency key. */
    public CaptureEvent withIdempotencyKey(String key) {
        return new CaptureEvent(apiKey, type, body, sentAt, key, trustedClientClock, backfill);
    }
}
