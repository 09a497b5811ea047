package dev.schematic.it.wildfly;

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
        int port = 8080 + Integer.getInteger("wildfly.port.offset", 0);
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

    Answer webhook(String json) {
        return post("api/webhooks/schematic", json);
    }

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
