package dev.schematic.openfeature;

import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.Structure;
import dev.openfeature.sdk.TrackingEventDetails;
import dev.openfeature.sdk.Value;
import dev.openfeature.sdk.exceptions.InvalidContextError;
import dev.schematic.CheckOptions;
import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import dev.schematic.Track;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenFeature's evaluation context → Schematic's {@link dev.schematic.EvaluationContext} (company keys, user keys),
 * and the calls that use it: the one class that knows both context models.
 *
 * <p>The attributes {@code company} and {@code user} are structures of key → value (as in Schematic's .NET provider);
 * string values are taken as they are, numbers and booleans as their text, {@code null} as absent. Any other value (a
 * list, a nested structure, a date) is refused with an {@code INVALID_CONTEXT} error naming it. Every other attribute
 * is ignored by checks and becomes a trait of tracked events.
 */
final class ContextMapper {
    static final String COMPANY = "company";
    static final String USER = "user";

    private static final CheckOptions DEFAULT_TRUE = CheckOptions.defaultValue(true);
    private static final CheckOptions DEFAULT_FALSE = CheckOptions.defaultValue(false);

    /** At most this many distinct contexts are remembered; when full, the memory starts over. */
    static final int MAX_CONTEXTS = 10_000;

    /** The two attributes as OpenFeature gave them (values compared by content) and the targeting key if used. */
    private record Seen(Map<String, Value> company, Map<String, Value> user, String targetingKey) {}

    private final String targetingKeyAsUserKey;
    private final ConcurrentHashMap<Seen, KnownContext> contexts = new ConcurrentHashMap<>();
    /**
     * The context matched or mapped last, compared first (its keys looked up, values compared by identity first: no hashing of the structures, no map lookup of the context). A plain field:
     * {@link KnownContext} is immutable, and a thread that reads an older one merely compares against that one.
     */
    private KnownContext recent;

    ContextMapper(String targetingKeyAsUserKey) {
        this.targetingKeyAsUserKey = targetingKeyAsUserKey;
    }

    /** The check, with OpenFeature's default as the value used when Schematic cannot answer. */
    FlagCheck check(Schematic schematic, String flagKey, boolean defaultValue, EvaluationContext ctx) {
        return schematic.checkFlagDetailed(flagKey, who(ctx), defaultValue ? DEFAULT_TRUE : DEFAULT_FALSE);
    }

    /** A track event: quantity from the details' value (rounded; 1 when absent), traits from its other fields. */
    void track(Schematic schematic, String event, EvaluationContext ctx, TrackingEventDetails details) {
        Track.Builder track = Track.event(event).context(who(ctx));
        Map<String, Object> traits = new LinkedHashMap<>();
        if (details != null) {
            details.getValue().ifPresent(n -> track.quantity(Math.round(n.doubleValue())));
            details.asObjectMap().forEach((k, v) -> {
                if (v != null && !"value".equals(k)) {
                    traits.put(k, v);
                }
            });
        }
        if (!traits.isEmpty()) {
            track.traits(traits);
        }
        schematic.track(track.build());
    }

    /**
     * OpenFeature's context as Schematic's: the company and user keys, the targeting key as a user key if mapped. A
     * context seen before (equal {@code company} and {@code user} structures and targeting key) gets the very same
     * Schematic context back, so a repeated check maps nothing: it reads the two attributes and compares them with the
     * context matched last ({@link KnownContext#matches}), else looks them up by content.
     */
    dev.schematic.EvaluationContext who(EvaluationContext ctx) {
        if (ctx == null) {
            return dev.schematic.EvaluationContext.empty();
        }
        Structure companyStructure = structure(ctx, COMPANY);
        Structure userStructure = structure(ctx, USER);
        String targetingKey = targetingKeyAsUserKey == null ? null : ctx.getTargetingKey();
        KnownContext last = recent;
        // compared on the structures themselves: no view, no copy (a known context is never an empty one)
        if (last != null && last.matches(companyStructure, userStructure, targetingKey)) {
            return last.context();
        }
        Map<String, Value> company = entries(companyStructure);
        Map<String, Value> user = entries(userStructure);
        if (company.isEmpty() && user.isEmpty() && (targetingKey == null || targetingKey.isEmpty())) {
            return dev.schematic.EvaluationContext.empty();
        }
        KnownContext known = contexts.get(new Seen(company, user, targetingKey));
        if (known == null) {
            dev.schematic.EvaluationContext made = map(company, user, targetingKey);
            if (contexts.size() >= MAX_CONTEXTS) {
                contexts.clear();
            }
            // copies: a MutableStructure's map may change after this call; the values kept are plain (never structures)
            known = KnownContext.of(made, company, user, targetingKey);
            contexts.put(new Seen(frozen(company), frozen(user), targetingKey), known);
        }
        recent = known;
        return known.context();
    }

    /** Distinct contexts remembered now (for tests: never more than {@link #MAX_CONTEXTS}). */
    int remembered() {
        return contexts.size();
    }

    private dev.schematic.EvaluationContext map(
            Map<String, Value> company, Map<String, Value> user, String targetingKey) {
        dev.schematic.EvaluationContext who =
                dev.schematic.EvaluationContext.of(keys(company, COMPANY), keys(user, USER));
        if (targetingKeyAsUserKey == null
                || targetingKey == null
                || targetingKey.isEmpty()
                || who.userKeys().containsKey(targetingKeyAsUserKey)) {
            return who;
        }
        return who.withUser(targetingKeyAsUserKey, targetingKey);
    }

    /** The attribute's structure, null when absent or null; refused when not a structure. */
    private static Structure structure(EvaluationContext ctx, String attribute) {
        Value v = ctx.getValue(attribute);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isStructure()) {
            throw new InvalidContextError(
                    "context attribute '" + attribute + "' must be a structure of keys, got " + describe(v));
        }
        return v.asStructure();
    }

    /** A structure's entries as an unmodifiable view (not copied), empty for null. */
    private static Map<String, Value> entries(Structure s) {
        Map<String, Value> m = s == null ? null : s.asUnmodifiableMap();
        return m == null ? Map.of() : m;
    }

    /** Plain values as text (immutable map, so Schematic takes it without copying); others refused by name. */
    private static Map<String, String> keys(Map<String, Value> values, String attribute) {
        if (values.isEmpty()) {
            return Map.of();
        }
        Map<String, String> keys = new HashMap<>();
        for (Map.Entry<String, Value> e : values.entrySet()) {
            Value key = e.getValue();
            if (e.getKey() == null || key == null || key.isNull()) {
                continue;
            }
            if (key.isString() || key.isNumber() || key.isBoolean()) {
                keys.put(e.getKey(), text(key));
            } else {
                throw new InvalidContextError("context attribute '" + attribute + "." + e.getKey()
                        + "' must be a string, number or boolean, got " + describe(key));
            }
        }
        return Map.copyOf(keys);
    }

    /** An immutable copy without null keys or values (a context with them is looked up in vain, then mapped). */
    private static Map<String, Value> frozen(Map<String, Value> values) {
        Map<String, Value> out = new HashMap<>();
        values.forEach((k, v) -> {
            if (k != null && v != null) {
                out.put(k, v);
            }
        });
        return Map.copyOf(out);
    }

    private static String text(Value v) {
        if (v.isString()) {
            return v.asString();
        }
        if (v.isBoolean()) {
            return v.asBoolean().toString();
        }
        Object n = v.asObject();
        if (n instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(n);
    }

    private static String describe(Value v) {
        if (v.isStructure()) {
            return "a structure";
        }
        if (v.isList()) {
            return "a list";
        }
        if (v.isInstant()) {
            return "a date-time";
        }
        return "'" + v.asObject() + "'";
    }
}
