package dev.schematic;

import java.time.Instant;
import java.util.Map;

/**
 * A {@code track} event: usage of something metered, for a company and/or user.
 *
 * <pre>{@code
 * schematic.track(Track.event("api-call").context(EvaluationContext.company("id", "acme")).quantity(5).build());
 * }</pre>
 *
 * @param event the event name (required)
 * @param company the company's keys, or empty
 * @param user the user's keys, or empty
 * @param traits extra traits, or empty
 * @param quantity how many units; null sends none (the server counts 1)
 * @param idempotencyKey lets the server drop duplicates (24 h per environment; at most 255 characters), or null for a
 *     random one (every event has one, kept across re-sends)
 * @param sentAt when it happened (sent to the millisecond); null means now
 * @param trustedClientClock make {@code sentAt} the effective time (secret key required), or null
 * @param backfill import history without affecting billing (needs trustedClientClock), or null
 */
public record Track(
        String event,
        Map<String, String> company,
        Map<String, String> user,
        Map<String, Object> traits,
        Long quantity,
        String idempotencyKey,
        Instant sentAt,
        Boolean trustedClientClock,
        Boolean backfill) {

    public Track {
        company = NullFree.keys(company);
        user = NullFree.keys(user);
        traits = NullFree.traits(traits);
    }

    /** Starts a track event with this name. */
    public static Builder event(String event) {
        return new Builder(event);
    }

    /** Fluent builder; {@link #build()} makes the record. */
    public static final class Builder {
        private final String event;
        private Map<String, String> company;
        private Map<String, String> user;
        private Map<String, ?> traits;
        private Long quantity;
        private String idempotencyKey;
        private Instant sentAt;
        private Boolean trustedClientClock;
        private Boolean backfill;

        private Builder(String event) {
            this.event = event;
        }

        public Builder company(Map<String, String> company) {
            this.company = company;
            return this;
        }

        public Builder user(Map<String, String> user) {
            this.user = user;
            return this;
        }

        /** The company and user of this context (a null context means neither). */
        public Builder context(EvaluationContext context) {
            EvaluationContext c = context == null ? EvaluationContext.empty() : context;
            this.company = c.companyKeys();
            this.user = c.userKeys();
            return this;
        }

        public Builder traits(Map<String, ?> traits) {
            this.traits = traits;
            return this;
        }

        public Builder quantity(long quantity) {
            this.quantity = quantity;
            return this;
        }

        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        public Builder sentAt(Instant sentAt) {
            this.sentAt = sentAt;
            return this;
        }

        public Builder trustedClientClock(boolean trustedClientClock) {
            this.trustedClientClock = trustedClientClock;
            return this;
        }

        public Builder backfill(boolean backfill) {
            this.backfill = backfill;
            return this;
        }

        public Track build() {
            return new Track(
                    event,
                    company,
                    user,
                    NullFree.traits(traits),
                    quantity,
                    idempotencyKey,
                    sentAt,
                    trustedClientClock,
                    backfill);
        }
    }
}
