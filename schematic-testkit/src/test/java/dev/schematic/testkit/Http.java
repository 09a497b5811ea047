package dev.schematic.testkit;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A tiny real-HTTP client for the tests. */
final class Http {
    static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonObject json() {
            return JsonSupport.parseObject(body);
        }

        JsonObject data() {
            return json().getJsonObject("data");
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** The API key sent unless a test passes its own {@code X-Schematic-Api-Key} header. */
    static final String API_KEY = "sch_dev_test";

    private final String baseUrl;

    Http(FakeSchematic fake) {
        this(fake.baseUrl());
    }

    Http(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Reply post(String path, String json) {
        return send("POST", path, json, Map.of());
    }

    Reply post(String path, String json, Map<String, String> headers) {
        return send("POST", path, json, headers);
    }

    Reply get(String path) {
        return send("GET", path, null, Map.of());
    }

    Reply delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    Reply send(String method, String path, String json, Map<String, String> headers) {
        return send(method, path, json, headers, Duration.ofSeconds(10));
    }

    Reply send(String method, String path, String json, Map<String, String> headers, Duration timeout) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout);
        headers.forEach(b::header);
        if (headers.keySet().stream().noneMatch(FakeSchematic.API_KEY_HEADER::equalsIgnoreCase)) {
            b.header(FakeSchematic.API_KEY_HEADER, API_KEY); // the real API answers 401 without one
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A {@code /batch} body of {@code n} events of {@code type}, each with a body valid for its type. */
    static String events(int n, String type) {
        StringBuilder sb = new StringBuilder("{\"events\":[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String body = switch (type) {
                case "identify" -> "{\"keys\":{\"id\":\"u" + i + "\"},\"company\":{\"keys\":{\"id\":\"acme\"}}}";
                case "flag_check" -> "{\"flag_key\":\"f" + i + "\",\"reason\":\"r\",\"value\":true}";
                default -> "{\"event\":\"e" + i + "\",\"company\":{\"id\":\"acme\"},\"quantity\":1}";
            };
            sb.append("{\"api_key\":\"" + API_KEY + "\",\"type\":\"")
                    .append(type)
                    .append("\",\"body\":")
                    .append(body)
                    .append(",\"sent_at\":\"2024-01-01T00:00:00Z\"}");
        }
        return sb.append("]}").toString();
    }

    static boolean isNull(JsonObject o, String name) {
        return o.containsKey(name) && o.get(name).getValueType() == JsonValue.ValueType.NULL;
    }
}
