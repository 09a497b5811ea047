package dev.schematic.internal.config;

import static dev.schematic.internal.config.SettingTypes.bool;
import static dev.schematic.internal.config.SettingTypes.duration;
import static dev.schematic.internal.config.SettingTypes.httpUrl;
import static dev.schematic.internal.config.SettingTypes.integer;
import static dev.schematic.internal.config.SettingTypes.text;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every {@code schematic.*} key of the SDK: name, type, default, documentation and SCHEM codes, in one place. The SE
 * builder, the CDI producer (MicroProfile Config) and the Quarkus {@code @ConfigMapping} all read through it, so
 * adding a key means adding it here (plus, where it has them, its typed builder setter and its Quarkus mapping member;
 * tests fail when either is missing). Two key families are not single settings: {@code schematic.flag-defaults.<flag>}
 * (see {@link FlagDefaultKeys}) and {@code schematic.webhooks.secrets.<name>} (any key an endpoint names).
 */
public final class Catalogue {
    public static final String PREFIX = "schematic.";
    private static final Duration MS = Duration.ofMillis(1);
    private static final Duration TEN_MS = Duration.ofMillis(10);
    private static final int MAX = Integer.MAX_VALUE;
    /** Filled by {@link #key} as the constants below are initialized, so it is declared first. */
    private static final List<Setting<?>> DECLARED = new ArrayList<>();

    // ---- connection to Schematic
    public static final Setting<String> API_KEY =
            key("api-key", text(), null, "secret API key (sch_dev_…, sch_prod_…); required unless offline");
    public static final Setting<URI> BASE_URL = key("base-url", httpUrl(), "https://api.schematichq.com", "REST API");
    public static final Setting<URI> EVENT_CAPTURE_URL =
            key("event-capture-url", httpUrl(), "https://c.schematichq.com", "event capture service (POST /batch)");
    public static final Setting<Boolean> OFFLINE =
            key("offline", bool(), "false", "no network at all: checks return defaults, events are discarded");
    public static final Setting<Duration> TIMEOUT =
            key("timeout", duration(MS), "60s", "connect and read timeout of each REST attempt");
    public static final Setting<Integer> MAX_RETRIES =
            key("max-retries", integer(0, 10), "2", "retries of a REST call on 408, 429, 5xx and refused connections");
    public static final Setting<Duration> RETRY_BACKOFF =
            key("retry-backoff", duration(Duration.ZERO), "1s", "first exponential wait between REST retries");
    public static final Setting<Duration> CONNECT_TIMEOUT = key(
            "connect-timeout",
            duration(MS),
            "10s",
            "connect timeout of each REST attempt (capped at its read timeout)");
    public static final Setting<Boolean> EAGER =
            key("eager", bool(), "false", "create the client and start its check cache at application startup");
    public static final Setting<String> FLAG_DEFAULTS = key(
            "flag-defaults",
            FlagDefaultKeys.LIST,
            null,
            "flag defaults as one list, e.g. pdf-export=true,beta=false (env: SCHEMATIC_FLAG_DEFAULTS)");

    // ---- flag checks: cache, deadline, circuit breaker
    public static final Setting<Boolean> CACHE_ENABLED =
            key("cache.enabled", bool(), "true", "cache API check results locally");
    public static final Setting<Integer> CACHE_MAX_SIZE =
            key("cache.max-size", integer(0, MAX), "1000", "most cached results (0 disables)");
    public static final Setting<Duration> CACHE_TTL =
            key("cache.ttl", duration(Duration.ZERO), "5s", "how long a cached result is used");
    public static final Setting<Duration> CACHE_MAX_STALE = key(
            "cache.max-stale",
            duration(Duration.ZERO),
            "5m",
            "how long past its TTL a cached answer is served (STALE) while the API fails; 0 turns it off");
    public static final Setting<Duration> CHECKS_DEADLINE = key(
            "checks.deadline",
            duration(TEN_MS),
            "1s",
            "the most one flag check through the API may take, retries and Retry-After waits included");
    public static final Setting<Integer> CIRCUIT_BREAKER_FAILURE_THRESHOLD = key(
            "circuit-breaker.failure-threshold",
            integer(0, 1000),
            "5",
            "failed flag checks in a row that open the circuit breaker (0 turns it off)");
    public static final Setting<Duration> CIRCUIT_BREAKER_OPEN_DURATION = key(
            "circuit-breaker.open-duration",
            duration(MS),
            "10s",
            "how long an open breaker answers without the API before one probe");

