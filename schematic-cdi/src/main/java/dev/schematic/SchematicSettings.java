package dev.schematic;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings a client runs with, as read and validated from configuration ({@code schematic.*} keys, see
 * docs/configuration.md) or set on the {@link SchematicBuilder}. Immutable; compares by value.
 *
 * <pre>{@code
 * SchematicSettings settings = schematic.config();
 * log.info("Schematic at {} (offline={}, key {})", settings.baseUrl(), settings.offline(), settings.maskedApiKey());
 * }</pre>
 *
 * <p>The API key is never held in clear: {@link #maskedApiKey()} keeps its environment prefix and its last four
 * characters ({@code sch_dev_****a1b2}), enough to tell keys apart in a log.
 *
 * @param maskedApiKey the API key, masked by {@link #maskApiKey(String)}; empty when none is set (offline)
 * @param baseUrl the REST API's base URL ({@code schematic.base-url})
 * @param eventCaptureUrl the event capture service's base URL ({@code schematic.event-capture-url})
 * @param offline no request is ever made ({@code schematic.offline})
 * @param timeout the typed API's read timeout per attempt ({@code schematic.timeout})
 * @param connectTimeout the connect timeout of every REST client ({@code schematic.connect-timeout})
 * @param maxRetries retries of the typed API after the first attempt ({@code schematic.max-retries})
 * @param retryBackoff the first wait between those retries ({@code schematic.retry-backoff})
 * @param flagDefaults the configured flag defaults ({@code schematic.flag-defaults.<flag>}), unmodifiable
 * @param eager whether caches and connections start with the client instead of on first use ({@code schematic.eager})
 * @param checks how flag checks bound their time on the API path
 * @param cache the flag-check cache
 * @param events the event queue and its delivery
 * @param dataStream local evaluation: DataStream and replicator mode
 */
public record SchematicSettings(
        String maskedApiKey,
        URI baseUrl,
        URI eventCaptureUrl,
        boolean offline,
        Duration timeout,
        Duration connectTimeout,
        int maxRetries,
        Duration retryBackoff,
        Map<String, Boolean> flagDefaults,
        boolean eager,
        Checks checks,
        Cache cache,
        Events events,
        DataStream dataStream) {

    public SchematicSettings {
        Objects.requireNonNull(maskedApiKey, "maskedApiKey");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(eventCaptureUrl, "eventCaptureUrl");
        flagDefaults = Map.copyOf(Objects.requireNonNull(flagDefaults, "flagDefaults"));
        Objects.requireNonNull(checks, "checks");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(dataStream, "dataStream");
    }

    /**
     * An API key as {@link #maskedApiKey()} shows it: the prefix up to its last {@code _} among the first ten
     * characters (the key's kind and environment, e.g. {@code sch_dev_}), {@code ****}, and the last four characters
     * when at least twelve secret characters remain (else none). {@code null} or empty gives an empty string.
     */
    public static String maskApiKey(String apiKey) {
        if (apiKey == null || apiKey.isEmpty()) {
            return "";
        }
        int underscore = apiKey.substring(0, Math.min(10, apiKey.length())).lastIndexOf('_');
        String prefix = apiKey.substring(0, underscore + 1);
        String secret = apiKey.substring(underscore + 1);
        return prefix + "****" + (secret.length() >= 12 ? secret.substring(secret.length() - 4) : "");
    }

    /**
     * How a flag check bounds its time on the API path.
     *
     * @param deadline the most one check may take, retries and {@code Retry-After} waits included
     *     ({@code schematic.checks.deadline})
     * @param circuitBreakerFailureThreshold consecutive failures that open the circuit breaker; 0 = no breaker
     *     ({@code schematic.circuit-breaker.failure-threshold})
     * @param circuitBreakerOpenDuration how long an open breaker answers without calling the API
     *     ({@code schematic.circuit-breaker.open-duration})
     */
    public record Checks(Duration deadline, int circuitBreakerFailureThreshold, Duration circuitBreakerOpenDuration) {}

    /**
     * The flag-check cache.
     *
     * @param enabled whether answers are cached ({@code schematic.cache.enabled})
     * @param maxSize the most cached answers ({@code schematic.cache.max-size})
     * @param ttl how long an answer is fresh ({@code schematic.cache.ttl})
     * @param maxStale how long past its TTL an answer may be served while the API fails; zero = never
     *     ({@code schematic.cache.max-stale})
     */
    public record Cache(boolean enabled, int maxSize, Duration ttl, Duration maxStale) {}

    /**
     * The event queue and its delivery to the capture service.
     *
     * @param batchSize events per request ({@code schematic.events.batch-size})
     * @param flushInterval how often a partial batch is sent ({@code schematic.events.flush-interval})
     * @param maxQueue the most queued events; beyond it the oldest are dropped and counted
     *     ({@code schematic.events.max-queue})
     * @param maxRetries re-sends of a failed batch ({@code schematic.events.max-retries})
     * @param retryBackoff the first wait before a re-send ({@code schematic.events.retry-backoff})
     * @param timeout the read timeout of one capture request ({@code schematic.events.timeout})
     * @param shutdownTimeout how long closing the client may spend delivering queued events
     *     ({@code schematic.events.shutdown-timeout})
     */
    public record Events(
            int batchSize,
            Duration flushInterval,
            int maxQueue,
            int maxRetries,
            Duration retryBackoff,
            Duration timeout,
            Duration shutdownTimeout) {}

    /**
     * Local evaluation (docs/datastream.md, docs/replicator.md). Store credentials are not shown.
     *
     * @param enabled whether flags are evaluated locally ({@code schematic.datastream.enabled}; replicator mode
     *     implies it)
     * @param url the DataStream WebSocket URL when set; empty = derived from the base URL
     *     ({@code schematic.datastream.url})
     * @param store where entities are cached ({@code schematic.datastream.store})
     * @param cacheTtl lifespan of cached companies and users ({@code schematic.datastream.cache-ttl})
     * @param keyPrefix the key prefix in a shared store ({@code schematic.datastream.key-prefix})
     * @param replicatorMode read what Schematic's replicator writes to Redis instead of opening a socket
     *     ({@code schematic.datastream.replicator-mode})
     * @param replicatorHealthUrl the replicator's readiness URL ({@code schematic.datastream.replicator-health-url})
     * @param replicatorHealthInterval how often it is polled ({@code schematic.datastream.replicator-health-interval})
     */
    public record DataStream(
            boolean enabled,
            Optional<URI> url,
            Store store,
            Duration cacheTtl,
            String keyPrefix,
            boolean replicatorMode,
            URI replicatorHealthUrl,
            Duration replicatorHealthInterval) {

        public DataStream {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(store, "store");
        }

        /** Where the DataStream's companies, users and flags are cached. */
        public enum Store {
            /** In-process Infinispan (default). */
            EMBEDDED,
            /** A remote Infinispan cache through Hot Rod. */
            REMOTE,
            /** A Redis-protocol server (required by replicator mode). */
            REDIS
        }
    }
}
