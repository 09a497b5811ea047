package dev.schematic;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.internal.config.Catalogue;
import dev.schematic.internal.config.DataStreamSettings;
import dev.schematic.internal.config.SchematicConfig;
import dev.schematic.internal.config.Setting;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every documented key has a typed setter on the builder, and typed values are checked like their text forms. */
class SchematicBuilderSettersTest {
    @TempDir
    static Path dir;

    /** Keys read where their feature lives (the JAX-RS webhook filter), not by the client the builder makes. */
    private static final Set<String> NOT_FOR_THE_CLIENT = Set.of(
            "schematic.webhooks.secret",
            "schematic.webhooks.tolerance",
            "schematic.webhooks.max-body-size",
            "schematic.webhooks.body-timeout");

    private static final URI REDIS = URI.create("redis://cache.internal:6380/1");

    /** One typed setter call per key. */
    private static final Map<Setting<?>, Consumer<SchematicBuilder>> SETTERS = Map.ofEntries(
            entry(Catalogue.API_KEY, b -> b.apiKey("sch_dev_x")),
            entry(Catalogue.BASE_URL, b -> b.baseUrl(URI.create("https://api.internal"))),
            entry(Catalogue.EVENT_CAPTURE_URL, b -> b.eventCaptureUrl(URI.create("https://c.internal"))),
            entry(Catalogue.OFFLINE, b -> b.offline(true)),
            entry(Catalogue.TIMEOUT, b -> b.timeout(Duration.ofSeconds(3))),
            entry(Catalogue.MAX_RETRIES, b -> b.maxRetries(1)),
            entry(Catalogue.RETRY_BACKOFF, b -> b.retryBackoff(Duration.ofMillis(200))),
            entry(Catalogue.CONNECT_TIMEOUT, b -> b.connectTimeout(Duration.ofSeconds(2))),
            entry(Catalogue.EAGER, b -> b.eager(false)),
            entry(Catalogue.FLAG_DEFAULTS, b -> b.flagDefaults(Map.of("beta", true))),
            entry(Catalogue.CACHE_ENABLED, b -> b.cacheEnabled(false)),
            entry(Catalogue.CACHE_MAX_SIZE, b -> b.cacheMaxSize(10)),
            entry(Catalogue.CACHE_TTL, b -> b.cacheTtl(Duration.ofSeconds(1))),
            entry(Catalogue.CACHE_MAX_STALE, b -> b.cacheMaxStale(Duration.ZERO)),
            entry(Catalogue.CHECKS_DEADLINE, b -> b.checksDeadline(Duration.ofMillis(300))),
            entry(Catalogue.CIRCUIT_BREAKER_FAILURE_THRESHOLD, b -> b.circuitBreakerFailureThreshold(3)),
            entry(Catalogue.CIRCUIT_BREAKER_OPEN_DURATION, b -> b.circuitBreakerOpenDuration(Duration.ofSeconds(5))),
            entry(Catalogue.EVENTS_BATCH_SIZE, b -> b.eventsBatchSize(10)),
            entry(Catalogue.EVENTS_FLUSH_INTERVAL, b -> b.eventsFlushInterval(Duration.ofSeconds(1))),
            entry(Catalogue.EVENTS_MAX_QUEUE, b -> b.eventsMaxQueue(50)),
            entry(Catalogue.EVENTS_MAX_RETRIES, b -> b.eventsMaxRetries(1)),
            entry(Catalogue.EVENTS_RETRY_BACKOFF, b -> b.eventsRetryBackoff(Duration.ofMillis(100))),
            entry(Catalogue.EVENTS_TIMEOUT, b -> b.eventsTimeout(Duration.ofSeconds(4))),
            entry(Catalogue.EVENTS_SHUTDOWN_TIMEOUT, b -> b.eventsShutdownTimeout(Duration.ofSeconds(2))),
            entry(Catalogue.DATASTREAM_ENABLED, b -> b.dataStream(true)),
            entry(Catalogue.DATASTREAM_URL, b -> b.dataStreamUrl(URI.create("wss://ds.internal/datastream"))),
            entry(Catalogue.DATASTREAM_STORE, b -> b.embeddedStore()),
            entry(Catalogue.DATASTREAM_CACHE_TTL, b -> b.dataStreamCacheTtl(Duration.ofHours(1))),
            entry(Catalogue.DATASTREAM_KEY_PREFIX, b -> b.dataStreamKeyPrefix("app")),
            entry(Catalogue.DATASTREAM_MAX_ENTRIES, b -> b.dataStreamMaxEntries(5)),
            entry(Catalogue.DATASTREAM_MAX_FLAGS, b -> b.dataStreamMaxFlags(6)),
            entry(Catalogue.DATASTREAM_ENTITY_TIMEOUT, b -> b.dataStreamEntityTimeout(Duration.ofSeconds(1))),
            entry(
                    Catalogue.DATASTREAM_RECONNECT_MIN_DELAY,
                    b -> b.dataStreamReconnectDelay(Duration.ofSeconds(2), Duration.ofSeconds(20))),
            entry(
                    Catalogue.DATASTREAM_RECONNECT_MAX_DELAY,
                    b -> b.dataStreamReconnectDelay(Duration.ofSeconds(2), Duration.ofSeconds(20))),
            entry(Catalogue.DATASTREAM_PING_INTERVAL, b -> b.dataStreamPingInterval(Duration.ofSeconds(9))),
            entry(Catalogue.DATASTREAM_REMOTE_SERVERS, b -> b.remoteStore("ispn:11222")),
            entry(Catalogue.DATASTREAM_REMOTE_USERNAME, b -> b.remoteStoreCredentials("app", "pw")),
            entry(Catalogue.DATASTREAM_REMOTE_PASSWORD, b -> b.remoteStoreCredentials("app", "pw")),
            entry(Catalogue.DATASTREAM_REMOTE_CACHE, b -> b.remoteStoreCache("flags")),
            entry(Catalogue.DATASTREAM_REPLICATOR_MODE, b -> b.replicatorMode(true)),
            entry(
                    Catalogue.DATASTREAM_REPLICATOR_HEALTH_URL,
                    b -> b.replicatorHealthUrl(URI.create("http://replicator:8090/ready"))),
            entry(
                    Catalogue.DATASTREAM_REPLICATOR_HEALTH_INTERVAL,
                    b -> b.replicatorHealthInterval(Duration.ofSeconds(5))),
            entry(Catalogue.DATASTREAM_REDIS_URL, b -> b.redisStore(REDIS)),
            entry(Catalogue.DATASTREAM_REDIS_USERNAME, b -> b.redisCredentials("app", "pw")),
            entry(Catalogue.DATASTREAM_REDIS_PASSWORD, b -> b.redisCredentials("app", "pw")),
            entry(Catalogue.RULES_WASM, b -> b.rulesWasm(wasmFile())),
            entry(Catalogue.RULES_POOL_SIZE, b -> b.rulesPoolSize(2)),
            entry(Catalogue.RULES_MEMO_SIZE, b -> b.rulesMemoSize(0)));

