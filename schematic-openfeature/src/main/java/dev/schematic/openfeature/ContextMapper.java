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
import java.util.LinkedHashMap;
import java.util.Map;

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

    private final String targetingKeyAsUserKey;

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

    /** OpenFeature's context as Schematic's: the company and user keys, the targeting key as a user key if mapped. */
    dev.schematic.EvaluationContext who(EvaluationContext ctx) {
        dev.schematic.EvaluationContext who = dev.schematic.EvaluationContext.of(keys(ctx, COMPANY), keys(ctx, USER));
        String targetingKey = ctx == null ? null : ctx.getTargetingKey();
        if (targetingKeyAsUserKey == null
                || targetingKey == null
                || targetingKey.isEmpty()
                || who.userKeys().containsKey(targetingKeyAsUserKey)) {
            return who;
        }
        return who.withUser(targetingKeyAsUserKey, targetingKey);
    }

    static Map<String, String> keys(EvaluationContext ctx, String attribute) {
        Value v = ctx == null ? null : ctx.getValue(attribute);
        if (v == null || v.isNull()) {
            return Map.of();
        }
        if (!v.isStructure()) {
            throw new InvalidContextError(
                    "context attribute '" + attribute + "' must be a structure of keys, got " + describe(v));
        }
        Structure s = v.asStructure();
        Map<String, String> keys = new LinkedHashMap<>();
        for (String name : s.keySet()) {
            Value key = s.getValue(name);
            if (key == null || key.isNull()) {
                continue;
            }
            if (key.isString() || key.isNumber() || key.isBoolean()) {
                keys.put(name, text(key));
            } else {
                throw new InvalidContextError("context attribute '" + attribute + "." + name
                        + "' must be a string, number or boolean, got " + describe(key));
            }
        }
        return keys;
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
