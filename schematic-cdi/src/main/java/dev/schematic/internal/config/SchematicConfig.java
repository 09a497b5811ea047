package dev.schematic.internal.config;

import dev.schematic.SchematicBuilder;
import dev.schematic.SchematicConfigException;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every setting of the SDK, validated. Built from {@code schematic.*} keys by the CDI producer (MicroProfile Config)
 * and by {@link SchematicBuilder}; both go through {@link #read(Map)}, so a value means the same thing everywhere and
 * a bad one fails the same way: a {@link SchematicConfigException} naming the key.
 *
 * <p>Keys and defaults are listed in {@link Keys}; the README has the full table.
 */
public record SchematicConfig(
        String apiKey,
        URI baseUrl,
        URI eventCaptureUrl,
        boolean offline,
        Duration timeout,
        int maxRetries,
        Duration retryBackoff,
        Map<String, Boolean> flagDefaults,
        boolean cacheEnabled,
        int cacheMaxSize,
        Duration cacheTtl,
        int eventsBatchSize,
        Duration eventsFlushInterval,
        int eventsMaxQueue,
        int eventsMaxRetries,
        Duration eventsRetryBackoff,
        Duration eventsTimeout,
        Duration eventsShutdownTimeout,
        boolean eager,
        DataStreamSettings dataStream,
        RulesEngineOptions rules,
        Duration connectTimeout,
        FlagCheckSettings checks) {

    /** The configuration keys, all under the {@code schematic.} prefix, with their defaults. */
    public static final class Keys {
        public static final String PREFIX = "schematic.";
        public static final String API_KEY = PREFIX + "api-key";
        public static final String BASE_URL = PREFIX + "base-url";
        public static final String EVENT_CAPTURE_URL = PREFIX + "event-capture-url";
        public static final String OFFLINE = PREFIX + "offline";
        public static final String TIMEOUT = PREFIX + "timeout";
        public static final String MAX_RETRIES = PREFIX + "max-retries";
        public static final String RETRY_BACKOFF = PREFIX + "retry-backoff";
        public static final String FLAG_DEFAULTS = PREFIX + "flag-defaults.";
        public static final String CACHE_ENABLED = PREFIX + "cache.enabled";
        public static final String CACHE_MAX_SIZE = PREFIX + "cache.max-size";
        public static final String CACHE_TTL = PREFIX + "cache.ttl";
        public static final String EVENTS_BATCH_SIZE = PREFIX + "events.batch-size";
        public static final String EVENTS_FLUSH_INTERVAL = PREFIX + "events.flush-interval";
        public static final String EVENTS_MAX_QUEUE = PREFIX + "events.max-queue";
        public static final String EVENTS_MAX_RETRIES = PREFIX + "events.max-retries";
        public static final String EVENTS_RETRY_BACKOFF = PREFIX + "events.retry-backoff";
        public static final String EVENTS_TIMEOUT = PREFIX + "events.timeout";
        public static final String EVENTS_SHUTDOWN_TIMEOUT = PREFIX + "events.shutdown-timeout";
        public static final String EAGER = PREFIX + "eager";
        public static final String DATASTREAM_ENABLED = PREFIX + "datastream.enabled";
        public static final String DATASTREAM_URL = PREFIX + "datastream.url";
        public static final String DATASTREAM_STORE = PREFIX + "datastream.store";
        public static final String DATASTREAM_CACHE_TTL = PREFIX + "datastream.cache-ttl";
        public static final String DATASTREAM_KEY_PREFIX = PREFIX + "datastream.key-prefix";
        public static final String DATASTREAM_MAX_ENTRIES = PREFIX + "datastream.local-cache.max-entries";
        public static final String DATASTREAM_MAX_FLAGS = PREFIX + "datastream.local-cache.max-flags";
        public static final String DATASTREAM_ENTITY_TIMEOUT = PREFIX + "datastream.entity-timeout";
        public static final String DATASTREAM_RECONNECT_MIN_DELAY = PREFIX + "datastream.reconnect.min-delay";
        public static final String DATASTREAM_RECONNECT_MAX_DELAY = PREFIX + "datastream.reconnect.max-delay";
        public static final String DATASTREAM_PING_INTERVAL = PREFIX + "datastream.ping-interval";
        public static final String DATASTREAM_REMOTE_SERVERS = PREFIX + "datastream.remote.servers";
        public static final String DATASTREAM_REMOTE_USERNAME = PREFIX + "datastream.remote.username";
        public static final String DATASTREAM_REMOTE_PASSWORD = PREFIX + "datastream.remote.password";
        public static final String DATASTREAM_REMOTE_CACHE = PREFIX + "datastream.remote.cache";
        // replicator mode and store=redis: defaults live in DataStreamSettings (no DEFAULTS entries)
        public static final String DATASTREAM_REPLICATOR_MODE = PREFIX + "datastream.replicator-mode";
        public static final String DATASTREAM_REPLICATOR_HEALTH_URL = PREFIX + "datastream.replicator-health-url";
        public static final String DATASTREAM_REPLICATOR_HEALTH_INTERVAL =
                PREFIX + "datastream.replicator-health-interval";
        public static final String DATASTREAM_REDIS_URL = PREFIX + "datastream.redis.url";
        public static final String DATASTREAM_REDIS_USERNAME = PREFIX + "datastream.redis.username";
        public static final String DATASTREAM_REDIS_PASSWORD = PREFIX + "datastream.redis.password";
        // flag checks through the API: connect timeout, whole-call deadline, circuit breaker, stale-if-error
        public static final String CONNECT_TIMEOUT = PREFIX + "connect-timeout";
        public static final String CHECKS_DEADLINE = PREFIX + "checks.deadline";
        public static final String CIRCUIT_BREAKER_FAILURE_THRESHOLD = PREFIX + "circuit-breaker.failure-threshold";
        public static final String CIRCUIT_BREAKER_OPEN_DURATION = PREFIX + "circuit-breaker.open-duration";
        public static final String CACHE_MAX_STALE = PREFIX + "cache.max-stale";

        /** Defaults, same as the official SDKs where they have the option. */
        public static final Map<String, String> DEFAULTS;

        static {
            Map<String, String> d = new LinkedHashMap<>();
            d.put(BASE_URL, "https://api.schematichq.com");
            d.put(EVENT_CAPTURE_URL, "https://c.schematichq.com");
            d.put(OFFLINE, "false");
            d.put(TIMEOUT, "60s");
            d.put(MAX_RETRIES, "2");
            d.put(RETRY_BACKOFF, "1s");
            d.put(CACHE_ENABLED, "true");
            d.put(CACHE_MAX_SIZE, "1000");
            d.put(CACHE_TTL, "5s");
            d.put(EVENTS_BATCH_SIZE, "100");
            d.put(EVENTS_FLUSH_INTERVAL, "5s");
            d.put(EVENTS_MAX_QUEUE, "10000");
            d.put(EVENTS_MAX_RETRIES, "3");
            d.put(EVENTS_RETRY_BACKOFF, "1s");
            d.put(EVENTS_TIMEOUT, "10s");
            d.put(EVENTS_SHUTDOWN_TIMEOUT, "30s");
            d.put(EAGER, "false");
            d.put(DATASTREAM_ENABLED, "false");
            d.put(DATASTREAM_STORE, "embedded");
            d.put(DATASTREAM_CACHE_TTL, "24h");
            d.put(DATASTREAM_KEY_PREFIX, "schematic");
            d.put(DATASTREAM_MAX_ENTRIES, "1000");
            d.put(DATASTREAM_MAX_FLAGS, "10000");
            d.put(DATASTREAM_ENTITY_TIMEOUT, "2s");
            d.put(DATASTREAM_RECONNECT_MIN_DELAY, "1s");
            d.put(DATASTREAM_RECONNECT_MAX_DELAY, "30s");
            d.put(DATASTREAM_PING_INTERVAL, "27s");
            d.put(DATASTREAM_REMOTE_SERVERS, "localhost:11222");
            d.put(DATASTREAM_REMOTE_CACHE, "schematic");
            d.put(CONNECT_TIMEOUT, "10s");
            d.put(CHECKS_DEADLINE, "1s");
            d.put(CIRCUIT_BREAKER_FAILURE_THRESHOLD, "5");
            d.put(CIRCUIT_BREAKER_OPEN_DURATION, "10s");
            d.put(CACHE_MAX_STALE, "5m");
            DEFAULTS = Collections.unmodifiableMap(d);
        }

        private Keys() {}
    }

    /** The most events the capture service accepts in one request. */
    public static final int MAX_BATCH_SIZE = 100;

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    public SchematicConfig {
        flagDefaults = Map.copyOf(flagDefaults);
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return "SchematicConfig[apiKey=" + (apiKey.isEmpty() ? "<none>" : "<redacted>") + ", baseUrl=" + baseUrl
                + ", eventCaptureUrl=" + eventCaptureUrl + ", offline=" + offline + ", timeout=" + timeout
                + ", maxRetries=" + maxRetries + ", flagDefaults=" + flagDefaults + ", cacheEnabled=" + cacheEnabled
                + ", cacheMaxSize=" + cacheMaxSize + ", cacheTtl=" + cacheTtl + ", eventsBatchSize=" + eventsBatchSize
                + ", eventsFlushInterval=" + eventsFlushInterval + ", eventsMaxQueue=" + eventsMaxQueue + ", eager="
                + eager + ", dataStream=" + dataStream + ", rules=" + rules + ", connectTimeout=" + connectTimeout
                + ", checks=" + checks + "]";
    }

    /**
     * Reads and validates settings from raw {@code schematic.*} values (keys absent from the map take their default).
     *
     * @throws SchematicConfigException naming the first key that is missing or invalid
     */
    public static SchematicConfig read(Map<String, String> raw) {
        Reader r = new Reader(raw);
        boolean offline = r.bool(Keys.OFFLINE);
        String apiKey = r.string(Keys.API_KEY).orElse("");
        if (apiKey.isBlank() && !offline) {
            throw new SchematicConfigException(
                    "SCHEM100",
                    Keys.API_KEY,
                    "is required (a secret key such as sch_dev_…); set it, or set " + Keys.OFFLINE
                            + "=true to run without Schematic");
        }
        Map<String, Boolean> defaults = new TreeMap<>();
        raw.forEach((key, value) -> {
            if (key.startsWith(Keys.FLAG_DEFAULTS) && key.length() > Keys.FLAG_DEFAULTS.length()) {
                defaults.put(key.substring(Keys.FLAG_DEFAULTS.length()), r.bool(key));
            }
        });
        return new SchematicConfig(
                apiKey,
                r.url(Keys.BASE_URL),
                r.url(Keys.EVENT_CAPTURE_URL),
                offline,
                r.duration(Keys.TIMEOUT, Duration.ofMillis(1)),
                r.integer(Keys.MAX_RETRIES, 0, 10),
                r.duration(Keys.RETRY_BACKOFF, Duration.ZERO),
                defaults,
                r.bool(Keys.CACHE_ENABLED),
                r.integer(Keys.CACHE_MAX_SIZE, 0, Integer.MAX_VALUE),
                r.duration(Keys.CACHE_TTL, Duration.ZERO),
                r.integer(Keys.EVENTS_BATCH_SIZE, 1, MAX_BATCH_SIZE),
                r.duration(Keys.EVENTS_FLUSH_INTERVAL, Duration.ofMillis(1)),
                r.integer(Keys.EVENTS_MAX_QUEUE, 1, Integer.MAX_VALUE),
                r.integer(Keys.EVENTS_MAX_RETRIES, 0, 10),
                r.duration(Keys.EVENTS_RETRY_BACKOFF, Duration.ZERO),
                r.duration(Keys.EVENTS_TIMEOUT, Duration.ofMillis(1)),
                r.duration(Keys.EVENTS_SHUTDOWN_TIMEOUT, Duration.ZERO),
                r.bool(Keys.EAGER),
                dataStream(r),
                RulesEngineOptions.fromProperties(raw),
                r.duration(Keys.CONNECT_TIMEOUT, Duration.ofMillis(1)),
                new FlagCheckSettings(
                        r.duration(Keys.CHECKS_DEADLINE, Duration.ofMillis(10)),
                        r.integer(Keys.CIRCUIT_BREAKER_FAILURE_THRESHOLD, 0, 1000),
                        r.duration(Keys.CIRCUIT_BREAKER_OPEN_DURATION, Duration.ofMillis(1)),
                        r.duration(Keys.CACHE_MAX_STALE, Duration.ZERO)));
    }

    private static DataStreamSettings dataStream(Reader given) {
        Map<String, String> withDefaults = new TreeMap<>(given.raw());
        withDefaults.putIfAbsent(Keys.DATASTREAM_REPLICATOR_MODE, "false");
        withDefaults.putIfAbsent(
                Keys.DATASTREAM_REPLICATOR_HEALTH_URL, DataStreamSettings.DEFAULT_REPLICATOR_HEALTH_URL);
        withDefaults.putIfAbsent(
                Keys.DATASTREAM_REPLICATOR_HEALTH_INTERVAL, DataStreamSettings.DEFAULT_REPLICATOR_HEALTH_INTERVAL);
        withDefaults.putIfAbsent(Keys.DATASTREAM_REDIS_URL, DataStreamSettings.DEFAULT_REDIS_URL);
        Reader r = new Reader(withDefaults);
        boolean replicator = r.bool(Keys.DATASTREAM_REPLICATOR_MODE);
        boolean enabled = r.bool(Keys.DATASTREAM_ENABLED) || replicator;
        DataStreamSettings.Store store =
                DataStreamSettings.Store.parse(Keys.DATASTREAM_STORE, r.required(Keys.DATASTREAM_STORE));
        if (replicator && store == DataStreamSettings.Store.REMOTE) {
            throw new SchematicConfigException(
                    "SCHEM506",
                    Keys.DATASTREAM_STORE,
                    "must be redis with " + Keys.DATASTREAM_REPLICATOR_MODE
                            + "=true (the replicator writes into Redis), got 'remote'");
        }
        if (replicator) {
            // the default (embedded) cannot hold what a replicator writes: replicator mode reads Redis
            store = DataStreamSettings.Store.REDIS;
        }
        if (enabled && store == DataStreamSettings.Store.REDIS) {
            DataStreamSettings.requireRedisClient(Keys.DATASTREAM_STORE, DataStreamSettings.REDIS_CLIENT_CLASS);
        }
        Duration min = r.duration(Keys.DATASTREAM_RECONNECT_MIN_DELAY, Duration.ofMillis(1));
        Duration max = r.duration(Keys.DATASTREAM_RECONNECT_MAX_DELAY, Duration.ofMillis(1));
        if (max.compareTo(min) < 0) {
            throw new SchematicConfigException(
                    "SCHEM106",
                    Keys.DATASTREAM_RECONNECT_MAX_DELAY,
                    "must not be shorter than " + Keys.DATASTREAM_RECONNECT_MIN_DELAY + " (" + min.toMillis() + "ms)");
        }
        return new DataStreamSettings(
                enabled,
                r.string(Keys.DATASTREAM_URL)
                        .filter(v -> !v.isEmpty())
                        .map(v -> DataStreamSettings.parseUrl(Keys.DATASTREAM_URL, v)),
                store,
                r.duration(Keys.DATASTREAM_CACHE_TTL, Duration.ZERO),
                r.string(Keys.DATASTREAM_KEY_PREFIX).orElse(""),
                r.integer(Keys.DATASTREAM_MAX_ENTRIES, 1, Integer.MAX_VALUE),
                r.integer(Keys.DATASTREAM_MAX_FLAGS, 1, Integer.MAX_VALUE),
                r.duration(Keys.DATASTREAM_ENTITY_TIMEOUT, Duration.ofMillis(1)),
                min,
                max,
                r.duration(Keys.DATASTREAM_PING_INTERVAL, Duration.ofMillis(10)),
                DataStreamSettings.parseServers(
                        Keys.DATASTREAM_REMOTE_SERVERS, r.required(Keys.DATASTREAM_REMOTE_SERVERS)),
                r.string(Keys.DATASTREAM_REMOTE_USERNAME).filter(v -> !v.isEmpty()),
                Optional.ofNullable(r.raw().get(Keys.DATASTREAM_REMOTE_PASSWORD))
                        .filter(v -> !v.isEmpty()),
                r.required(Keys.DATASTREAM_REMOTE_CACHE),
                replicator,
                DataStreamSettings.parseHealthUrl(
                        Keys.DATASTREAM_REPLICATOR_HEALTH_URL, r.required(Keys.DATASTREAM_REPLICATOR_HEALTH_URL)),
                r.duration(Keys.DATASTREAM_REPLICATOR_HEALTH_INTERVAL, Duration.ofMillis(10)),
                new DataStreamSettings.Redis(
                        DataStreamSettings.Redis.parseUrl(
                                Keys.DATASTREAM_REDIS_URL, r.required(Keys.DATASTREAM_REDIS_URL)),
                        r.string(Keys.DATASTREAM_REDIS_USERNAME).filter(v -> !v.isEmpty()),
                        Optional.ofNullable(r.raw().get(Keys.DATASTREAM_REDIS_PASSWORD))
                                .filter(v -> !v.isEmpty())));
    }

    /**
     * Reads settings through a lookup such as MicroProfile Config's {@code getOptionalValue}; {@code keys} must list
     * every property name the source knows (to find {@code schematic.flag-defaults.*}).
     */
    public static SchematicConfig read(Iterable<String> keys, Function<String, Optional<String>> lookup) {
        Map<String, String> raw = new TreeMap<>();
        for (String key : keys) {
            if (key.startsWith(Keys.PREFIX)) {
                lookup.apply(key).ifPresent(v -> raw.put(key, v));
            }
        }
        for (String key : Keys.DEFAULTS.keySet()) {
            lookup.apply(key).ifPresent(v -> raw.put(key, v));
        }
        for (String key : List.of(
                Keys.API_KEY,
                Keys.DATASTREAM_URL,
                Keys.DATASTREAM_REMOTE_USERNAME,
                Keys.DATASTREAM_REMOTE_PASSWORD,
                Keys.DATASTREAM_REPLICATOR_MODE,
                Keys.DATASTREAM_REPLICATOR_HEALTH_URL,
                Keys.DATASTREAM_REPLICATOR_HEALTH_INTERVAL,
                Keys.DATASTREAM_REDIS_URL,
                Keys.DATASTREAM_REDIS_USERNAME,
                Keys.DATASTREAM_REDIS_PASSWORD,
                RulesEngineOptions.WASM,
                RulesEngineOptions.POOL_SIZE,
                RulesEngineOptions.MEMO_SIZE)) {
            lookup.apply(key).ifPresent(v -> raw.put(key, v));
        }
        return read(raw);
    }

    /** Parses {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}, ISO-8601 ({@code PT5S}) or plain seconds. */
    public static Duration parseDuration(String text) {
        String t = text.strip();
        Matcher m = SHORT_DURATION.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofSeconds(n);
            };
        }
        return Duration.parse(t.toUpperCase(Locale.ROOT));
    }

    /** Turns raw strings into typed values, failing with the key's name. */
    private record Reader(Map<String, String> raw) {
        Optional<String> string(String key) {
            String v = raw.get(key);
            if (v == null) {
                v = Keys.DEFAULTS.get(key);
            }
            return Optional.ofNullable(v).map(String::strip);
        }

        String required(String key) {
            return string(key)
                    .filter(v -> !v.isEmpty())
                    .orElseThrow(() -> new SchematicConfigException("SCHEM101", key, "must not be empty"));
        }

        boolean bool(String key) {
            String v = required(key).toLowerCase(Locale.ROOT);
            if (v.equals("true") || v.equals("false")) {
                return Boolean.parseBoolean(v);
            }
            throw new SchematicConfigException("SCHEM103", key, "expected true or false, got '" + raw.get(key) + "'");
        }

        int integer(String key, int min, int max) {
            String v = required(key);
            int n;
            try {
                n = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new SchematicConfigException("SCHEM104", key, "expected a whole number, got '" + v + "'");
            }
            if (n < min || n > max) {
                String range = max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
                throw new SchematicConfigException("SCHEM105", key, "expected a number " + range + ", got " + n);
            }
            return n;
        }

        Duration duration(String key, Duration min) {
            String v = required(key);
            Duration d;
            try {
                d = parseDuration(v);
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new SchematicConfigException(
                        "SCHEM102", key, "expected a duration such as 5s, 250ms or PT5S, got '" + v + "'");
            }
            if (d.compareTo(min) < 0) {
                throw new SchematicConfigException(
                        "SCHEM106", key, "expected a duration of at least " + min.toMillis() + "ms, got '" + v + "'");
            }
            return d;
        }

        URI url(String key) {
            String v = required(key);
            try {
                URI uri = new URI(v);
                String scheme = uri.getScheme();
                if (uri.getHost() != null && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                    return uri;
                }
            } catch (java.net.URISyntaxException e) {
                // reported below with the key's name
            }
            throw new SchematicConfigException(
                    "SCHEM107", key, "expected an http(s) URL such as https://api.schematichq.com, got '" + v + "'");
        }
    }
}
