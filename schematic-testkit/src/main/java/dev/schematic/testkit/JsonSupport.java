package dev.schematic.testkit;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParserFactory;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON helpers shared by the fake. The provider and factories are looked up once: per-call lookups are slow. */
final class JsonSupport {
    static final JsonProvider PROVIDER = JsonProvider.provider();
    static final JsonBuilderFactory BUILDERS = PROVIDER.createBuilderFactory(Map.of());
    static final JsonParserFactory PARSERS = PROVIDER.createParserFactory(Map.of());
    private static final JsonReaderFactory READERS = PROVIDER.createReaderFactory(Map.of());

    private JsonSupport() {}

    /** Parses any JSON value from UTF-8 bytes; throws {@link jakarta.json.JsonException} on malformed input. */
    static JsonValue parse(byte[] utf8) {
        try (JsonReader reader = READERS.createReader(new ByteArrayInputStream(utf8), StandardCharsets.UTF_8)) {
            return reader.readValue();
        }
    }

    static JsonValue parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    static JsonObject parseObject(String text) {
        JsonValue value = parse(text);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException("expected a JSON object but got " + value.getValueType());
        }
        return value.asJsonObject();
    }

    static JsonObjectBuilder object() {
        return BUILDERS.createObjectBuilder();
    }

    static JsonArrayBuilder array() {
        return BUILDERS.createArrayBuilder();
    }

    static byte[] bytes(JsonValue value) {
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    static JsonObject error(String message) {
        return object().add("error", message).build();
    }

    static JsonValue string(String s) {
        return s == null ? JsonValue.NULL : PROVIDER.createValue(s);
    }

    /** Converts plain Java values (String, Number, Boolean, Map, Collection, arrays of those, JsonValue) to JSON. */
    static JsonValue toJson(Object o) {
        if (o == null) {
            return JsonValue.NULL;
        }
        if (o instanceof JsonValue v) {
            return v;
        }
        if (o instanceof CharSequence s) {
            return PROVIDER.createValue(s.toString());
        }
        if (o instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
            return PROVIDER.createValue(((Number) o).longValue());
        }
        if (o instanceof BigInteger bi) {
            return PROVIDER.createValue(bi);
        }
        if (o instanceof BigDecimal bd) {
            return PROVIDER.createValue(bd);
        }
        if (o instanceof Number n) {
            return PROVIDER.createValue(n.doubleValue());
        }
        if (o instanceof Map<?, ?> map) {
            JsonObjectBuilder b = object();
            map.forEach((k, v) -> b.add(String.valueOf(k), toJson(v)));
            return b.build();
        }
        if (o instanceof Collection<?> c) {
            JsonArrayBuilder b = array();
            c.forEach(v -> b.add(toJson(v)));
            return b.build();
        }
        if (o instanceof Object[] arr) {
            JsonArrayBuilder b = array();
            for (Object v : arr) {
                b.add(toJson(v));
            }
            return b.build();
        }
        return PROVIDER.createValue(o.toString());
    }

    static JsonObject toJsonObject(Map<String, ?> map) {
        return map == null ? JsonValue.EMPTY_JSON_OBJECT : toJson(map).asJsonObject();
    }

    static JsonObject stringMapToJson(Map<String, String> map) {
        JsonObjectBuilder b = object();
        map.forEach(b::add);
        return b.build();
    }

    /** Reads a JSON object of key/value pairs as strings; null, absent or non-object gives an empty map. */
    static Map<String, String> stringMap(JsonValue value) {
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            return Collections.emptyMap();
        }
        Map<String, String> out = new LinkedHashMap<>();
        value.asJsonObject().forEach((k, v) -> out.put(k, plainString(v)));
        return out;
    }

    /** The string form of a scalar: unquoted for strings, JSON text otherwise. */
    static String plainString(JsonValue v) {
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return v instanceof JsonString s ? s.getString() : v.toString();
    }

    static String optString(JsonObject o, String name) {
        return o == null ? null : plainString(o.get(name));
    }

    static boolean optBoolean(JsonObject o, String name) {
        JsonValue v = o == null ? null : o.get(name);
        return v != null && v.getValueType() == JsonValue.ValueType.TRUE;
    }
}
