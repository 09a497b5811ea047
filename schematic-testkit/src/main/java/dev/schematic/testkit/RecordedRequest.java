package dev.schematic.testkit;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request received by {@link FakeSchematic}, recorded before any failure, delay or handler applied.
 *
 * @param method the HTTP method, upper case ({@code "POST"})
 * @param path the percent-decoded path ({@code "/flags/my-flag/check"})
 * @param query the raw (still encoded) query string without {@code ?}, or {@code null} when there is none
 * @param headers request headers; the map looks names up case-insensitively
 * @param body the request body bytes (empty, never null)
 * @param receivedAt when the request arrived
 */
public record RecordedRequest(
        String method, String path, String query, Map<String, List<String>> headers, byte[] body, Instant receivedAt) {

    public RecordedRequest {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> copy.merge(k, List.copyOf(v), (a, b) -> {
                List<String> merged = new ArrayList<>(a);
                merged.addAll(b);
                return List.copyOf(merged);
            }));
        }
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body;
    }

    /** The body bytes (a copy). */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body without copying, for the fake's own use. */
    byte[] rawBody() {
        return body;
    }

    /** The first value of a header, looked up case-insensitively, or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The body parsed as a JSON object.
     *
     * @throws IllegalStateException when the body is empty or not a JSON object
     */
    public JsonObject bodyJson() {
        if (body.length == 0) {
            throw new IllegalStateException(method + " " + path + " has no body");
        }
        JsonValue v;
        try {
            v = JsonSupport.parse(body);
        } catch (RuntimeException e) {
            throw new IllegalStateException(method + " " + path + " body is not valid JSON: " + e.getMessage(), e);
        }
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalStateException(method + " " + path + " body is not a JSON object: " + v.getValueType());
        }
        return v.asJsonObject();
    }

    /** The query parameters, URL-decoded, in order; repeated names collect several values. */
    public Map<String, List<String>> queryParams() {
        return parseQuery(query);
    }

    /** The first value of a query parameter, or {@code null}. */
    public String queryParam(String name) {
        List<String> values = queryParams().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            out.computeIfAbsent(decode(name), k -> new ArrayList<>()).add(decode(value));
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedRequest r
                && method.equals(r.method)
                && path.equals(r.path)
                && java.util.Objects.equals(query, r.query)
                && headers.equals(r.headers)
                && Arrays.equals(body, r.body)
                && java.util.Objects.equals(receivedAt, r.receivedAt);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(method, path, query, Arrays.hashCode(body), receivedAt);
    }

    @Override
    public String toString() {
        return method + " " + path + (query == null ? "" : "?" + query) + " (" + body.length + " bytes)";
    }
}
