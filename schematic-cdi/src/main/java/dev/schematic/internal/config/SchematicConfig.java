package dev.schematic.internal.config;

import dev.schematic.SchematicConfigException;
import dev.schematic.SchematicSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Every setting of the SDK, validated. Built through the {@link Catalogue} by the CDI producer (MicroProfile Config),
 * by {@code SchematicBuilder} and by the Quarkus extension (its typed {@code @ConfigMapping}), so a value means the same
 * thing everywhere and a bad one fails the same way: a {@link SchematicConfigException} naming the key.
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

    /** The most events the capture service accepts in one request. */
    public static final int MAX_BATCH_SIZE = 100;

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
     * The public view of these settings ({@code Schematic#config()}): the API key masked, store credentials and
     * internal tuning left out.
     */
    public SchematicSettings settings() {
        DataStreamSettings ds = dataStream;
        return new SchematicSettings(
                SchematicSettings.maskApiKey(apiKey),
                baseUrl,
                eventCaptureUrl,
                offline,
                timeout,
                connectTimeout,
                maxRetries,
                retryBackoff,
                flagDefaults,
                eager,
                new SchematicSettings.Checks(checks.deadline(), checks.failureThreshold(), checks.openDuration()),
                new SchematicSettings.Cache(cacheEnabled, cacheMaxSize, cacheTtl, checks.maxStale()),
                new SchematicSettings.Events(
                        eventsBatchSize,
                        eventsFlushInterval,
                        eventsMaxQueue,
                        eventsMaxRetries,
                        eventsRetryBackoff,
                        eventsTimeout,
                        eventsShutdownTimeout),
                new SchematicSettings.DataStream(
                        ds.enabled(),
                        ds.url(),
                        SchematicSettings.DataStream.Store.valueOf(ds.store().name()),
                        ds.cacheTtl(),
                        ds.keyPrefix(),
                        ds.replicatorMode(),
                        ds.replicatorHealthUrl(),
                        ds.replicatorHealthInterval()));
    }

    /**
     * Reads and validates settings from {@code schematic.*} values by full key: text as in a properties file, or
     * typed values ({@code Duration}, {@code Integer}, {@code URI}…). Keys absent from the map take their default;
     * flag defaults come from {@code schematic.flag-defaults} and {@code schematic.flag-defaults.<flag>} keys.
     *
     * @throws SchematicConfigException naming the first key that is missing or invalid
     */
    public static SchematicConfig read(Map<String, ?> values) {
        RulesEngineOptions.rejectUnknownKeys(values.keySet());
        Map<String, Object> byKey = new TreeMap<>(values);
        Map<String, Boolean> flags = FlagDefaultKeys.read(
                byKey.keySet(), key -> Optional.ofNullable(byKey.get(key)).map(String::valueOf));
        return read(ConfigValues.of(byKey), flags);
    }

    /**
     * Reads settings through a lookup such as MicroProfile Config's {@code getOptionalValue}; {@code names} lists every
     * property name the source knows (for flag defaults and to catch unknown {@code schematic.rules.*} keys).
     */
    public static SchematicConfig read(Iterable<String> names, Function<String, Optional<String>> lookup) {
        // one pass: some sources' name iterables can be iterated only once (SmallRye Config's)
        List<String> all = new ArrayList<>();
        names.forEach(all::add);
        RulesEngineOptions.rejectUnknownKeys(all);
        return read(ConfigValues.of(lookup::apply), FlagDefaultKeys.read(all, lookup));
    }

    /**
     * Reads and validates every setting of a source.
     *
     * @param flagDefaults the flag defaults of the same source ({@link FlagDefaultKeys#read})
     * @throws SchematicConfigException naming the first key that is missing or invalid
     */
    public static SchematicConfig read(ConfigValues v, Map<String, Boolean> flagDefaults) {
        boolean offline = v.get(Catalogue.OFFLINE);
        String apiKey = v.find(Catalogue.API_KEY).orElse("");
        if (apiKey.isBlank() && !offline) {
            throw SchemCode.SCHEM100.error(
                    Catalogue.API_KEY.name(),
                    "is required (a secret key such as sch_dev_…); set it, or set " + Catalogue.OFFLINE.name()
                            + "=true to run without Schematic");
        }
        return new SchematicConfig(
                apiKey,
                v.get(Catalogue.BASE_URL),
                v.get(Catalogue.EVENT_CAPTURE_URL),
                offline,
                v.get(Catalogue.TIMEOUT),
                v.get(Catalogue.MAX_RETRIES),
                v.get(Catalogue.RETRY_BACKOFF),
                flagDefaults,
                v.get(Catalogue.CACHE_ENABLED),
                v.get(Catalogue.CACHE_MAX_SIZE),
                v.get(Catalogue.CACHE_TTL),
                v.get(Catalogue.EVENTS_BATCH_SIZE),
                v.get(Catalogue.EVENTS_FLUSH_INTERVAL),
                v.get(Catalogue.EVENTS_MAX_QUEUE),
                v.get(Catalogue.EVENTS_MAX_RETRIES),
                v.get(Catalogue.EVENTS_RETRY_BACKOFF),
                v.get(Catalogue.EVENTS_TIMEOUT),
                v.get(Catalogue.EVENTS_SHUTDOWN_TIMEOUT),
                v.get(Catalogue.EAGER),
                DataStreamSettings.read(v),
                RulesEngineOptions.read(v),
                v.get(Catalogue.CONNECT_TIMEOUT),
                new FlagCheckSettings(
                        v.get(Catalogue.CHECKS_DEADLINE),
                        v.get(Catalogue.CIRCUIT_BREAKER_FAILURE_THRESHOLD),
                        v.get(Catalogue.CIRCUIT_BREAKER_OPEN_DURATION),
                        v.get(Catalogue.CACHE_MAX_STALE)));
    }

    /** Parses {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}, ISO-8601 ({@code PT5S}) or plain seconds. */
    public static Duration parseDuration(String text) {
        return DurationText.parse(text);
    }
}
