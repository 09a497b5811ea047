package dev.schematic.internal.rules;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the engine's camelCase result JSON (datastream.md §6.5) into a {@link RulesResult}. */
final class ResultReader {
    private ResultReader() {}

    /** Thrown when the output is not a result object. */
    static final class MalformedOutput extends Exception {
        MalformedOutput(String message) {
            super(message, null, false, false);
        }
    }

    static RulesResult read(byte[] json) throws MalformedOutput {
        RulesResult fast = ResultScanner.read(json);
        if (fast != null) {
            return fast;
        }
        return readTree(json);
    }

    /** The general decoder: the output parsed into a tree, then read member by member. */
    static RulesResult readTree(byte[] json) throws MalformedOutput {
        Object root;
        try {
            root = MiniJson.parse(json);
        } catch (MiniJson.JsonException e) {
            throw new MalformedOutput("not JSON: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> m)) {
            throw new MalformedOutput("not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> o = (Map<String, Object>) m;
        Object value = get(o, "value", "value");
        if (!(value instanceof Boolean b)) {
            throw new MalformedOutput("'value' is not a boolean: " + value);
        }
        String reason = str(o, "reason", "reason", true);
        return new RulesResult(
                b,
                reason,
                str(o, "flagKey", "flag_key", false),
                str(o, "flagId", "flag_id", false),
                str(o, "companyId", "company_id", false),
                str(o, "userId", "user_id", false),
                str(o, "ruleId", "rule_id", false),
                str(o, "ruleType", "rule_type", false),
                str(o, "err", "err", false),
                entitlement(get(o, "entitlement", "entitlement")),
                lng(o, "featureAllocation", "feature_allocation"),
                lng(o, "featureUsage", "feature_usage"),
                str(o, "featureUsageEvent", "feature_usage_event", false),
                str(o, "featureUsagePeriod", "feature_usage_period", false),
                instant(o, "featureUsageResetAt", "feature_usage_reset_at"),
                null);
    }

    private static Object get(Map<String, Object> o, String camel, String snake) {
        Object v = o.get(camel);
        if (v == null && !camel.equals(snake)) {
            v = o.get(snake);
        }
        return v == MiniJson.NULL ? null : v;
    }

    private static String str(Map<String, Object> o, String camel, String snake, boolean required)
            throws MalformedOutput {
        Object v = get(o, camel, snake);
        if (v == null) {
            if (required) {
                throw new MalformedOutput("'" + camel + "' is missing");
            }
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        throw new MalformedOutput("'" + camel + "' is not a string: " + v);
    }

    private static Long lng(Map<String, Object> o, String camel, String snake) throws MalformedOutput {
        Object v = get(o, camel, snake);
        if (v == null) {
            return null;
        }
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) <= 9.007199254740992E15) {
            return d.longValue();
        }
        throw new MalformedOutput("'" + camel + "' is not an integer: " + v);
    }

    private static Double dbl(Map<String, Object> o, String camel, String snake) throws MalformedOutput {
        Object v = get(o, camel, snake);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new MalformedOutput("'" + camel + "' is not a number: " + v);
    }

    private static Instant instant(Map<String, Object> o, String camel, String snake) throws MalformedOutput {
        String s = str(o, camel, snake, false);
        return s == null ? null : parseInstant(s, camel);
    }

    static Instant parseInstant(String s, String what) throws MalformedOutput {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e2) {
                throw new MalformedOutput("'" + what + "' is not an RFC 3339 timestamp: " + s);
            }
        }
    }

    static RulesEntitlement entitlement(Object v) throws MalformedOutput {
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new MalformedOutput("'entitlement' is not an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> e = (Map<String, Object>) m;
        List<RulesEntitlement.WarningTier> tiers = null;
        Object t = get(e, "warningTiers", "warning_tiers");
        if (t != null) {
            if (!(t instanceof List<?> list)) {
                throw new MalformedOutput("'entitlement.warningTiers' is not an array");
            }
            tiers = new ArrayList<>(list.size());
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> tm)) {
                    throw new MalformedOutput("a warning tier is not an object");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> tier = (Map<String, Object>) tm;
                Long value = lng(tier, "value", "value");
                tiers.add(new RulesEntitlement.WarningTier(str(tier, "key", "key", false), value == null ? 0L : value));
            }
        }
        return new RulesEntitlement(
                str(e, "featureId", "feature_id", false),
                str(e, "featureKey", "feature_key", false),
                str(e, "valueType", "value_type", false),
                lng(e, "allocation", "allocation"),
                lng(e, "softLimit", "soft_limit"),
                lng(e, "usage", "usage"),
                str(e, "eventName", "event_name", false),
                str(e, "eventSubtype", "event_subtype", false),
                str(e, "metricPeriod", "metric_period", false),
                str(e, "monthReset", "month_reset", false),
                instant(e, "metricResetAt", "metric_reset_at"),
                str(e, "creditId", "credit_id", false),
                dbl(e, "creditTotal", "credit_total"),
                dbl(e, "creditUsed", "credit_used"),
                dbl(e, "creditRemaining", "credit_remaining"),
                dbl(e, "creditReserved", "credit_reserved"),
                dbl(e, "creditSettled", "credit_settled"),
                dbl(e, "consumptionRate", "consumption_rate"),
                tiers);
    }
}
