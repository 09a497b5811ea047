package dev.schematic.internal.datastream;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Partial-update merges (datastream.md §2.6). Only members present in the partial are touched; the cached object is
 * never changed in place (JSON-P values are immutable anyway).
 */
final class EntityMerge {
    private EntityMerge() {}

    /**
     * Company: {@code keys} and {@code credit_balances} merged additively, {@code metrics} upserted by
     * (event_subtype, period, month_reset), every other member replaced. When the partial changed balances or metrics
     * but carried no {@code entitlements}, the cached entitlements' {@code credit_remaining} and {@code usage} are
     * re-derived from them.
     */
    static JsonObject company(JsonObject cached, JsonObject partial) {
        JsonObjectBuilder b = Json.P.createObjectBuilder(cached);
        partial.forEach((name, value) -> {
            switch (name) {
                case "keys", "credit_balances" -> b.add(name, mergeMaps(cached.get(name), value));
                case "metrics" -> b.add(name, upsertMetrics(cached.get(name), value));
                default -> b.add(name, value);
            }
        });
        JsonObject merged = b.build();
        boolean balances = partial.containsKey("credit_balances");
        boolean metrics = partial.containsKey("metrics");
        if ((balances || metrics) && !partial.containsKey("entitlements")) {
            JsonArray entitlements = Json.array(merged, "entitlements");
            if (entitlements != null && !entitlements.isEmpty()) {
                JsonObject partialBalances = Json.object(partial, "credit_balances");
                JsonArray mergedMetrics = Json.array(merged, "metrics");
                JsonArrayBuilder out = Json.P.createArrayBuilder();
                for (JsonValue e : entitlements) {
                    out.add(
                            e instanceof JsonObject ent
                                    ? syncEntitlement(
                                            ent, balances ? partialBalances : null, metrics ? mergedMetrics : null)
                                    : e);
                }
                merged = Json.P
                        .createObjectBuilder(merged)
                        .add("entitlements", out)
                        .build();
            }
        }
        return merged;
    }

    /** User: {@code keys} merged additively, every other member replaced. */
    static JsonObject user(JsonObject cached, JsonObject partial) {
        JsonObjectBuilder b = Json.P.createObjectBuilder(cached);
        partial.forEach((name, value) -> b.add(name, name.equals("keys") ? mergeMaps(cached.get(name), value) : value));
        return b.build();
    }

    private static JsonValue mergeMaps(JsonValue cached, JsonValue partial) {
        if (!(partial instanceof JsonObject p)) {
            return cached == null ? JsonValue.EMPTY_JSON_OBJECT : cached;
        }
        JsonObjectBuilder b =
                cached instanceof JsonObject c ? Json.P.createObjectBuilder(c) : Json.P.createObjectBuilder();
        p.forEach(b::add);
        return b.build();
    }

    private static JsonValue upsertMetrics(JsonValue cached, JsonValue partial) {
        List<JsonValue> out = new ArrayList<>();
        if (cached instanceof JsonArray c) {
            out.addAll(c);
        }
        if (partial instanceof JsonArray p) {
            for (JsonValue incoming : p) {
                int at = -1;
                if (incoming instanceof JsonObject in) {
                    for (int i = 0; i < out.size(); i++) {
                        if (out.get(i) instanceof JsonObject existing && sameMetric(existing, in)) {
                            at = i;
                            break;
                        }
                    }
                }
                if (at >= 0) {
                    out.set(at, incoming);
                } else {
                    out.add(incoming);
                }
            }
        }
        JsonArrayBuilder b = Json.P.createArrayBuilder();
        out.forEach(b::add);
        return b.build();
    }

    private static boolean sameMetric(JsonObject a, JsonObject b) {
        return text(a, "event_subtype").equals(text(b, "event_subtype"))
                && text(a, "period").equals(text(b, "period"))
                && text(a, "month_reset").equals(text(b, "month_reset"));
    }

    private static JsonObject syncEntitlement(JsonObject ent, JsonObject partialBalances, JsonArray metrics) {
        JsonObjectBuilder b = null;
        String creditId = Json.string(ent, "credit_id");
        if (partialBalances != null && creditId != null && partialBalances.get(creditId) instanceof JsonNumber n) {
            b = Json.P.createObjectBuilder(ent).add("credit_remaining", n);
        }
        String event = Json.string(ent, "event_name");
        if (metrics != null && event != null && !event.isEmpty()) {
            String period = orDefault(Json.string(ent, "metric_period"), "all_time");
            String reset = orDefault(Json.string(ent, "month_reset"), "first_of_month");
            for (JsonValue m : metrics) {
                if (m instanceof JsonObject metric
                        && event.equals(Json.string(metric, "event_subtype"))
                        && period.equals(text(metric, "period"))
                        && reset.equals(text(metric, "month_reset"))) {
                    JsonValue value = metric.get("value");
                    long usage = value instanceof JsonNumber n ? n.longValue() : 0;
                    b = (b == null ? Json.P.createObjectBuilder(ent) : b).add("usage", usage);
                    break;
                }
            }
        }
        return b == null ? ent : b.build();
    }

    /** Adds {@code quantity} to every metric whose {@code event_subtype} is {@code event} (§5.3); null if none. */
    static JsonObject incrementMetrics(JsonObject company, String event, long quantity) {
        JsonArray metrics = Json.array(company, "metrics");
        if (metrics == null) {
            return null;
        }
        boolean changed = false;
        JsonArrayBuilder out = Json.P.createArrayBuilder();
        for (JsonValue m : metrics) {
            if (m instanceof JsonObject metric && event.equals(Json.string(metric, "event_subtype"))) {
                long value = metric.get("value") instanceof JsonNumber n ? n.longValue() : 0;
                out.add(Json.P.createObjectBuilder(metric).add("value", value + quantity));
                changed = true;
            } else {
                out.add(m);
            }
        }
        return changed ? Json.P.createObjectBuilder(company).add("metrics", out).build() : null;
    }

    private static String text(JsonObject o, String name) {
        String s = Json.string(o, name);
        return s == null ? "" : s;
    }

    private static String orDefault(String s, String dflt) {
        return s == null || s.isEmpty() ? dflt : s;
    }

    /** The lookup pairs of an entity's {@code keys}. */
    static Map<String, String> keys(JsonObject entity) {
        return Json.stringMap(entity.get("keys"));
    }
}
