package dev.schematic.internal.rules;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The input fix of the official Java SDK (datastream.md §6.7): replicator data may carry trait definitions with an
 * empty {@code entity_type}, which makes the engine reject the whole call. Inside a company such a definition gets
 * {@code company}, inside a user {@code user}; inside the flag the definition member is removed. Applied only after
 * a rejection, and only when an input contains an empty {@code entity_type}.
 */
final class InputSanitizer {
    private static final byte[] KEY = "\"entity_type\"".getBytes(StandardCharsets.US_ASCII);

    private InputSanitizer() {}

    /** True when the JSON has an {@code "entity_type"} member whose value is {@code ""}. */
    static boolean hasEmptyEntityType(RulesInput input) {
        if (input == null) {
            return false;
        }
        byte[] b = input.bytes();
        outer:
        for (int i = 0; i + KEY.length <= b.length; i++) {
            for (int k = 0; k < KEY.length; k++) {
                if (b[i + k] != KEY[k]) {
                    continue outer;
                }
            }
            int j = skipWs(b, i + KEY.length);
            if (j < b.length && b[j] == ':') {
                j = skipWs(b, j + 1);
                if (j + 1 < b.length && b[j] == '"' && b[j + 1] == '"') {
                    return true;
                }
            }
        }
        return false;
    }

    private static int skipWs(byte[] b, int i) {
        while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** The fixed input, or the same one when it needs no fix (or is not a JSON object). */
    static RulesInput fix(RulesInput input, String entityType) {
        if (!hasEmptyEntityType(input)) {
            return input;
        }
        Object tree;
        try {
            tree = MiniJson.parse(input.bytes());
        } catch (MiniJson.JsonException e) {
            return input;
        }
        walk(tree, entityType);
        StringBuilder sb = new StringBuilder(input.length() + 16);
        write(sb, tree);
        return RulesInput.of(sb.toString());
    }

    private static boolean emptyType(Object def) {
        if (!(def instanceof Map<?, ?> m)) {
            return false;
        }
        Object t = m.get("entity_type");
        return t == null || t == MiniJson.NULL || "".equals(t);
    }

    @SuppressWarnings("unchecked")
    private static void walk(Object node, String entityType) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> map = (Map<String, Object>) m;
            for (String key : List.of("trait_definition", "comparison_trait_definition")) {
                Object def = map.get(key);
                if (emptyType(def)) {
                    if (entityType == null) {
                        map.remove(key);
                    } else {
                        ((Map<String, Object>) def).put("entity_type", entityType);
                    }
                }
            }
            for (Object v : map.values()) {
                walk(v, entityType);
            }
        } else if (node instanceof List<?> list) {
            for (Object v : list) {
                walk(v, entityType);
            }
        }
    }

    private static void write(StringBuilder sb, Object v) {
        if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                JsonText.quote(sb, (String) e.getKey());
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(sb, list.get(i));
            }
            sb.append(']');
        } else if (v instanceof String s) {
            JsonText.quote(sb, s);
        } else if (v == MiniJson.NULL || v == null) {
            sb.append("null");
        } else {
            sb.append(v); // Boolean, Long, Double (finite: parsed from JSON)
        }
    }
}
