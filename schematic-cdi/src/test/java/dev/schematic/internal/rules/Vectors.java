package dev.schematic.internal.rules;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * The public rules vectors and the diff corpus (the project's copies of shared/ref/rules-vectors-public.json and
 * rules-diff-public.json.gz, test resources next to this class) and the comparison rules of shared/README.md: every
 * key of {@code expect}; an expected {@code null} also accepts a missing member; numbers numerically; RFC 3339
 * strings as instants; {@code {"engine_error": true}} means the input must be rejected.
 */
final class Vectors {
    private Vectors() {}

    static final String PUBLIC_VECTORS = "rules-vectors-public.json";
    static final String DIFF_CORPUS = "rules-diff-public.json.gz";

    record Vector(
            String name,
            String flag,
            String company,
            String user,
            PreflightOptions preflight,
            String optionsJson,
            Instant now,
            Map<String, Object> expect,
            Set<String> expectKeys,
            boolean mustReject) {}

    /** The public vectors (84). */
    static List<Vector> publicVectors() throws IOException {
        return load(PUBLIC_VECTORS);
    }

    /** The diff corpus (2,006). */
    static List<Vector> diffCorpus() throws IOException {
        return load(DIFF_CORPUS);
    }

    /** Loads a cases file from the test resources ({@code .gz} is decompressed). */
    static List<Vector> load(String resource) throws IOException {
        InputStream raw = Vectors.class.getResourceAsStream("/dev/schematic/rules/" + resource);
        if (raw == null) {
            throw new IOException("test resource dev/schematic/rules/" + resource + " is missing (copy it from"
                    + " shared/ref/, see src/test/resources/dev/schematic/rules/README.md)");
        }
        try (InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }

    private static List<Vector> load(Reader r) {
        List<Vector> out = new ArrayList<>();
        try (JsonReader jr = Json.createReader(r)) {
            JsonArray all = jr.readArray();
            for (JsonValue v : all) {
                JsonObject o = v.asJsonObject();
                JsonValue options = o.get("options");
                JsonObject expect = o.getJsonObject("expect");
                boolean reject = expect.containsKey("engine_error")
                        && expect.get("engine_error").equals(JsonValue.TRUE);
                out.add(new Vector(
                        o.getString("name"),
                        o.get("flag").toString(),
                        json(o.get("company")),
                        json(o.get("user")),
                        null,
                        options == null || options.getValueType() == JsonValue.ValueType.NULL
                                ? null
                                : options.toString(),
                        Instant.parse(o.getString("now")),
                        normalise(expect),
                        reject ? Set.of() : new TreeSet<>(expect.keySet()),
                        reject));
            }
        }
        return out;
    }

    /**
     * Null when {@code r} satisfies the vector's expectation, else a description of the difference (per key, in the
     * comparison rules above).
     */
    static String difference(Vector v, RulesResult r) {
        if (v.mustReject()) {
            return r.failure() == RulesFailure.REJECTED
                    ? null
                    : "expected a rejection, got " + (r.failure() != null ? r.failure() : normalise(r));
        }
        if (r.failure() != null) {
            return "engine failure " + r.failure() + ": " + r.error();
        }
        Map<String, Object> actual = normalise(r);
        StringBuilder diff = new StringBuilder();
        for (String key : v.expectKeys()) {
            Object want = v.expect().get(key);
            Object have = actual.get(key);
            if (!java.util.Objects.equals(want, have)) {
                diff.append(key)
                        .append(": expected ")
                        .append(want)
                        .append(", got ")
                        .append(have)
                        .append("; ");
            }
        }
        return diff.length() == 0 ? null : diff.toString();
    }

    private static String json(JsonValue v) {
        return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : v.toString();
    }

    /** JSON → canonical map: null members dropped, numbers as stripped BigDecimal text, timestamps as instants. */
    static Map<String, Object> normalise(JsonObject o) {
        Map<String, Object> m = new TreeMap<>();
        for (Map.Entry<String, JsonValue> e : o.entrySet()) {
            Object v = value(e.getValue());
            if (v != null) {
                m.put(e.getKey(), v);
            }
        }
        return m;
    }

    private static Object value(JsonValue v) {
        switch (v.getValueType()) {
            case NULL:
                return null;
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case NUMBER:
                return number(((JsonNumber) v).bigDecimalValue());
            case STRING:
                return scalar(((JsonString) v).getString());
            case ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonValue x : v.asJsonArray()) {
                    list.add(value(x));
                }
                return list;
            }
            default:
                return normalise(v.asJsonObject());
        }
    }

    static String number(BigDecimal d) {
        return "number:" + d.stripTrailingZeros().toPlainString();
    }

    static Object scalar(String s) {
        if (s.length() >= 20 && s.charAt(4) == '-' && s.charAt(10) == 'T') {
            try {
                return "instant:" + OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                return s;
            }
        }
        return s;
    }

    /** A result in the vectors' snake_case shape, canonicalised like {@link #normalise}. */
    static Map<String, Object> normalise(RulesResult r) {
        Map<String, Object> m = new TreeMap<>();
        m.put("value", r.value());
        put(m, "reason", r.reason());
        put(m, "flag_key", r.flagKey());
        put(m, "flag_id", r.flagId());
        put(m, "company_id", r.companyId());
        put(m, "user_id", r.userId());
        put(m, "rule_id", r.ruleId());
        put(m, "rule_type", r.ruleType());
        put(m, "err", r.error());
        put(m, "feature_allocation", r.featureAllocation());
        put(m, "feature_usage", r.featureUsage());
        put(m, "feature_usage_event", r.featureUsageEvent());
        put(m, "feature_usage_period", r.featureUsagePeriod());
        put(m, "feature_usage_reset_at", r.featureUsageResetAt());
        RulesEntitlement e = r.entitlement();
        if (e != null) {
            Map<String, Object> em = new TreeMap<>();
            put(em, "feature_id", e.featureId());
            put(em, "feature_key", e.featureKey());
            put(em, "value_type", e.valueType());
            put(em, "allocation", e.allocation());
            put(em, "soft_limit", e.softLimit());
            put(em, "usage", e.usage());
            put(em, "event_name", e.eventName());
            put(em, "event_subtype", e.eventSubtype());
            put(em, "metric_period", e.metricPeriod());
            put(em, "month_reset", e.monthReset());
            put(em, "metric_reset_at", e.metricResetAt());
            put(em, "credit_id", e.creditId());
            put(em, "credit_total", e.creditTotal());
            put(em, "credit_used", e.creditUsed());
            put(em, "credit_remaining", e.creditRemaining());
            put(em, "credit_reserved", e.creditReserved());
            put(em, "credit_settled", e.creditSettled());
            put(em, "consumption_rate", e.consumptionRate());
            if (e.warningTiers() != null) {
                List<Object> tiers = new ArrayList<>();
                for (RulesEntitlement.WarningTier t : e.warningTiers()) {
                    Map<String, Object> tm = new TreeMap<>();
                    put(tm, "key", t.key());
                    put(tm, "value", t.value());
                    tiers.add(tm);
                }
                em.put("warning_tiers", tiers);
            }
            m.put("entitlement", em);
        }
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object v) {
        if (v == null) {
            return;
        }
        if (v instanceof Long l) {
            m.put(key, number(BigDecimal.valueOf(l)));
        } else if (v instanceof Double d) {
            m.put(key, number(BigDecimal.valueOf(d)));
        } else if (v instanceof Instant i) {
            m.put(key, "instant:" + i);
        } else if (v instanceof String s) {
            m.put(key, scalar(s));
        } else {
            m.put(key, v);
        }
    }

    /** Evaluates a vector through {@code engine}. */
    static RulesResult run(RulesEngine engine, Vector v) {
        return engine.evaluate(
                RulesInput.of(v.flag()),
                RulesInput.ofNullable(v.company()),
                RulesInput.ofNullable(v.user()),
                RulesInput.ofNullable(v.optionsJson()),
                v.now());
    }
}