    private static Path wasmFile() {
        try {
            Path file = dir.resolve("engine.wasm");
            return Files.exists(file) ? file : Files.write(file, new byte[] {0});
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyKeyOfTheCatalogueHasATypedSetter() {
        Set<String> expected = Catalogue.ALL.stream()
                .map(Setting::name)
                .filter(name -> !NOT_FOR_THE_CLIENT.contains(name))
                .filter(name -> !name.startsWith(Catalogue.OPENFEATURE_PREFIX)) // read by schematic-openfeature
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered =
                SETTERS.keySet().stream().map(Setting::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, covered, "add a typed setter to SchematicBuilder (and a row here) for each key");
    }

    @Test
    void eachSetterSetsItsKey() {
        SETTERS.forEach((setting, setter) -> {
            SchematicBuilder builder = Schematic.builder();
            setter.accept(builder);
            boolean set = builder.values().containsKey(setting.name())
                    || (setting == Catalogue.FLAG_DEFAULTS
                            && builder.values().containsKey("schematic.flag-defaults.beta"));
            assertTrue(set, setting.name() + " not set by its setter: " + builder.values());
        });
    }

    @Test
    void typedSettersReachTheSettings() {
        SchematicConfig c = SchematicConfig.read(Schematic.builder()
                .offline(true)
                .dataStream(true)
                .redisStore(REDIS)
                .redisCredentials("app", "s3cret")
                .replicatorMode(true)
                .replicatorHealthInterval(Duration.ofSeconds(5))
                .dataStreamReconnectDelay(Duration.ofSeconds(2), Duration.ofSeconds(20))
                .rulesMemoSize(0)
                .eventsTimeout(Duration.ofSeconds(4))
                .flagDefaults(Map.of("beta", true, "legacy", false))
                .values());
        assertTrue(c.dataStream().replicatorMode());
        assertEquals(DataStreamSettings.Store.REDIS, c.dataStream().store());
        assertEquals(REDIS, c.dataStream().redis().url());
        assertEquals(Optional.of("s3cret"), c.dataStream().redis().secret());
        assertEquals(Duration.ofSeconds(5), c.dataStream().replicatorHealthInterval());
        assertEquals(Duration.ofSeconds(20), c.dataStream().reconnectMaxDelay());
        assertEquals(0, c.rules().memoSize());
        assertEquals(Duration.ofSeconds(4), c.eventsTimeout());
        assertEquals(Map.of("beta", true, "legacy", false), c.flagDefaults());
        assertFalse(c.toString().contains("s3cret"));
    }

    @Test
    void aTypedValueOutOfRangeFailsAtBuildNamingTheKey() {
        var e = assertThrows(
                SchematicConfigException.class,
                () -> Schematic.builder().offline(true).eventsBatchSize(500).build());
        assertEquals(
                "SCHEM105 schematic.events.batch-size: expected a number between 1 and 100, got 500", e.getMessage());
        var d = assertThrows(
                SchematicConfigException.class,
                () -> Schematic.builder()
                        .offline(true)
                        .checksDeadline(Duration.ofMillis(1))
                        .build());
        assertEquals(
                "SCHEM106 schematic.checks.deadline: expected a duration of at least 10ms, got '1ms'", d.getMessage());
    }

    @Test
    void theLastWriteOfAKeyWinsWhetherTypedOrText() {
        SchematicBuilder b = Schematic.builder().offline(true).cacheTtl(Duration.ofSeconds(9));
        b.property("schematic.cache.ttl", "2s");
        assertEquals(Duration.ofSeconds(2), SchematicConfig.read(b.values()).cacheTtl());
        b.cacheTtl(Duration.ofSeconds(7));
        assertEquals(Duration.ofSeconds(7), SchematicConfig.read(b.values()).cacheTtl());
    }
}
