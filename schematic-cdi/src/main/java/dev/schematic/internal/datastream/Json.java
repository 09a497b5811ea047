package dev.schematic.internal.datastream;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON-P access with one cached provider (looking it up per message would be a service-loader scan each time). */
final class Json {
    static final JsonProvider P = JsonProvider.provider();

    private Json() {}

    /** Parses any JSON value; throws {@link jakarta.json.JsonException} (a RuntimeException) when malformed. */
    static JsonValue parse(String text) {
        try (var reader = P.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    static JsonObject parseObject(String text) {
        JsonValue v = parse(text);
        if (v instanceof JsonObject o) {
            return o;
        }
        throw new jakarta.json.JsonException("expected a JSON object");
    }

    /** The member as a string, or {@code null} when absent, null or not a string. */
    static String string(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? s.getString() : null;
    }

    static JsonObject object(JsonObject o, String name) {
        return o.get(name) instanceof JsonObject v ? v : null;
    }

    static JsonArray array(JsonObject o, String name) {
        return o.get(name) instanceof JsonArray v ? v : null;
    }

    /** A {@code keys}-style map: string members only (others are ignored). */
    static Map<String, String> stringMap(JsonValue v) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v instanceof JsonObject o) {
            o.forEach((k, value) -> {
                if (value instanceof JsonString s) {
                    out.put(k, s.getString());
                } else if (value instanceof JsonNumber n) {
                    out.put(k, n.toString());
                }
            });
        }
        return out;
    }

    /** {@code "text"} as a JSON string literal. */
    static String quote(String text) {
        return P.createValue(text).toString();
    }
}
