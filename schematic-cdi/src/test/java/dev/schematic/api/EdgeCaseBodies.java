package dev.schematic.api;

import static dev.schematic.api.SpecFile.list;
import static dev.schematic.api.SpecFile.map;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds JSON bodies for a schema of the OpenAPI document, one per {@link Kind} of edge case. Every body is built
 * from the schema alone (types, formats, enums, {@code required}, {@code nullable}, length and range bounds), so
 * the bodies other than {@link Kind#UNKNOWN_ENUMS} are meant to be valid against the schema; the tests check that
 * with a JSON Schema validator.
 */
final class EdgeCaseBodies {
    /** The string put in place of every enum value by {@link Kind#UNKNOWN_ENUMS}. */
    static final String UNKNOWN_ENUM = "zz_not_in_the_spec";
    /** The member added to every object with declared properties by {@link Kind#EXTRA_MEMBERS}. */
    static final String EXTRA_MEMBER = "zz_extra_member";

    static final String SAMPLE_STRING = "x";
    static final String SAMPLE_DATE_TIME = "2024-01-02T03:04:05Z";
    static final String SAMPLE_DATE = "2024-01-02";

    enum Kind {
        /** Every member present with a sample value. */
        FULL,
        /** Every nullable member {@code null}, every other member present. */
        NULLS,
        /** Only the required members. */
        ABSENT,
        /** Every member present, every enum value a string the spec does not know (outside the spec). */
        UNKNOWN_ENUMS,
        /** Every member present, plus an undeclared member in every object that declares its properties. */
        EXTRA_MEMBERS
    }

    private static final int MAX_DEPTH = 12;

    private final Map<String, Object> spec;

    EdgeCaseBodies(Map<String, Object> spec) {
        this.spec = spec;
    }

    JsonValue body(Map<String, Object> schema, Kind kind) {
        return value(schema, kind, new ArrayDeque<>(), 0);
    }

    /** Whether a member's schema allows {@code null}: {@code nullable} on the member or on what it refers to. */
    boolean nullable(Map<String, Object> schema) {
        return Boolean.TRUE.equals(schema.get("nullable"))
                || Boolean.TRUE.equals(SpecFile.resolve(spec, schema).get("nullable"));
    }

    private JsonValue value(Map<String, Object> schema, Kind kind, Deque<String> refs, int depth) {
        String ref = refOf(schema);
        if (ref != null) {
            refs.push(ref);
        }
        try {
            Map<String, Object> s = SpecFile.resolve(spec, schema);
            if (s.containsKey("allOf")) {
                s = mergeAllOf(s);
            }
            if (s.containsKey("oneOf") || s.containsKey("anyOf")) {
                return variant(s, kind, refs, depth);
            }
            if (s.containsKey("enum")) {
                if (kind == Kind.UNKNOWN_ENUMS) {
                    return Json.createValue(UNKNOWN_ENUM);
                }
                for (Object v : list(s.get("enum"))) {
                    if (v != null) {
                        return Json.createValue(String.valueOf(v));
                    }
                }
            }
            String type = (String) s.get("type");
            if (type == null && (s.containsKey("properties") || s.containsKey("additionalProperties"))) {
                type = "object";
            }
            if (type == null) {
                return Json.createValue(SAMPLE_STRING);
            }
            switch (type) {
                case "string":
                    return Json.createValue(string(s));
                case "integer":
                    return Json.createValue(number(s, BigDecimal.ONE).longValueExact());
                case "number":
                    return Json.createValue(number(s, new BigDecimal("1.5")));
                case "boolean":
                    return JsonValue.TRUE;
                case "array":
                    JsonArrayBuilder items = Json.createArrayBuilder();
                    Map<String, Object> item = map(s.get("items"));
                    if (depth < MAX_DEPTH && !refs.contains(refOf(item))) {
                        items.add(value(item, kind, refs, depth + 1));
                    }
                    return items.build();
                default:
                    return object(s, kind, refs, depth);
            }
        } finally {
            if (ref != null) {
                refs.pop();
            }
        }
    }

    private JsonValue object(Map<String, Object> s, Kind kind, Deque<String> refs, int depth) {
        JsonObjectBuilder out = Json.createObjectBuilder();
        Map<String, Object> props = map(s.get("properties"));
        Set<Object> required = new LinkedHashSet<>(list(s.get("required")));
        if (props.isEmpty()) {
            Object ap = s.get("additionalProperties");
            if (ap instanceof Map<?, ?> apSchema && !apSchema.isEmpty() && depth < MAX_DEPTH) {
                out.add("key", value(map(ap), kind, refs, depth + 1));
            } else {
                out.add("key", SAMPLE_STRING);
            }
            return out.build();
        }
        for (Map.Entry<String, Object> e : props.entrySet()) {
            Map<String, Object> ps = map(e.getValue());
            boolean isRequired = required.contains(e.getKey());
            if (kind == Kind.ABSENT && !isRequired) {
                continue;
            }
            if (kind == Kind.NULLS && nullable(ps)) {
                out.addNull(e.getKey());
                continue;
            }
            boolean recursive = refs.contains(refOf(ps)) || depth >= MAX_DEPTH;
            if (recursive && !isRequired) {
                continue;
            }
            out.add(e.getKey(), value(ps, kind, refs, depth + 1));
        }
        if (kind == Kind.EXTRA_MEMBERS) {
            out.add(
                    EXTRA_MEMBER,
                    Json.createObjectBuilder()
                            .add(
                                    "nested",
                                    Json.createArrayBuilder().add(1).add("two").addNull()));
        }
        return out.build();
    }

    /** The first variant of a {@code oneOf}/{@code anyOf}, with its discriminator value when there is one. */
    private JsonValue variant(Map<String, Object> s, Kind kind, Deque<String> refs, int depth) {
        List<Object> variants = list(s.containsKey("oneOf") ? s.get("oneOf") : s.get("anyOf"));
        Map<String, Object> first = map(variants.get(0));
        JsonValue v = value(first, kind, refs, depth + 1);
        Map<String, Object> disc = map(s.get("discriminator"));
        String property = (String) disc.get("propertyName");
        if (property == null || !(v instanceof jakarta.json.JsonObject obj)) {
            return v;
        }
        String target = (String) first.get("$ref");
        for (Map.Entry<String, Object> m : map(disc.get("mapping")).entrySet()) {
            if (m.getValue().equals(target)) {
                return Json.createObjectBuilder(obj).add(property, m.getKey()).build();
            }
        }
        return v;
    }

    private Map<String, Object> mergeAllOf(Map<String, Object> s) {
        Map<String, Object> merged = new LinkedHashMap<>(s);
        merged.remove("allOf");
        Map<String, Object> props = new LinkedHashMap<>(map(s.get("properties")));
        Set<Object> required = new LinkedHashSet<>(list(s.get("required")));
        for (Object part : list(s.get("allOf"))) {
            Map<String, Object> p = SpecFile.resolve(spec, map(part));
            props.putAll(map(p.get("properties")));
            required.addAll(list(p.get("required")));
            p.forEach(merged::putIfAbsent);
        }
        merged.put("properties", props);
        merged.put("required", List.copyOf(required));
        return merged;
    }

    private static String string(Map<String, Object> s) {
        String format = (String) s.get("format");
        if ("date-time".equals(format)) {
            return SAMPLE_DATE_TIME;
        }
        if ("date".equals(format)) {
            return SAMPLE_DATE;
        }
        if ("byte".equals(format)) {
            return "eA==";
        }
        int min = s.get("minLength") instanceof Number n ? n.intValue() : 1;
        return SAMPLE_STRING.repeat(Math.max(1, min));
    }

    private static BigDecimal number(Map<String, Object> s, BigDecimal preferred) {
        BigDecimal v = preferred;
        if (s.get("minimum") instanceof Number min && v.compareTo(new BigDecimal(min.toString())) < 0) {
            v = new BigDecimal(min.toString());
        }
        if (s.get("maximum") instanceof Number max && v.compareTo(new BigDecimal(max.toString())) > 0) {
            v = new BigDecimal(max.toString());
        }
        return v;
    }

    private static String refOf(Map<String, Object> schema) {
        if (schema.get("$ref") instanceof String ref) {
            return ref;
        }
        if (list(schema.get("allOf")).size() == 1
                && map(list(schema.get("allOf")).get(0)).get("$ref") instanceof String r) {
            return r;
        }
        return null;
    }
}
