package dev.schematic;

import dev.schematic.internal.client.SchematicRuntime;
import dev.schematic.internal.config.Catalogue;
import dev.schematic.internal.config.DataStreamSettings;
import dev.schematic.internal.config.FlagDefaultKeys;
import dev.schematic.internal.config.SchemCode;
import dev.schematic.internal.config.SchematicConfig;
import dev.schematic.internal.config.Setting;
import java.net.URI;
import java.nio.file.Path;
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
 *     boolean on = schematic.checkFlag("new-editor", EvaluationContext.company("id", "acme"));
 * }
 * }</pre>
 */
public final class SchematicBuilder {
    private final Map<String, Object> raw = new LinkedHashMap<>();
    private final List<SchematicClientCustomizer> customizers = new ArrayList<>();
    private Executor executor;

    SchematicBuilder() {}

    /** {@code schematic.api-key}: the secret API key (required unless offline). */
    public SchematicBuilder apiKey(String apiKey) {
        return set(Catalogue.API_KEY, apiKey);
    }

    /** {@code schematic.base-url}: the REST API (default https://api.schematichq.com). */
    public SchematicBuilder baseUrl(String url) {
        return set(Catalogue.BASE_URL.name(), url);
    }

    /** {@code schematic.event-capture-url}: the event capture service (default https://c.schematichq.com). */
    public SchematicBuilder eventCaptureUrl(String url) {
        return set(Catalogue.EVENT_CAPTURE_URL.name(), url);
    }

    /** {@code schematic.offline}: no network at all; checks return defaults, events are discarded. */
    public SchematicBuilder offline(boolean offline) {
        return set(Catalogue.OFFLINE, offline);
    }

    /** {@code schematic.timeout}: connect and read timeout of each REST attempt (default 60s). */
    public SchematicBuilder timeout(Duration timeout) {
        return set(Catalogue.TIMEOUT, timeout);
    }

    /** {@code schematic.max-retries}: retries of a REST call on 408/429/5xx/refused connection (default 2). */
    public SchematicBuilder maxRetries(int maxRetries) {
        return set(Catalogue.MAX_RETRIES, maxRetries);
    }

    /** {@code schematic.retry-backoff}: first exponential wait between REST retries (default 1s). */
    public SchematicBuilder retryBackoff(Duration backoff) {
        return set(Catalogue.RETRY_BACKOFF, backoff);
    }

    /** {@code schematic.flag-defaults.<flag-key>}: the value returned when a check cannot be answered. */
    public SchematicBuilder flagDefault(String flagKey, boolean value) {
        return set(FlagDefaultKeys.keyOf(flagKey), value);
    }

    /** {@code schematic.cache.enabled}: cache API check results locally (default true). */
    public SchematicBuilder cacheEnabled(boolean enabled) {
        return set(Catalogue.CACHE_ENABLED, enabled);
    }

    /** {@code schematic.cache.max-size}: most cached results (default 1000; 0 disables). */
    public SchematicBuilder cacheMaxSize(int maxSize) {
        return set(Catalogue.CACHE_MAX_SIZE, maxSize);
    }

    /** {@code schematic.cache.ttl}: how long a cached result is used (default 5s). */
    public SchematicBuilder cacheTtl(Duration ttl) {
        return set(Catalogue.CACHE_TTL, ttl);
    }

    // ---- flag checks through the API when it is slow or failing (docs/flag-checks.md)

    /** {@code schematic.connect-timeout}: connect timeout of each REST attempt, at most its read timeout (10s). */
    public SchematicBuilder connectTimeout(Duration timeout) {
        return set(Catalogue.CONNECT_TIMEOUT, timeout);
    }

    /** {@code schematic.checks.deadline}: the most one flag check may take, retries and waits included (1s). */
    public SchematicBuilder checksDeadline(Duration deadline) {
        return set(Catalogue.CHECKS_DEADLINE, deadline);
    }

    /** {@code schematic.circuit-breaker.failure-threshold}: failed checks in a row that open it (5; 0 = off). */
    public SchematicBuilder circuitBreakerFailureThreshold(int failures) {
        return set(Catalogue.CIRCUIT_BREAKER_FAILURE_THRESHOLD, failures);
    }

    /** {@code schematic.circuit-breaker.open-duration}: how long it stays open before one probe (10s). */
    public SchematicBuilder circuitBreakerOpenDuration(Duration openDuration) {
        return set(Catalogue.CIRCUIT_BREAKER_OPEN_DURATION, openDuration);
    }

    /** {@code schematic.cache.max-stale}: how long past its TTL a cached answer serves while failing (5m). */
    public SchematicBuilder cacheMaxStale(Duration maxStale) {
        return set(Catalogue.CACHE_MAX_STALE, maxStale);
    }

    /** {@code schematic.events.batch-size}: events per capture request, 1–100 (default 100). */
    public SchematicBuilder eventsBatchSize(int batchSize) {
        return set(Catalogue.EVENTS_BATCH_SIZE, batchSize);
    }

