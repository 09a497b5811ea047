package dev.schematic.it.wildfly;

import dev.schematic.webhooks.WebhookVerifier;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Calls the sample shop application deployed in WildFly over HTTP, as its users would. Test JVM only. */
final class ShopClient {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    /** {@code base}: the deployment's root, e.g. {@code http://127.0.0.1:9780/shop/}. */
    ShopClient(URL base) {
        this(URI.create(base.toString()));
    }

    ShopClient(URI base) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
    }

    /** The shop for a deployment that Arquillian does not inject a URL for (deployed by the test itself). */
    static ShopClient forContext(String contextRoot) {
        int port = Integer.getInteger("it.http.port", 8080 + Integer.getInteger("wildfly.port.offset", 0));
        return new ShopClient(URI.create("http://127.0.0.1:" + port + "/" + contextRoot + "/"));
    }

    record Answer(int status, String body) {
        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }
    }

    Answer reports(String companyId) {
        return get("api/companies/" + companyId + "/reports");
    }

    JsonObject flag(String companyId, String flag) {
        return ok(get("api/companies/" + companyId + "/flags/" + flag)).json();
    }

    Answer signUp(String companyId, String userId, String name, String plan) {
        String profile = Json.createObjectBuilder()
                .add("name", name)
                .add("plan", plan)
                .build()
                .toString();
        return post("api/signups/" + companyId + "/" + userId, profile);
    }

    Answer use(String companyId, String event, String userId, long quantity, int count) {
        return post(
                "api/usage/" + companyId + "/" + event + "?user=" + userId + "&quantity=" + quantity + "&count="
                        + count,
                "");
    }

    JsonObject eventStats() {
        return ok(get("api/events/stats")).json();
    }

    /**
     * POSTs {@code body} to one of the shop's webhook endpoints ({@code ""} for the default one, {@code "billing"})
     * with {@code headers} (e.g. from {@link #signed}; none for an unsigned request).
     */
    Answer webhook(String endpoint, HttpRequest.BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        base.resolve("api/webhooks/schematic" + (endpoint.isEmpty() ? "" : "/" + endpoint)))
                .header("Content-Type", "application/json")
                .POST(body);
        headers.forEach(request::header);
        return send(request);
    }

    /** {@link #webhook(String, HttpRequest.BodyPublisher, Map)} of a byte array (sent with its Content-Length). */
    Answer webhook(String endpoint, byte[] body, Map<String, String> headers) {
        return webhook(endpoint, HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    /** The headers Schematic sends with {@code body}: signed with {@code secret} at {@code timestamp}. */
    static Map<String, String> signed(byte[] body, String secret, Instant timestamp) {
        String seconds = Long.toString(timestamp.getEpochSecond());
        return Map.of(
                WebhookVerifier.SIGNATURE_HEADER,
                WebhookVerifier.computeHexSignature(body, seconds, secret),
                WebhookVerifier.TIMESTAMP_HEADER,
                seconds,
                WebhookVerifier.SIGNATURE_VERSION_HEADER,
                "v1");
    }

    /** What the shop's webhook resource has received: {@code count} and {@code received} ("endpoint:action"). */
    JsonObject webhooksReceived() {
        return ok(get("api/webhooks/schematic")).json();
    }

    /** A plain GET of a path under the deployment's root. */
    Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Answer ok(Answer answer) {
        if (answer.status() / 100 != 2) {
            throw new AssertionError("HTTP " + answer.status() + ": " + answer.body());
        }
        return answer;
    }
}
