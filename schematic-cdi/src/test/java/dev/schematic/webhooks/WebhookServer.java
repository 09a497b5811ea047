package dev.schematic.webhooks;

import io.undertow.Undertow;
import jakarta.ws.rs.core.Application;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.resteasy.plugins.server.undertow.UndertowJaxrsServer;

/** A real JAX-RS runtime (RESTEasy on Undertow) on a free local port, and a plain HTTP client to call it. */
final class WebhookServer implements AutoCloseable {
    private final Server server = new Server();
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    WebhookServer(Application application) {
        server.start(Undertow.builder().addHttpListener(0, "127.0.0.1"));
        try {
            server.deploy(application, "/");
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    /** The loopback port the server listens on. */
    int port() {
        return server.port();
    }

    /** The answer to a request: status, content type and body text. */
    record Answer(int status, String contentType, String body) {}

    Answer post(String path, byte[] body, Map<String, String> headers) {
        return send(path, HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    /** Sends the body chunked, without a Content-Length, so only reading it can reveal its size. */
    Answer postChunked(String path, byte[] body, Map<String, String> headers) {
        return send(path, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), headers);
    }

    private Answer send(String path, HttpRequest.BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json")
                .POST(body);
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    private static final class Server extends UndertowJaxrsServer {
        int port() {
            return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        }
    }
}