    /** {@code schematic.events.flush-interval}: how often queued events are sent (default 5s). */
    public SchematicBuilder eventsFlushInterval(Duration interval) {
        return set(Catalogue.EVENTS_FLUSH_INTERVAL, interval);
    }

    /** {@code schematic.events.max-queue}: most queued events; beyond it the oldest is dropped (default 100000). */
    public SchematicBuilder eventsMaxQueue(int maxQueue) {
        return set(Catalogue.EVENTS_MAX_QUEUE, maxQueue);
    }

    /**
     * {@code schematic.events.max-retries}: re-sends of a batch failing with an unexpected error (default 3); outages
     * (network errors, 408, 429, 5xx) are retried without limit.
     */
    public SchematicBuilder eventsMaxRetries(int maxRetries) {
        return set(Catalogue.EVENTS_MAX_RETRIES, maxRetries);
    }

    /** {@code schematic.events.retry-backoff}: first wait before re-sending a batch, ×2 up to 32× (default 1s). */
    public SchematicBuilder eventsRetryBackoff(Duration backoff) {
        return set(Catalogue.EVENTS_RETRY_BACKOFF, backoff);
    }

    /** {@code schematic.events.shutdown-timeout}: how long close() keeps sending and re-sending (default 30s). */
    public SchematicBuilder eventsShutdownTimeout(Duration timeout) {
        return set(Catalogue.EVENTS_SHUTDOWN_TIMEOUT, timeout);
    }

    /** Sets any {@code schematic.*} key from its text form, as in microprofile-config.properties. */
    public SchematicBuilder property(String key, String value) {
        Objects.requireNonNull(key, "key: expected a schematic.* key such as schematic.timeout, got null");
        if (!key.startsWith(Catalogue.PREFIX)) {
            throw SchemCode.SCHEM108.error(key, "is not a schematic.* key");
        }
        return set(key, value);
    }

    /** Sets several {@code schematic.*} keys, e.g. loaded from a properties file. */
    public SchematicBuilder properties(Map<String, String> values) {
        Objects.requireNonNull(values, "values: expected a map of schematic.* keys to values, got null");
        values.forEach(this::property);
        return this;
    }

    /** Adjusts every REST client before it is built: proxy, TLS, extra headers. */
    public SchematicBuilder customizer(SchematicClientCustomizer customizer) {
        customizers.add(
                Objects.requireNonNull(customizer, "customizer: expected a SchematicClientCustomizer, got null"));
        return this;
    }

    /** The executor of {@link AsyncSchematic}; default: the SDK's own daemon threads. Not shut down by close(). */
    public SchematicBuilder executor(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor: expected an Executor, got null");
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
        return set(Catalogue.BASE_URL, url);
    }

    /** Convenience for the builder's URL setters. */
    public SchematicBuilder eventCaptureUrl(URI url) {
        return set(Catalogue.EVENT_CAPTURE_URL, url);
    }

    // ---- typed setters of the remaining catalogue keys (docs/configuration.md lists each key)

    /** {@code schematic.eager}: create the client's parts at build time instead of on first use (default false). */
    public SchematicBuilder eager(boolean eager) {
        return set(Catalogue.EAGER, eager);
    }

    /** {@code schematic.events.timeout}: timeout of one capture request (default 10s). */
    public SchematicBuilder eventsTimeout(Duration timeout) {
        return set(Catalogue.EVENTS_TIMEOUT, timeout);
    }

    /** {@code schematic.flag-defaults.<flag-key>} for several flags at once. */
    public SchematicBuilder flagDefaults(Map<String, Boolean> defaults) {
        Objects.requireNonNull(defaults, "defaults: expected a map of flag key to default value, got null");
        defaults.forEach((flagKey, value) -> flagDefault(
                flagKey, Objects.requireNonNull(value, () -> "defaults: the value of flag " + flagKey + " is null")));
        return this;
    }

    /** {@code schematic.datastream.enabled}: evaluate flags locally from the DataStream (default false). */
    public SchematicBuilder dataStream(boolean enabled) {
        return set(Catalogue.DATASTREAM_ENABLED, enabled);
    }

    /** {@code schematic.datastream.url}: the DataStream's WebSocket (default: derived from the base URL). */
    public SchematicBuilder dataStreamUrl(URI url) {
        return set(Catalogue.DATASTREAM_URL, url);
    }

    /** {@code schematic.datastream.cache-ttl}: lifespan of cached companies and users (default 24h; 0 = forever). */
    public SchematicBuilder dataStreamCacheTtl(Duration ttl) {
        return set(Catalogue.DATASTREAM_CACHE_TTL, ttl);
    }

    /** {@code schematic.datastream.key-prefix}: prefix of the keys in a shared store (default schematic). */
    public SchematicBuilder dataStreamKeyPrefix(String prefix) {
        return set(Catalogue.DATASTREAM_KEY_PREFIX, prefix);
    }

    /** {@code schematic.datastream.local-cache.max-entries}: per embedded company/user cache (default 1000). */
    public SchematicBuilder dataStreamMaxEntries(int maxEntries) {
        return set(Catalogue.DATASTREAM_MAX_ENTRIES, maxEntries);
    }

