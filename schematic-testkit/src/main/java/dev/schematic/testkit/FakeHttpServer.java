package dev.schematic.testkit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The HTTP server of the fake (the JDK's), on a loopback port of its own: reads each request, hands it to the {@link
 * Handler} and writes the answer, after the programmed delay if any. Clients reach it through the {@link PortRouter}.
 */
final class FakeHttpServer implements AutoCloseable {
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    /** Answers one request; {@code segments} are the percent-decoded path segments. */
    interface Handler {
        Response handle(RecordedRequest request, String[] segments);
    }

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService scheduler;
    private final Handler handler;
    private final Function<String, Duration> delays;

    FakeHttpServer(String name, Handler handler, Function<String, Duration> delays) throws IOException {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and delayed ACKs
        // can add ~40 ms to every response. Only effective if no HttpServer was created before in this JVM.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        this.handler = handler;
        this.delays = delays;
        this.executor = new ThreadPoolExecutor(
                8, 8, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon(name + "-http-"));
        this.scheduler = Executors.newScheduledThreadPool(2, daemon(name + "-delay-"));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 256);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        scheduler.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        Response response;
        String path = "/";
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String rawPath = exchange.getRequestURI().getRawPath();
            String[] segments = PathSegments.split(rawPath == null ? "/" : rawPath, true);
            path = "/" + String.join("/", segments);
            RecordedRequest request = new RecordedRequest(
                    exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                    path,
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(),
                    body,
                    Instant.now());
            response = handler.handle(request, segments);
        } catch (RuntimeException | IOException e) {
            response = Response.error(500, "FakeSchematic internal error: " + e);
        }
        Duration delay = delays.apply(path);
        if (delay == null) {
            send(exchange, response);
        } else {
            Response r = response;
            try {
                scheduler.schedule(() -> send(exchange, r), delay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RuntimeException rejected) { // closed meanwhile
                exchange.close();
            }
        }
    }

    private static void send(HttpExchange exchange, Response response) {
        try {
            Headers headers = exchange.getResponseHeaders();
            response.headers().forEach(headers::set);
            if (response.body().length == 0) {
                exchange.sendResponseHeaders(response.status(), -1);
            } else {
                headers.set("Content-Type", JSON_TYPE);
                exchange.sendResponseHeaders(response.status(), response.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // the client went away (e.g. timed out during a delay)
        } finally {
            exchange.close();
        }
    }
}