    // ---- events
    public static final Setting<Integer> EVENTS_BATCH_SIZE =
            key("events.batch-size", integer(1, 100), "100", "events per capture request (the service takes ≤ 100)");
    public static final Setting<Duration> EVENTS_FLUSH_INTERVAL =
            key("events.flush-interval", duration(MS), "5s", "how often queued events are sent");
    public static final Setting<Integer> EVENTS_MAX_QUEUE =
            key("events.max-queue", integer(1, MAX), "100000", "most waiting events; when full the oldest is dropped");
    public static final Setting<Integer> EVENTS_MAX_RETRIES = key(
            "events.max-retries",
            integer(0, 10),
            "3",
            "re-sends of a batch failing with an unexpected error (outages are retried without limit)");
    public static final Setting<Duration> EVENTS_RETRY_BACKOFF =
            key("events.retry-backoff", duration(Duration.ZERO), "1s", "first wait before re-sending a failed batch");
    public static final Setting<Duration> EVENTS_TIMEOUT =
            key("events.timeout", duration(MS), "10s", "timeout of one capture request");
    public static final Setting<Duration> EVENTS_SHUTDOWN_TIMEOUT = key(
            "events.shutdown-timeout",
            duration(Duration.ZERO),
            "30s",
            "how long close() and flush() keep sending queued events");

    // ---- DataStream (docs/datastream.md) and replicator mode (docs/replicator.md)
    public static final Setting<Boolean> DATASTREAM_ENABLED =
            key("datastream.enabled", bool(), "false", "evaluate flags locally from the DataStream");
    public static final Setting<URI> DATASTREAM_URL =
            key("datastream.url", SpecialTypes.DATASTREAM_URL, null, "WebSocket URL; derived from base-url when unset");
    public static final Setting<DataStreamSettings.Store> DATASTREAM_STORE = key(
            "datastream.store",
            SettingTypes.choice(DataStreamSettings.Store.class, SchemCode.SCHEM500),
            "embedded",
            "where flags, companies and users are cached");
    public static final Setting<Duration> DATASTREAM_CACHE_TTL = key(
            "datastream.cache-ttl",
            duration(Duration.ZERO),
            "24h",
            "lifespan of cached companies, users and lookups (flags ≥ 30 days); 0 = no expiry");
    public static final Setting<String> DATASTREAM_KEY_PREFIX =
            key("datastream.key-prefix", text(), "schematic", "prefix of keys in a shared store: {prefix}:{key}");
    public static final Setting<Integer> DATASTREAM_MAX_ENTRIES = key(
            "datastream.local-cache.max-entries",
            integer(1, MAX),
            "1000",
            "most entries of each embedded company, user and lookup cache");
    public static final Setting<Integer> DATASTREAM_MAX_FLAGS =
            key("datastream.local-cache.max-flags", integer(1, MAX), "10000", "most flags in the embedded cache");
    public static final Setting<Duration> DATASTREAM_ENTITY_TIMEOUT = key(
            "datastream.entity-timeout",
            duration(MS),
            "2s",
            "wait for a requested company or user before the REST fallback");
    public static final Setting<Duration> DATASTREAM_RECONNECT_MIN_DELAY =
            key("datastream.reconnect.min-delay", duration(MS), "1s", "first wait before reconnecting");
    public static final Setting<Duration> DATASTREAM_RECONNECT_MAX_DELAY =
            key("datastream.reconnect.max-delay", duration(MS), "30s", "longest wait between reconnects (≥ min-delay)");
    public static final Setting<Duration> DATASTREAM_PING_INTERVAL = key(
            "datastream.ping-interval", duration(TEN_MS), "27s", "time between pings; one unanswered drops the socket");
    public static final Setting<String> DATASTREAM_REMOTE_SERVERS = key(
            "datastream.remote.servers", SpecialTypes.SERVERS, "localhost:11222", "Hot Rod servers of store=remote");
    public static final Setting<String> DATASTREAM_REMOTE_USERNAME =
            key("datastream.remote.username", text(), null, "Hot Rod user; anonymous when unset");
    public static final Setting<String> DATASTREAM_REMOTE_PASSWORD =
            key("datastream.remote.password", SettingTypes.verbatim(), null, "Hot Rod password; never printed");
    public static final Setting<String> DATASTREAM_REMOTE_CACHE =
            key("datastream.remote.cache", text(), "schematic", "the remote cache's name");
    public static final Setting<Boolean> DATASTREAM_REPLICATOR_MODE = key(
            "datastream.replicator-mode",
            bool(),
            "false",
            "read what Schematic's replicator writes into Redis; implies enabled and store=redis");
    public static final Setting<URI> DATASTREAM_REPLICATOR_HEALTH_URL = key(
            "datastream.replicator-health-url",
            SpecialTypes.HEALTH_URL,
            "http://localhost:8090/ready",
            "the replicator's readiness URL");
    public static final Setting<Duration> DATASTREAM_REPLICATOR_HEALTH_INTERVAL =
            key("datastream.replicator-health-interval", duration(TEN_MS), "30s", "time between replicator polls");
    public static final Setting<URI> DATASTREAM_REDIS_URL = key(
            "datastream.redis.url", SpecialTypes.REDIS_URL, "redis://localhost:6379/0", "Redis server of store=redis");
    public static final Setting<String> DATASTREAM_REDIS_USERNAME =
            key("datastream.redis.username", text(), null, "Redis ACL user; the URL's when unset");
    public static final Setting<String> DATASTREAM_REDIS_PASSWORD = key(
            "datastream.redis.password",
            SettingTypes.verbatim(),
            null,
            "Redis password; the URL's when unset; never printed");

