package dev.schematic;

import dev.schematic.internal.client.SchematicRuntime;
import dev.schematic.internal.config.SchematicConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Builds a {@link Schematic} for plain Java SE (batch jobs, tests, non-CDI apps). Every setter corresponds to a
 * {@code schematic.*} key and is validated by the same rules as MicroProfile Config values; {@link #build()} throws a
 * {@link SchematicConfigException} naming the key of the first bad value.
 *
 * <pre>{@code
 * try (Schematic schematic = Schematic.builder().apiKey(System.getenv("SCHEMATIC_API_KEY")).build()) {
 *     boolean on = schematic.checkFlag("new-editor", Map.of("id", "acme"), Map.of());
 * }
 * }</pre>
 */
public final class SchematicBuilder {
    private final Map<String, String> raw = new LinkedHashMap<>();
    private final List<SchematicClientCustomizer> customizers = new ArrayList<>();
    private Executor executor;

    SchematicBuilder() {}

    /** {@code schematic.api-key}: the secret API key (required unless offline). */
    public SchematicBuilder apiKey(String apiKey) {
        return set(SchematicConfig.Keys.API_KEY, apiKey);
    }

    /** {@code schematic.base-url}: the REST API (default https://api.schematichq.com). */
    public SchematicBuilder baseUrl(String url) {
        return set(SchematicConfig.Keys.BASE_URL, url);
    }

    /** {@code schematic.event-capture-url}: the event capture service (default https://c.schematichq.com). */
    public SchematicBuilder eventCaptureUrl(String url) {
        return set(SchematicConfig.Keys.EVENT_CAPTURE_URL, url);
    }

    /** {@code schematic.offline}: no network at all; checks return defaults, events are discarded. */
    public SchematicBuilder offline(boolean offline) {
        return set(SchematicConfig.Keys.OFFLINE, Boolean.toString(offline));
    }

    /** {@code schematic.timeout}: connect and read timeout of each REST attempt (default 60s). */
    public SchematicBuilder timeout(Duration timeout) {
        return set(SchematicConfig.Keys.TIMEOUT, timeout.toString());
    }

    /** {@code schematic.max-retries}: retries of a REST call on 408/429/5xx/refused connection (default 2). */
    public SchematicBuilder maxRetries(int maxRetries) {
        return set(SchematicConfig.Keys.MAX_RETRIES, Integer.toString(maxRetries));
    }

    /** {@code schematic.retry-backoff}: first exponential wait between REST retries (default 1s). */
    public SchematicBuilder retryBackoff(Duration backoff) {
        return set(SchematicConfig.Keys.RETRY_BACKOFF, backoff.toString());
    }

    /** {@code schematic.flag-defaults.<flag-key>}: the value returned when a check cannot be answered. */
    public SchematicBuilder flagDefault(String flagKey, boolean value) {
        return set(SchematicConfig.Keys.FLAG_DEFAULTS + flagKey, Boolean.toString(value));
    }

    /** {@code schematic.cache.enabled}: cache API check results locally (default true). */
    public SchematicBuilder cacheEnabled(boolean enabled) {
        return set(SchematicConfig.Keys.CACHE_ENABLED, Boolean.toString(enabled));
    }

    /** {@code schematic.cache.max-size}: most cached results (default 1000; 0 disables). */
    public SchematicBuilder cacheMaxSize(int maxSize) {
        return set(SchematicConfig.Keys.CACHE_MAX_SIZE, Integer.toString(maxSize));
    }

    /** {@code schematic.cache.ttl}: how long a cached result is used (default 5s). */
    public SchematicBuilder cacheTtl(Duration ttl) {
        return set(SchematicConfig.Keys.CACHE_TTL, ttl.toString());
    }

    // ---- flag checks through the API when it is slow or failing (docs/flag-checks.md)

    /** {@code schematic.connect-timeout}: connect timeout of each REST attempt, at most its read timeout (10s). */
    public SchematicBuilder connectTimeout(Duration timeout) {
        return set(SchematicConfig.Keys.CONNECT_TIMEOUT, timeout.toString());
    }

    /** {@code schematic.checks.deadline}: the most one flag check may take, retries and waits included (1s). */
    public SchematicBuilder checksDeadline(Duration deadline) {
        return set(SchematicConfig.Keys.CHECKS_DEADLINE, deadline.toString());
    }

    /** {@code schematic.circuit-breaker.failure-threshold}: failed checks in a row that open it (5; 0 = off). */
    public SchematicBuilder circuitBreakerFailureThreshold(int failures) {
        return set(SchematicConfig.Keys.CIRCUIT_BREAKER_FAILURE_THRESHOLD, Integer.toString(failures));
    }

    /** {@code schematic.circuit-breaker.open-duration}: how long it stays open before one probe (10s). */
    public SchematicBuilder circuitBreakerOpenDuration(Duration openDuration) {
        return set(SchematicConfig.Keys.CIRCUIT_BREAKER_OPEN_DURATION, openDuration.toString());
    }

    /** {@code schematic.cache.max-stale}: how long past its TTL a cached answer serves while failing (5m). */
    public SchematicBuilder cacheMaxStale(Duration maxStale) {
        return set(SchematicConfig.Keys.CACHE_MAX_STALE, maxStale.toString());
    }

    /** {@code schematic.events.batch-size}: events per capture request, 1–100 (default 100). */
    public SchematicBuilder eventsBatchSize(int batchSize) {
        return set(SchematicConfig.Keys.EVENTS_BATCH_SIZE, Integer.toString(batchSize));
    }

    /** {@code schematic.events.flush-interval}: how often queued events are sent (default 5s). */
    public SchematicBuilder eventsFlushInterval(Duration interval) {
        return set(SchematicConfig.Keys.EVENTS_FLUSH_INTERVAL, interval.toString());
    }

    /** {@code schematic.events.max-queue}: most queued events; beyond it the oldest is dropped (default 10000). */
    public SchematicBuilder eventsMaxQueue(int maxQueue) {
        return set(SchematicConfig.Keys.EVENTS_MAX_QUEUE, Integer.toString(maxQueue));
    }

    /**
     * {@code schematic.events.max-retries}: re-sends of a batch failing with an unexpected error (default 3); outages
     * (network errors, 408, 429, 5xx) are retried without limit.
     */
    public SchematicBuilder eventsMaxRetries(int maxRetries) {
        return set(SchematicConfig.Keys.EVENTS_MAX_RETRIES, Integer.toString(maxRetries));
    }

    /** {@code schematic.events.retry-backoff}: first wait before re-sending a batch, ×2 up to 32× (default 1s). */
    public SchematicBuilder eventsRetryBackoff(Duration backoff) {
        return set(SchematicConfig.Keys.EVENTS_RETRY_BACKOFF, backoff.toString());
    }

    /** {@code schematic.events.shutdown-timeout}: how long close() keeps sending and re-sending (default 30s). */
    public SchematicBuilder eventsShutdownTimeout(Duration timeout) {
        return set(SchematicConfig.Keys.EVENTS_SHUTDOWN_TIMEOUT, timeout.toString());
    }

    /** Sets any {@code schematic.*} key from its text form, as in microprofile-config.properties. */
    public SchematicBuilder property(String key, String value) {
        if (!key.startsWith(SchematicConfig.Keys.PREFIX)) {
            throw new SchematicConfigException("SCHEM108", key, "is not a schematic.* key");
        }
        return set(key, value);
    }

    /** Sets several {@code schematic.*} keys, e.g. loaded from a properties file. */
    public SchematicBuilder properties(Map<String, String> values) {
        values.forEach(this::property);
        return this;
    }

    /** Adjusts every REST client before it is built: proxy, TLS, extra headers. */
    public SchematicBuilder customizer(SchematicClientCustomizer customizer) {
        customizers.add(Objects.requireNonNull(customizer, "customizer"));
        return this;
    }

    /** The executor of {@link AsyncSchematic}; default: the SDK's own daemon threads. Not shut down by close(). */
    public SchematicBuilder executor(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /**
     * Validates the settings and builds the client (nothing heavy starts until used or {@code start()}).
     *
     * @throws SchematicConfigException when a setting is missing or invalid (the message names the key)
     */
    public Schematic build() {
        SchematicConfig config = SchematicConfig.read(raw);
        return SchematicRuntime.standalone(config, customizers, executor);
    }

    /** Convenience for the builder's URL setters. */
    public SchematicBuilder baseUrl(URI url) {
        return baseUrl(url.toString());
    }

    private SchematicBuilder set(String key, String value) {
        if (value == null) {
            raw.remove(key);
        } else {
            raw.put(key, value);
        }
        return this;
    }
}
