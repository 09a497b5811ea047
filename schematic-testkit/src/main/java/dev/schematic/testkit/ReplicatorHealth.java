package dev.schematic.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The replicator's readiness endpoint for {@link FakeReplicator}: {@code GET /ready} (200 or 503) and {@code GET
 * /health} (always 200) with the replicator's JSON body, on a fixed loopback port so it can go down and come back.
 */
final class ReplicatorHealth {
    private final int port;
    private final Supplier<String> cacheVersion;
    private final AtomicLong polls = new AtomicLong();
    private volatile boolean ready = true;
    private volatile String rawBody;
    private volatile String contentType = "text/plain; charset=utf-8";
    private HttpServer server;
    private ThreadPoolExecutor executor;

    ReplicatorHealth(int port, Supplier<String> cacheVersion) {
        this.port = port;
        this.cacheVersion = cacheVersion;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/ready";
    }

    void ready(boolean ready) {
        this.ready = ready;
    }

    void rawBody(String rawBody) {
        this.rawBody = rawBody;
    }

    void contentType(String contentType) {
        this.contentType = contentType;
    }

    long polls() {
        return polls.get();
    }

    synchronized void down() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    synchronized void up() {
        if (server != null) {
            return;
        }
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            s.createContext("/", this::handle);
            executor = (ThreadPoolExecutor) Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "fake-replicator-health");
                t.setDaemon(true);
                return t;
            });
            s.setExecutor(executor);
            s.start();
            server = s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + port, e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            int status;
            String body;
            if (path.equals("/ready") || path.equals("/health")) {
                if (path.equals("/ready")) {
                    polls.incrementAndGet();
                }
                boolean r = ready;
                status = path.equals("/health") || r ? 200 : 503;
                String raw = rawBody;
                body = raw != null ? raw : body(r);
            } else {
                status = 404;
                body = "404 page not found\n";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", contentType);
            ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private String body(boolean ready) {
        return Json.createObjectBuilder()
                .add("status", "healthy")
                .add("ready", ready)
                .add("connected", ready)
                .add(
                        "components",
                        Json.createObjectBuilder()
                                .add("redis", "connected")
                                .add("datastream", ready ? "ready" : "disconnected"))
                .add("cache_version", cacheVersion.get())
                .add("timestamp", Instant.now().toString())
                .build()
                .toString();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