    // ---- rules engine (docs/rules-engine.md)
    public static final Setting<Path> RULES_WASM =
            key("rules.wasm", SpecialTypes.WASM_FILE, null, "a WASM module file to use instead of the bundled engine");
    public static final Setting<Integer> RULES_POOL_SIZE = key(
            "rules.pool-size",
            integer(1, 1024, SchemCode.SCHEM302),
            null,
            "most WASM instances kept; the number of processors when unset");
    public static final Setting<Integer> RULES_MEMO_SIZE = key(
            "rules.memo-size", integer(0, 10_000_000, SchemCode.SCHEM303), "10000", "most memoized results; 0 = off");

    // ---- webhooks (docs/webhooks.md)
    public static final Setting<String> WEBHOOKS_SECRET = key(
            "webhooks.secret",
            text(),
            null,
            "signing secret(s) of @VerifiedSchematicWebhook endpoints, comma-separated");
    public static final Setting<Duration> WEBHOOKS_TOLERANCE =
            key("webhooks.tolerance", SpecialTypes.TOLERANCE, null, "replay window; off when unset (or off, 0)");
    public static final Setting<Integer> WEBHOOKS_MAX_BODY_SIZE =
            key("webhooks.max-body-size", SpecialTypes.BODY_SIZE, "1MiB", "largest webhook body read (else 413)");
    public static final Setting<Duration> WEBHOOKS_BODY_TIMEOUT = key(
            "webhooks.body-timeout",
            new SettingTypes.DurationType(MS, SchemCode.SCHEM404, SchemCode.SCHEM404),
            "10s",
            "how long a webhook body may take to arrive (else 408)");

    // ---- OpenFeature provider (docs/openfeature.md): read from MicroProfile Config by schematic-openfeature's CDI
    // producer, not by the client (no builder setter; Quarkus maps them in OpenFeatureConfig so it accepts them)
    public static final String OPENFEATURE_PREFIX = PREFIX + "openfeature.";
    public static final Setting<Boolean> OPENFEATURE_ENABLED = key(
            "openfeature.enabled",
            bool(),
            "true",
            "register the OpenFeature provider at startup (schematic-openfeature)");
    public static final Setting<Duration> OPENFEATURE_INIT_TIMEOUT = key(
            "openfeature.init-timeout",
            duration(Duration.ZERO),
            "10s",
            "how long the provider waits for the DataStream");
    public static final Setting<Duration> OPENFEATURE_POLL_INTERVAL = key(
            "openfeature.poll-interval", duration(MS), "500ms", "how often the provider reads the DataStream state");
    public static final Setting<String> OPENFEATURE_TARGETING_KEY_AS_USER_KEY = key(
            "openfeature.targeting-key-as-user-key",
            text(),
            null,
            "the user key an OpenFeature targeting key becomes (e.g. id)");

    /** Every setting, in the order above. */
    public static final List<Setting<?>> ALL = Collections.unmodifiableList(DECLARED);

    private static final Map<String, Setting<?>> BY_NAME = byName();

    private Catalogue() {}

    /** The setting of a full key name, if the catalogue has one. */
    public static Optional<Setting<?>> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    private static <T> Setting<T> key(String name, SettingType<T> type, String defaultValue, String doc) {
        Setting<T> setting = new Setting<>(PREFIX + name, type, Optional.ofNullable(defaultValue), doc);
        DECLARED.add(setting);
        return setting;
    }

    private static Map<String, Setting<?>> byName() {
        Map<String, Setting<?>> m = new LinkedHashMap<>();
        ALL.forEach(s -> m.put(s.name(), s));
        return Collections.unmodifiableMap(m);
    }
}
