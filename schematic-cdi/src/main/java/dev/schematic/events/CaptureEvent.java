package dev.schematic.events;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * One event as the capture service ({@code POST /batch}) takes it: note {@code type}, not {@code event_type}, and the
 * API key in every event. Null fields are left out. Made by {@link EventBodies}, which gives every event an
 * {@code idempotency_key} (kept across re-sends, so the service counts a re-sent event once) and a {@code sent_at} in
 * milliseconds ({@link EventBodies#sentAt}).
 */
@JsonbPropertyOrder({"apiKey", "type", "body", "sentAt", "idempotencyKey", "trustedClientClock", "backfill"})
public record CaptureEvent(
        @JsonbProperty("api_key") String apiKey,
        @JsonbProperty("type") String type,
        @JsonbProperty("body") Object body,
        @JsonbProperty("sent_at") String sentAt,
        @JsonbProperty("idempotency_key") String idempotencyKey,
        @JsonbProperty("trusted_client_clock") Boolean trustedClientClock,
        @JsonbProperty("backfill") Boolean backfill) {}
