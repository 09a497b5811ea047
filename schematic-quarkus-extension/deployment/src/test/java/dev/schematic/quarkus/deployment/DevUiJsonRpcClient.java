package dev.schematic.quarkus.deployment;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Calls Dev UI JSON-RPC methods the way the Dev UI page does: one request over the WebSocket {@code
 * /q/dev-ui/json-rpc-ws}, {@code {"jsonrpc":"2.0","id":n,"method":"<namespace>_<method>","params":{…}}}, answered with
 * {@code {"id":n,"result":{"object":…}}} or {@code {"id":n,"error":{"message":…}}}. (Quarkus' own helper for this,
 * {@code io.quarkus:quarkus-devui-tests}, is not available from the registry this project builds with.)
 */
final class DevUiJsonRpcClient {
    private static final AtomicInteger IDS = new AtomicInteger();
    private final String namespace;
    private final URI uri;

    DevUiJsonRpcClient(String namespace) {
        this.namespace = namespace;
        String testUrl = ConfigProvider.getConfig()
                .getOptionalValue("test.url", String.class)
                .orElse("http://localhost:8080");
        this.uri = URI.create("ws" + testUrl.substring(4) + "/q/dev-ui/json-rpc-ws");
    }

    /** The method's result ({@code result.object}); fails when the answer is an error. */
    JsonValue call(String method, Map<String, String> params) throws Exception {
        JsonObject answer = exchange(method, params);
        if (!answer.containsKey("result")) {
            throw new AssertionError(namespace + "_" + method + " failed: " + answer);
        }
        return answer.getJsonObject("result").get("object");
    }

    /** The error message of a call expected to fail. */
    String error(String method, Map<String, String> params) throws Exception {
        JsonObject answer = exchange(method, params);
        if (!answer.containsKey("error")) {
            throw new AssertionError(namespace + "_" + method + " did not fail: " + answer);
        }
        return answer.getJsonObject("error").toString();
    }

    private JsonObject exchange(String method, Map<String, String> params) throws Exception {
        int id = IDS.incrementAndGet();
        JsonObjectBuilder p = Json.createObjectBuilder();
        params.forEach(p::add);
        String request = Json.createObjectBuilder()
                .add("jsonrpc", "2.0")
                .add("id", id)
                .add("method", namespace + "_" + method)
                .add("params", p)
                .build()
                .toString();
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    JsonObject message =
                            Json.createReader(new StringReader(text.toString())).readObject();
                    text.setLength(0);
                    if (message.containsKey("id") && message.getInt("id", -1) == id) {
                        answer.complete(message);
                    }
                }
                socket.request(1);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                answer.completeExceptionally(error);
            }
        };
        HttpClient http = HttpClient.newHttpClient();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(uri, listener).get(30, TimeUnit.SECONDS);
        try {
            socket.sendText(request, true).get(30, TimeUnit.SECONDS);
            return answer.get(60, TimeUnit.SECONDS);
        } finally {
            socket.abort();
        }
    }
}