    /** {@code schematic.datastream.local-cache.max-flags}: most flags in the embedded cache (default 10000). */
    public SchematicBuilder dataStreamMaxFlags(int maxFlags) {
        return set(Catalogue.DATASTREAM_MAX_FLAGS, maxFlags);
    }

    /** {@code schematic.datastream.entity-timeout}: wait for a requested company or user (default 2s). */
    public SchematicBuilder dataStreamEntityTimeout(Duration timeout) {
        return set(Catalogue.DATASTREAM_ENTITY_TIMEOUT, timeout);
    }

    /** {@code schematic.datastream.reconnect.min-delay} and {@code .max-delay} (default 1s and 30s). */
    public SchematicBuilder dataStreamReconnectDelay(Duration min, Duration max) {
        return set(Catalogue.DATASTREAM_RECONNECT_MIN_DELAY, min).set(Catalogue.DATASTREAM_RECONNECT_MAX_DELAY, max);
    }

    /** {@code schematic.datastream.ping-interval}: time between pings (default 27s). */
    public SchematicBuilder dataStreamPingInterval(Duration interval) {
        return set(Catalogue.DATASTREAM_PING_INTERVAL, interval);
    }

    /** {@code schematic.datastream.store=embedded}: in-process Infinispan caches (the default). */
    public SchematicBuilder embeddedStore() {
        return set(Catalogue.DATASTREAM_STORE, DataStreamSettings.Store.EMBEDDED);
    }

    /** {@code schematic.datastream.store=remote} on these Hot Rod servers ({@code host:port;host:port}). */
    public SchematicBuilder remoteStore(String servers) {
        return set(Catalogue.DATASTREAM_STORE, DataStreamSettings.Store.REMOTE)
                .set(Catalogue.DATASTREAM_REMOTE_SERVERS, servers);
    }

    /** {@code schematic.datastream.remote.username} and {@code .password} (Hot Rod authentication). */
    public SchematicBuilder remoteStoreCredentials(String username, String password) {
        return set(Catalogue.DATASTREAM_REMOTE_USERNAME, username).set(Catalogue.DATASTREAM_REMOTE_PASSWORD, password);
    }

    /** {@code schematic.datastream.remote.cache}: the remote cache's name (default schematic). */
    public SchematicBuilder remoteStoreCache(String cache) {
        return set(Catalogue.DATASTREAM_REMOTE_CACHE, cache);
    }

    /** {@code schematic.datastream.store=redis} at {@code redis://host:port/db} ({@code rediss://} for TLS). */
    public SchematicBuilder redisStore(URI url) {
        return set(Catalogue.DATASTREAM_STORE, DataStreamSettings.Store.REDIS).set(Catalogue.DATASTREAM_REDIS_URL, url);
    }

    /** {@code schematic.datastream.redis.username} and {@code .password} (default: the URL's, else none). */
    public SchematicBuilder redisCredentials(String username, String password) {
        return set(Catalogue.DATASTREAM_REDIS_USERNAME, username).set(Catalogue.DATASTREAM_REDIS_PASSWORD, password);
    }

    /** {@code schematic.datastream.replicator-mode}: read what Schematic's replicator writes into Redis. */
    public SchematicBuilder replicatorMode(boolean replicatorMode) {
        return set(Catalogue.DATASTREAM_REPLICATOR_MODE, replicatorMode);
    }

    /** {@code schematic.datastream.replicator-health-url} (default http://localhost:8090/ready). */
    public SchematicBuilder replicatorHealthUrl(URI url) {
        return set(Catalogue.DATASTREAM_REPLICATOR_HEALTH_URL, url);
    }

    /** {@code schematic.datastream.replicator-health-interval}: time between readiness polls (default 30s). */
    public SchematicBuilder replicatorHealthInterval(Duration interval) {
        return set(Catalogue.DATASTREAM_REPLICATOR_HEALTH_INTERVAL, interval);
    }

    /** {@code schematic.rules.wasm}: a WASM module file to use instead of the bundled rules engine. */
    public SchematicBuilder rulesWasm(Path file) {
        return set(Catalogue.RULES_WASM, file);
    }

    /** {@code schematic.rules.pool-size}: most WASM instances, 1–1024 (default: available processors). */
    public SchematicBuilder rulesPoolSize(int poolSize) {
        return set(Catalogue.RULES_POOL_SIZE, poolSize);
    }

    /** {@code schematic.rules.memo-size}: most memoized results, 0–10,000,000 (default 10000; 0 = off). */
    public SchematicBuilder rulesMemoSize(int memoSize) {
        return set(Catalogue.RULES_MEMO_SIZE, memoSize);
    }

    private <T> SchematicBuilder set(Setting<T> setting, T value) {
        if (value == null) {
            raw.remove(setting.name());
        } else {
            raw.put(setting.name(), value);
        }
        return this;
    }

    /** The values set so far, by key (for tests). */
    Map<String, Object> values() {
        return Map.copyOf(raw);
    }

    private SchematicBuilder set(String key, Object value) {
        if (value == null) {
            raw.remove(key);
        } else {
            raw.put(key, value);
        }
        return this;
    }
}
