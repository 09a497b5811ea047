package dev.schematic;

import java.util.Map;

/**
 * An {@code identify} event: who a user is, optionally with the company they belong to.
 *
 * <pre>{@code
 * schematic.identify(Identify.of(EvaluationContext.user("email", "ada@acme.io")).name("Ada")
 *     .company(Map.of("domain", "acme.io"), "Acme", Map.of("seats", 12)).build());
 * }</pre>
 *
 * @param keys the user's keys (required, not empty)
 * @param name the user's name, or null
 * @param traits the user's traits, or empty
 * @param companyKeys keys of the user's company, or empty for none
 * @param companyName the company's name, or null
 * @param companyTraits the company's traits, or empty
 * @param idempotencyKey lets the server drop duplicates (24 h per environment; at most 255 characters), or null for a
 *     random one (every event has one, kept across re-sends)
 */
public record Identify(
        Map<String, String> keys,
        String name,
        Map<String, Object> traits,
        Map<String, String> companyKeys,
        String companyName,
        Map<String, Object> companyTraits,
        String idempotencyKey) {

    public Identify {
        keys = NullFree.keys(keys);
        traits = NullFree.traits(traits);
        companyKeys = NullFree.keys(companyKeys);
        companyTraits = NullFree.traits(companyTraits);
    }

    /** Starts an identify for the context's user, and the company it belongs to when the context has one. */
    public static Builder of(EvaluationContext context) {
        EvaluationContext c = context == null ? EvaluationContext.empty() : context;
        return new Builder(c.userKeys()).company(c.companyKeys());
    }

    /** Starts an identify for the user with these keys (null keys and values are left out). */
    public static Builder user(Map<String, String> keys) {
        return new Builder(keys);
    }

    /** Fluent builder; {@link #build()} makes the record. */
    public static final class Builder {
        private final Map<String, String> keys;
        private String name;
        private Map<String, ?> traits;
        private Map<String, String> companyKeys;
        private String companyName;
        private Map<String, ?> companyTraits;
        private String idempotencyKey;

        private Builder(Map<String, String> keys) {
            this.keys = keys;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder traits(Map<String, ?> traits) {
            this.traits = traits;
            return this;
        }

        public Builder company(Map<String, String> keys) {
            return company(keys, null, null);
        }

        public Builder company(Map<String, String> keys, String name, Map<String, ?> traits) {
            this.companyKeys = keys;
            this.companyName = name;
            this.companyTraits = traits;
            return this;
        }

        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        public Identify build() {
            return new Identify(
                    keys,
                    name,
                    NullFree.traits(traits),
                    companyKeys,
                    companyName,
                    NullFree.traits(companyTraits),
                    idempotencyKey);
        }
    }
}
