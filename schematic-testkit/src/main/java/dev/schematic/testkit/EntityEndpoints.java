package dev.schematic.testkit;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST|GET /companies}, {@code GET /companies/{id}}, {@code GET /companies/lookup}, {@code DELETE
 * /companies/{id}} and the same for {@code /users}, over the fake's {@link EntityTable}.
 */
final class EntityEndpoints {
    private final EntityTable table;

    EntityEndpoints(EntityTable table) {
        this.table = table;
    }

    /** Routes {@code /companies...} and {@code /users...}; null when no operation matches. */
    Response route(String method, String[] seg, RecordedRequest request) {
        String type = seg[0].equals("companies") ? "company" : "user";
        int n = seg.length;
        if (n == 1 && method.equals("POST")) {
            return Response.envelope(200, table.upsert(type, Bodies.object(request)), JsonValue.EMPTY_JSON_OBJECT);
        }
        if (n == 1 && method.equals("GET")) {
            return list(type, request);
        }
        if (n == 2 && method.equals("GET") && seg[1].equals("lookup")) {
            Map<String, String> keys = lookupKeys(request);
            if (keys.isEmpty()) {
                return Response.error(400, "keys is required");
            }
            JsonObject found = table.lookup(type, keys);
            JsonObject params = JsonSupport.object()
                    .add("keys", JsonSupport.stringMapToJson(keys))
                    .build();
            return found == null ? Response.error(404, type + " not found") : Response.envelope(200, found, params);
        }
        if (n == 2 && method.equals("GET")) {
            JsonObject found = table.get(type, seg[1]);
            return found == null
                    ? Response.error(404, type + " not found")
                    : Response.envelope(200, found, JsonValue.EMPTY_JSON_OBJECT);
        }
        if (n == 2 && method.equals("DELETE")) {
            if (!table.delete(type, seg[1])) {
                return Response.error(404, type + " not found");
            }
            return Response.envelope(
                    200, JsonSupport.object().add("deleted", true).build(), JsonValue.EMPTY_JSON_OBJECT);
        }
        return null;
    }

    private Response list(String type, RecordedRequest request) {
        Map<String, List<String>> query = request.queryParams();
        int limit = intParam(query, "limit", 100);
        int offset = intParam(query, "offset", 0);
        List<JsonObject> all = new ArrayList<>(table.list(type));
        Collections.reverse(all); // newest first, like the real API
        JsonArrayBuilder data = JsonSupport.array();
        all.stream().skip(Math.max(0, offset)).limit(Math.max(0, limit)).forEach(data::add);
        JsonObject params =
                JsonSupport.object().add("limit", limit).add("offset", offset).build();
        return Response.envelope(200, data.build(), params);
    }

    private static int intParam(Map<String, List<String>> query, String name, int fallback) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(values.get(0));
        } catch (NumberFormatException e) {
            throw new FakeApiException(400, "invalid " + name + ": " + values.get(0));
        }
    }

    /** Lookup keys: deep-object {@code keys[k]=v}, or {@code keys={json}}, or bare {@code k=v} parameters. */
    private static Map<String, String> lookupKeys(RecordedRequest request) {
        Map<String, List<String>> query = request.queryParams();
        Map<String, String> keys = new LinkedHashMap<>();
        query.forEach((name, values) -> {
            if (name.startsWith("keys[") && name.endsWith("]") && !values.isEmpty()) {
                keys.put(name.substring(5, name.length() - 1), values.get(0));
            }
        });
        if (keys.isEmpty() && query.containsKey("keys")) {
            String json = query.get("keys").get(0);
            try {
                keys.putAll(JsonSupport.stringMap(JsonSupport.parse(json)));
            } catch (JsonException e) {
                throw new FakeApiException(400, "invalid keys: " + e.getMessage());
            }
        }
        if (keys.isEmpty()) {
            query.forEach((name, values) -> {
                if (!values.isEmpty()) {
                    keys.put(name, values.get(0));
                }
            });
        }
        return keys;
    }
}
