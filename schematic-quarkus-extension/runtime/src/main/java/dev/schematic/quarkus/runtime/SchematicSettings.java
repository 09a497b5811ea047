package dev.schematic.quarkus.runtime;

import dev.schematic.internal.config.RulesEngineOptions;
import dev.schematic.internal.config.SchematicConfig;
import dev.schematic.internal.config.SchematicConfig.Keys;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the {@link SchematicRuntimeConfig} mapping back into raw {@code schematic.*} values and validates them with
 * {@link SchematicConfig#read(Map)}, the code every other runtime uses: same keys, same defaults, same SCHEM errors.
 */
public final class SchematicSettings {
    private SchematicSettings() {}

    /**
     * The validated settings.
     *
     * @throws dev.schematic.SchematicConfigException naming the first key that is missing or invalid
     */
    public static SchematicConfig read(SchematicRuntimeConfig config) {
        return SchematicConfig.read(raw(config));
    }

    /** Every {@code schematic.*} value of the mapping, defaults included, keyed as in {@link Keys}. */
    public static Map<String, String> raw(SchematicRuntimeConfig config) {
        Map<String, String> raw = new TreeMap<>();
        config.apiKey().ifPresent(v -> raw.put(Keys.API_KEY, v));
        raw.put(Keys.BASE_URL, config.baseUrl());
        raw.put(Keys.EVENT_CAPTURE_URL, config.eventCaptureUrl());
        raw.put(Keys.OFFLINE, config.offline());
        raw.put(Keys.TIMEOUT, config.timeout());
        raw.put(Keys.MAX_RETRIES, config.maxRetries());
        raw.put(Keys.RETRY_BACKOFF, config.retryBackoff());
        raw.put(Keys.EAGER, config.eager());
        raw.put(Keys.CACHE_ENABLED, config.cache().enabled());
        raw.put(Keys.CACHE_MAX_SIZE, config.cache().maxSize());
        raw.put(Keys.CACHE_TTL, config.cache().ttl());
        raw.put(Keys.CACHE_MAX_STALE, config.cache().maxStale());
        raw.put(Keys.CONNECT_TIMEOUT, config.connectTimeout());
        raw.put(Keys.CHECKS_DEADLINE, config.checks().deadline());
        raw.put(Keys.CIRCUIT_BREAKER_FAILURE_THRESHOLD, config.circuitBreaker().failureThreshold());
        raw.put(Keys.CIRCUIT_BREAKER_OPEN_DURATION, config.circuitBreaker().openDuration());
        raw.put(Keys.EVENTS_BATCH_SIZE, config.events().batchSize());
        raw.put(Keys.EVENTS_FLUSH_INTERVAL, config.events().flushInterval());
        raw.put(Keys.EVENTS_MAX_QUEUE, config.events().maxQueue());
        raw.put(Keys.EVENTS_MAX_RETRIES, config.events().maxRetries());
        raw.put(Keys.EVENTS_RETRY_BACKOFF, config.events().retryBackoff());
        raw.put(Keys.EVENTS_TIMEOUT, config.events().timeout());
        raw.put(Keys.EVENTS_SHUTDOWN_TIMEOUT, config.events().shutdownTimeout());
        config.flagDefaults().forEach((flag, value) -> raw.put(Keys.FLAG_DEFAULTS + flag, value));
        SchematicRuntimeConfig.DataStream ds = config.datastream();
        raw.put(Keys.DATASTREAM_ENABLED, ds.enabled());
        ds.url().ifPresent(v -> raw.put(Keys.DATASTREAM_URL, v));
        raw.put(Keys.DATASTREAM_STORE, ds.store());
        raw.put(Keys.DATASTREAM_CACHE_TTL, ds.cacheTtl());
        raw.put(Keys.DATASTREAM_KEY_PREFIX, ds.keyPrefix());
        raw.put(Keys.DATASTREAM_MAX_ENTRIES, ds.localCache().maxEntries());
        raw.put(Keys.DATASTREAM_MAX_FLAGS, ds.localCache().maxFlags());
        raw.put(Keys.DATASTREAM_ENTITY_TIMEOUT, ds.entityTimeout());
        raw.put(Keys.DATASTREAM_RECONNECT_MIN_DELAY, ds.reconnect().minDelay());
        raw.put(Keys.DATASTREAM_RECONNECT_MAX_DELAY, ds.reconnect().maxDelay());
        raw.put(Keys.DATASTREAM_PING_INTERVAL, ds.pingInterval());
        raw.put(Keys.DATASTREAM_REMOTE_SERVERS, ds.remote().servers());
        ds.remote().username().ifPresent(v -> raw.put(Keys.DATASTREAM_REMOTE_USERNAME, v));
        ds.remote().password().ifPresent(v -> raw.put(Keys.DATASTREAM_REMOTE_PASSWORD, v));
        raw.put(Keys.DATASTREAM_REMOTE_CACHE, ds.remote().cache());
        ds.replicatorMode().ifPresent(v -> raw.put(Keys.DATASTREAM_REPLICATOR_MODE, v));
        ds.replicatorHealthUrl().ifPresent(v -> raw.put(Keys.DATASTREAM_REPLICATOR_HEALTH_URL, v));
        ds.replicatorHealthInterval().ifPresent(v -> raw.put(Keys.DATASTREAM_REPLICATOR_HEALTH_INTERVAL, v));
        ds.redis().url().ifPresent(v -> raw.put(Keys.DATASTREAM_REDIS_URL, v));
        ds.redis().username().ifPresent(v -> raw.put(Keys.DATASTREAM_REDIS_USERNAME, v));
        ds.redis().password().ifPresent(v -> raw.put(Keys.DATASTREAM_REDIS_PASSWORD, v));
        config.rules().wasm().ifPresent(v -> raw.put(RulesEngineOptions.WASM, v));
        config.rules().poolSize().ifPresent(v -> raw.put(RulesEngineOptions.POOL_SIZE, v));
        config.rules().memoSize().ifPresent(v -> raw.put(RulesEngineOptions.MEMO_SIZE, v));
        return raw;
    }
}
