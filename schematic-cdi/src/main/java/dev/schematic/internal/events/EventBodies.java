package dev.schematic.internal.events;

import dev.schematic.Identify;
import dev.schematic.Track;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Turns {@link Identify} and {@link Track} into capture-service events (wire shapes of api.md, nulls left out). */
public final class EventBodies {
    /** The longest {@code idempotency_key} the API takes. */
    public static final int MAX_IDEMPOTENCY_KEY = 255;

    /** RFC 3339 in UTC with exactly three fractional digits, as the official SDKs send {@code sent_at}. */
    private static final DateTimeFormatter SENT_AT =
            new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private EventBodies() {}

    /** {@code sent_at} of an event: UTC, milliseconds, e.g. {@code 2026-12-03T06:01:02.345Z}. */
    public static String sentAt(Instant at) {
        return SENT_AT.format(at);
    }

    /**
     * The caller's idempotency key, or a new random one (a version-4 UUID string) when the caller gave none. Throws
     * IllegalArgumentException naming the field when the caller's key is longer than the API allows, so that one
     * bad event is refused at once instead of making the capture service reject its whole batch.
     */
    static String idempotencyKey(String type, String given) {
        if (given == null || given.isBlank()) {
            return newIdempotencyKey();
        }
        if (given.length() > MAX_IDEMPOTENCY_KEY) {
            throw new IllegalArgumentException(type + ": idempotencyKey must be at most " + MAX_IDEMPOTENCY_KEY
                    + " characters, got " + given.length());
        }
        return given;
    }

    /**
     * A random version-4 UUID string. Uses {@link ThreadLocalRandom} (122 random bits) rather than {@link
     * UUID#randomUUID()}, whose shared SecureRandom would put a lock on every flag check's event.
     */
    public static String newIdempotencyKey() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    @JsonbPropertyOrder({"keys", "name", "traits", "company"})
    public record IdentifyBody(
            @JsonbProperty("keys") Map<String, String> keys,
            @JsonbProperty("name") String name,
            @JsonbProperty("traits") Map<String, Object> traits,
            @JsonbProperty("company") IdentifyCompanyBody company) {}

    @JsonbPropertyOrder({"keys", "name", "traits"})
    public record IdentifyCompanyBody(
            @JsonbProperty("keys") Map<String, String> keys,
            @JsonbProperty("name") String name,
            @JsonbProperty("traits") Map<String, Object> traits) {}

    @JsonbPropertyOrder({"event", "company", "user", "traits", "quantity"})
    public record TrackBody(
            @JsonbProperty("event") String event,
            @JsonbProperty("company") Map<String, String> company,
            @JsonbProperty("user") Map<String, String> user,
            @JsonbProperty("traits") Map<String, Object> traits,
            @JsonbProperty("quantity") Long quantity) {}

    @JsonbPropertyOrder({
        "flagKey",
        "value",
        "reason",
        "flagId",
        "ruleId",
        "companyId",
        "userId",
        "reqCompany",
        "reqUser",
        "error"
    })
    public record FlagCheckBody(
            @JsonbProperty("flag_key") String flagKey,
            @JsonbProperty("value") boolean value,
            @JsonbProperty("reason") String reason,
            @JsonbProperty("flag_id") String flagId,
            @JsonbProperty("rule_id") String ruleId,
            @JsonbProperty("company_id") String companyId,
            @JsonbProperty("user_id") String userId,
            @JsonbProperty("req_company") Map<String, String> reqCompany,
            @JsonbProperty("req_user") Map<String, String> reqUser,
            @JsonbProperty("error") String error) {}

    /**
     * The body of the {@code flag_check} event of a check answered locally (datastream.md §5.4): the result and the
     * keys the caller passed; absent values are left out. Immutable, so one body may go in many events.
     */
    public static FlagCheckBody flagCheckBody(
            String flagKey,
            boolean value,
            String reason,
            String flagId,
            String ruleId,
            String companyId,
            String userId,
            Map<String, String> company,
            Map<String, String> user,
            String error) {
        return new FlagCheckBody(
                flagKey,
                value,
                reason == null || reason.isEmpty() ? "unknown" : reason,
                flagId,
                ruleId,
                companyId,
                userId,
                keysOrNull(company),
                keysOrNull(user),
                error);
    }

    /**
     * The caller's keys for a {@code flag_check} body: {@code null} when none; entries with a null name or value are
     * left out (they identify nothing, and a check must never fail because of its event).
     */
    private static Map<String, String> keysOrNull(Map<String, String> keys) {
        if (keys == null || keys.isEmpty()) {
            return null;
        }
        try {
            return Map.copyOf(keys);
        } catch (NullPointerException e) {
            Map<String, String> kept = new java.util.LinkedHashMap<>();
            keys.forEach((k, v) -> {
                if (k != null && v != null) {
                    kept.put(k, v);
                }
            });
            return kept.isEmpty() ? null : java.util.Collections.unmodifiableMap(kept);
        }
    }

    /** A {@code flag_check} event with a body made by {@link #flagCheckBody}; its idempotency key comes later. */
    public static CaptureEvent flagCheck(String apiKey, FlagCheckBody body, Instant sentAt) {
        // the idempotency key is added when the event is first taken for sending (EventQueue.take), not here: a UUID
        // costs more than the whole repeated local check this event reports
        return new CaptureEvent(apiKey, "flag_check", body, sentAt, null, null, null);
    }

    /** The capture event for an identify; throws IllegalArgumentException naming the field when keys are empty. */
    public static CaptureEvent identify(String apiKey, Identify in) {
        if (in.keys().isEmpty()) {
            throw new IllegalArgumentException("identify: keys must not be empty (e.g. {\"email\": \"ada@acme.io\"})");
        }
        IdentifyCompanyBody company = in.companyKeys().isEmpty()
                ? null
                : new IdentifyCompanyBody(copy(in.companyKeys()), in.companyName(), copyOrNull(in.companyTraits()));
        IdentifyBody body = new IdentifyBody(copy(in.keys()), in.name(), copyOrNull(in.traits()), company);
        return new CaptureEvent(
                apiKey, "identify", body, Instant.now(), idempotencyKey("identify", in.idempotencyKey()), null, null);
    }

    /** The capture event for a track; throws IllegalArgumentException naming the field when the name is blank. */
    public static CaptureEvent track(String apiKey, Track in) {
        if (in.event() == null || in.event().isBlank()) {
            throw new IllegalArgumentException("track: event must be a non-blank event name");
        }
        if (in.quantity() != null && in.quantity() < 0) {
            throw new IllegalArgumentException("track: quantity must be 0 or more, got " + in.quantity());
        }
        TrackBody body = new TrackBody(
                in.event(),
                in.company().isEmpty() ? null : copy(in.company()),
                in.user().isEmpty() ? null : copy(in.user()),
                copyOrNull(in.traits()),
                in.quantity());
        Instant sentAt = in.sentAt() == null ? Instant.now() : in.sentAt();
        return new CaptureEvent(
                apiKey,
                "track",
                body,
                sentAt,
                idempotencyKey("track", in.idempotencyKey()),
                in.trustedClientClock(),
                in.backfill());
    }

    private static <V> Map<String, V> copy(Map<String, V> map) {
        return Map.copyOf(map);
    }

    private static Map<String, Object> copyOrNull(Map<String, Object> map) {
        return map.isEmpty() ? null : new java.util.LinkedHashMap<>(map);
    }
}
