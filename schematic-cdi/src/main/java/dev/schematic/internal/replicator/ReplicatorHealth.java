package dev.schematic.internal.replicator;

import dev.schematic.ReplicatorStatus;
import dev.schematic.internal.concurrent.DaemonThreads;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Polls the replicator's readiness endpoint (datastream.md §4.3): {@code GET} the URL at start and then every
 * interval, 5 s timeout. Ready when the answer is 2xx and its body says {@code "ready": true}; the body is parsed as
 * JSON whatever its {@code Content-Type} (the replicator does not set it reliably). The cache version is the body's
 * {@code cache_version} (or {@code cacheVersion}), read from any status: a new non-empty value replaces the old one,
 * an absent or empty one — and every failed poll — keeps it. A failed request or an unparseable body means not ready.
 *
 * <p>One daemon thread ({@code schematic-replicator-health}), stopped by {@link #close()}; plain
 * {@link HttpURLConnection}s, so no HTTP client thread outlives it.
 */
public final class ReplicatorHealth implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ReplicatorHealth.class.getName());
    /** The HTTP connect and read timeout of one poll (as the official SDKs). */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final JsonProvider JSON = JsonProvider.provider();

    private final URI url;
    private final Duration interval;
    private final Consumer<ReplicatorStatus> listener;
    private final ScheduledThreadPoolExecutor executor;
    private final Object lock = new Object();
    private ReplicatorStatus status;
    private boolean loggedUnreachable;

    /**
     * @param url the readiness URL (default {@code http://localhost:8090/ready})
     * @param interval time between two polls
     * @param listener told the status after every poll (on the polling thread)
     */
    public ReplicatorHealth(URI url, Duration interval, Consumer<ReplicatorStatus> listener) {
        this.url = url;
        this.interval = interval;
        this.listener = listener;
        this.status = ReplicatorStatus.initial(url.toString());
        this.executor = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("schematic-replicator-health"));
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Polls now (on the polling thread) and then every interval. */
    public void start() {
        executor.scheduleWithFixedDelay(this::pollQuietly, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The last poll's result. */
    public ReplicatorStatus status() {
        synchronized (lock) {
            return status;
        }
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Schematic replicator health poll failed", e);
        }
    }

    /** One poll, on the caller's thread; updates {@link #status()} and tells the listener. */
    public ReplicatorStatus poll() {
        int code = 0;
        String body = null;
        String error = null;
        HttpURLConnection c = null;
        try {
            c = (HttpURLConnection) url.toURL().openConnection();
            c.setConnectTimeout((int) TIMEOUT.toMillis());
            c.setReadTimeout((int) TIMEOUT.toMillis());
            c.setUseCaches(false);
            c.setInstanceFollowRedirects(true);
            c.setRequestProperty("Accept", "application/json");
            code = c.getResponseCode();
            InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream();
            body = in == null ? "" : readAtMost(in, 64 * 1024);
        } catch (IOException | RuntimeException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } finally {
            if (c != null) {
                c.disconnect();
            }
        }
        Body parsed = null;
        if (error == null) {
            try {
                parsed = parse(body);
            } catch (JsonException | IllegalArgumentException e) {
                error = "HTTP " + code + " with a body that is not a JSON object: " + abbreviate(body);
            }
        }
        ReplicatorStatus next;
        synchronized (lock) {
            String version = status.cacheVersion();
            if (parsed != null
                    && parsed.cacheVersion() != null
                    && !parsed.cacheVersion().isEmpty()) {
                version = parsed.cacheVersion();
            }
            boolean ready = error == null && code >= 200 && code < 300 && parsed.ready();
            next = new ReplicatorStatus(
                    url.toString(),
                    ready,
                    version,
                    parsed == null ? null : parsed.datastream(),
                    parsed == null ? null : parsed.redis(),
                    code,
                    error,
                    Instant.now(),
                    status.polls() + 1);
            ReplicatorStatus before = status;
            status = next;
            logChange(before, next);
        }
        listener.accept(next);
        return next;
    }

    private void logChange(ReplicatorStatus before, ReplicatorStatus now) {
        if (now.error() != null) {
            if (!loggedUnreachable) {
                loggedUnreachable = true;
                LOG.log(Level.WARNING, "Schematic " + now.describe() + "; flag checks use the REST API");
            } else {
                LOG.log(Level.DEBUG, () -> "Schematic " + now.describe());
            }
            return;
        }
        loggedUnreachable = false;
        boolean changed = before.checkedAt() == null
                || before.ready() != now.ready()
                || before.error() != null
                || !java.util.Objects.equals(before.cacheVersion(), now.cacheVersion());
        if (changed) {
            LOG.log(
                    now.ready() ? Level.INFO : Level.WARNING,
                    "Schematic " + now.describe() + (now.ready() ? "" : "; flag checks use the REST API"));
        }
    }

    /** The members of a readiness body that matter. */
    record Body(boolean ready, String cacheVersion, String datastream, String redis) {}

    /**
     * Parses a readiness body: {@code ready} (true only when it is JSON {@code true}), {@code cache_version} or
     * {@code cacheVersion}, {@code components.datastream}, {@code components.redis}.
     *
     * @throws JsonException when the body is not JSON
     * @throws IllegalArgumentException when it is not a JSON object
     */
    static Body parse(String body) {
        JsonValue v;
        try (var reader = JSON.createReader(new StringReader(body == null ? "" : body.strip()))) {
            v = reader.readValue();
        }
        if (!(v instanceof JsonObject o)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String version = string(o, "cache_version");
        if (version == null || version.isEmpty()) {
            version = string(o, "cacheVersion");
        }
        JsonObject components = o.get("components") instanceof JsonObject c ? c : null;
        return new Body(
                o.get("ready") == JsonValue.TRUE,
                version == null ? null : version.strip(),
                components == null ? null : string(components, "datastream"),
                components == null ? null : string(components, "redis"));
    }

    private static String string(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static String readAtMost(InputStream in, int max) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(max);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static String abbreviate(String s) {
        String t = s == null ? "" : s.strip().replaceAll("\\s+", " ");
        return t.length() <= 80 ? "'" + t + "'" : "'" + t.substring(0, 80) + "…'";
    }

    /** Stops polling; waits for a poll in progress (at most the HTTP timeout). Idempotent. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
