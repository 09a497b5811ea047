package dev.schematic.internal.store;

import static dev.schematic.testkit.DataStreamEntities.company;
import static dev.schematic.testkit.DataStreamEntities.companyOverride;
import static dev.schematic.testkit.DataStreamEntities.flag;
import static dev.schematic.testkit.DataStreamEntities.metric;
import static dev.schematic.testkit.DataStreamEntities.metricRule;
import static dev.schematic.testkit.DataStreamEntities.user;
import static dev.schematic.testkit.DataStreamEntities.userRule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.FlagCheck;
import dev.schematic.MissingTool;
import dev.schematic.Schematic;
import dev.schematic.internal.rules.RulesEngine;
import dev.schematic.internal.rules.RulesInput;
import dev.schematic.testkit.FakeDataStream;
import dev.schematic.testkit.FakeReplicator;
import dev.schematic.testkit.FakeSchematic;
import dev.schematic.testkit.LocalRedisServer;
import dev.schematic.testkit.RespClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * store=redis on two Redis-protocol servers: a real redis-server and Infinispan Server's RESP endpoint (child JVM, its
 * own port per toolchain.md G9). Each backend skips with a message when it is not installed
 * (fails when CI=true, see {@link MissingTool}).
 */
class RedisStoreTest {
    static final Map<String, String> ACME = Map.of("id", "acme");
    static LocalRedisServer redis;
    static String redisMissing;
    static InfinispanServer ispn;
    static String ispnMissing;

    @TempDir
    static Path work;

    @BeforeAll
    static void startServers() throws Exception {
        redisMissing = LocalRedisServer.missing();
        if (redisMissing == null) {
            redis = LocalRedisServer.start();
        }
        ispnMissing = InfinispanServer.jarsMissing();
        if (ispnMissing == null) {
            ispn = InfinispanServer.start(work);
        }
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (redis != null) {
            redis.close();
        }
        if (ispn != null) {
            ispn.close();
        }
    }

    /** host:port of a backend, or a skipped test. */
    static int port(String backend) {
        if (backend.equals("redis")) {
            MissingTool.skipOrFail(redisMissing);
            return redis.port();
        }
        MissingTool.skipOrFail(ispnMissing);
        return ispn.respPort;
    }

    static String url(String backend) {
        return "redis://127.0.0.1:" + port(backend) + "/0";
    }

    static RedisEntityStore store(String backend, String prefix) {
        return new RedisEntityStore(
                "127.0.0.1",
                port(backend),
                0,
                false,
                Optional.empty(),
                Optional.empty(),
                prefix,
                Duration.ofSeconds(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis", "infinispan"})
    void theLayoutTtlsCasAndScanWork(String backend) {
        String p = "t" + System.nanoTime();
        try (RedisEntityStore s = store(backend, p);
                RespClient raw = RespClient.connect("127.0.0.1", port(backend))) {
            StoreKeys keys = new StoreKeys("v9");
            s.put(CacheKind.FLAGS, keys.flag("New-UI"), RulesInput.of("{\"key\":\"New-UI\"}"), Duration.ofDays(30));
            assertEquals("{\"key\":\"New-UI\"}", raw.get(p + ":flags:v9:new-ui"));
            long flagTtl = raw.pttl(p + ":flags:v9:new-ui");
            assertTrue(flagTtl > Duration.ofDays(29).toMillis(), "ttl " + flagTtl);
            s.put(CacheKind.FLAGS, keys.flag("other"), RulesInput.of("{}"), Duration.ZERO);
            assertEquals(-1, raw.pttl(p + ":flags:v9:other"), "zero: no expiry");
            assertEquals(
                    List.of("flags:v9:new-ui", "flags:v9:other"),
                    s.keys(CacheKind.FLAGS, "flags:v9:").stream().sorted().toList());
            RulesInput v1 = RulesInput.of("{\"id\":\"c\",\"n\":1}");
            RulesInput v2 = RulesInput.of("{\"id\":\"c\",\"n\":2}");
            s.put(CacheKind.COMPANIES, keys.company("c"), v1, Duration.ofHours(1));
            assertTrue(s.replace(CacheKind.COMPANIES, keys.company("c"), v1, v2, Duration.ofMinutes(5)));
            assertFalse(s.replace(CacheKind.COMPANIES, keys.company("c"), v1, v2, Duration.ofMinutes(5)), "stale");
            assertEquals(
                    v2.json(), s.get(CacheKind.COMPANIES, keys.company("c")).json());
            long ttl = s.ttlMillis(keys.company("c"));
            assertTrue(ttl > 290_000 && ttl <= 300_000, "replace sets the new ttl: " + ttl);
            s.put(CacheKind.COMPANY_LOOKUP, keys.companyLookup("ID", "Acme"), RulesInput.of("\"c\""), Duration.ZERO);
            assertEquals("\"c\"", raw.get(p + ":company:v9:id:acme"));
            s.remove(CacheKind.COMPANIES, keys.company("c"));
            assertNull(s.get(CacheKind.COMPANIES, keys.company("c")));
            assertFalse(s.replace(CacheKind.COMPANIES, keys.company("c"), v1, v2, Duration.ZERO), "absent");
            assertNotNull(s.description());
        }
    }

    @Test
    void aServerThatIsDownMeansMissesNotExceptions() {
        try (RedisEntityStore s = new RedisEntityStore(
                "127.0.0.1", 1, 0, false, Optional.empty(), Optional.empty(), "schematic", Duration.ofSeconds(1))) {
            assertNull(s.get(CacheKind.FLAGS, "flags:v:x"));
            s.put(CacheKind.FLAGS, "flags:v:x", RulesInput.of("{}"), Duration.ZERO);
            assertFalse(s.replace(
                    CacheKind.COMPANIES, "company:v:c", RulesInput.of("{}"), RulesInput.of("{}"), Duration.ZERO));
            assertEquals(List.of(), s.keys(CacheKind.FLAGS, "flags:"));
        }
    }

    @Test
    void globCharactersInThePrefixAreEscapedForScan() {
        assertEquals("a\\*b\\?c\\[d\\]e\\\\f:", RedisEntityStore.glob("a*b?c[d]e\\f:"));
    }

    /** Teams on Infinispan point the replicator at its RESP endpoint: replicator mode reads it and writes back. */
    @ParameterizedTest
    @ValueSource(strings = {"redis", "infinispan"})
    void replicatorModeReadsAndWritesBack(String backend) throws Exception {
        String prefix = "r" + System.nanoTime();
        try (FakeSchematic fake = FakeSchematic.start();
                FakeReplicator replicator =
                        FakeReplicator.start("127.0.0.1", port(backend)).keyPrefix(prefix)) {
            replicator.flag(flag("new-ui", false, companyOverride("r1", "comp_1", true)));
            replicator.flag(flag("beta", true, userRule("r2", "user_1", false)));
            replicator.flag(flag("api-calls", false, metricRule("r3", "api-call", "lt", 100, "all_time", true)));
            replicator.company(company("comp_1", ACME, metric("comp_1", "api-call", "all_time", 42)));
            replicator.user(user("user_1", Map.of("email", "ada@acme.io")));
            try (Schematic s = Schematic.builder()
                    .apiKey("sch_dev_test_key")
                    .baseUrl(fake.baseUrl())
                    .eventCaptureUrl(fake.baseUrl())
                    .maxRetries(0)
                    .cacheEnabled(false)
                    .property("schematic.datastream.replicator-mode", "true")
                    .property("schematic.datastream.replicator-health-url", replicator.healthUrl())
                    .property("schematic.datastream.replicator-health-interval", "100ms")
                    .property("schematic.datastream.redis.url", url(backend))
                    .property("schematic.datastream.key-prefix", prefix)
                    .property("schematic.datastream.cache-ttl", "10m")
                    .build()) {
                assertTrue(s.awaitReady(Duration.ofSeconds(10)), s.dataStream()::toString);
                FlagCheck c = s.checkFlagDetailed("new-ui", ACME, Map.of());
                assertEquals(FlagCheck.Source.LOCAL, c.source(), c::toString);
                assertTrue(c.value());
                assertFalse(s.checkFlag("beta", Map.of(), Map.of("email", "ada@acme.io")));
                s.track("api-call", ACME, Map.of(), Map.of(), 58);
                assertTrue(replicator.get(replicator.companyKey("comp_1")).contains("\"value\":100"));
                long ttl = replicator.redis().pttl(replicator.companyKey("comp_1"));
                assertTrue(ttl > 590_000 && ttl <= 600_000, "write-back ttl " + ttl);
                assertFalse(s.checkFlag("api-calls", ACME, Map.of()));
                assertEquals(0, fake.requests("POST", "/flags/").size());
            }
        }
    }

    /** Direct DataStream mode on a Redis store: the official SDKs' layout under the engine's version key. */
    @ParameterizedTest
    @ValueSource(strings = {"redis", "infinispan"})
    void directModeSharesTheStoreInTheOfficialLayout(String backend) throws Exception {
        String prefix = "d" + System.nanoTime();
        try (FakeSchematic fakeA = FakeSchematic.start();
                FakeSchematic fakeB = FakeSchematic.start();
                RespClient raw = RespClient.connect("127.0.0.1", port(backend))) {
            FakeDataStream dsA = fakeA.dataStream();
            FakeDataStream dsB = fakeB.dataStream();
            for (FakeDataStream ds : List.of(dsA, dsB)) {
                ds.flag(flag("api-calls", false, metricRule("r1", "api-call", "lt", 100, "all_time", true)));
                ds.company(company("comp_1", ACME, metric("comp_1", "api-call", "all_time", 10)));
            }
            dsB.answerEntityRequests(false); // B knows comp_1 only through the shared store
            try (Schematic a = direct(fakeA, dsA, backend, prefix).build();
                    Schematic b = direct(fakeB, dsB, backend, prefix).build()) {
                assertTrue(a.awaitReady(Duration.ofSeconds(20)), a.dataStream()::toString);
                assertTrue(b.awaitReady(Duration.ofSeconds(20)), b.dataStream()::toString);
                assertTrue(
                        a.dataStream().store().startsWith("redis "),
                        a.dataStream().store());
                assertTrue(a.checkFlag("api-calls", ACME, Map.of()));
                String version = RulesEngine.create().versionKey();
                assertNotNull(raw.get(prefix + ":flags:" + version + ":api-calls"));
                assertEquals("\"comp_1\"", raw.get(prefix + ":company:" + version + ":id:acme"));
                FlagCheck fromB = b.checkFlagDetailed("api-calls", ACME, Map.of());
                assertEquals(FlagCheck.Source.LOCAL, fromB.source(), "B reads what A cached: " + fromB);
                b.track("api-call", ACME, Map.of(), Map.of(), 95);
                assertFalse(a.checkFlag("api-calls", ACME, Map.of()), "A sees B's usage (105)");
                dsA.updateCompany("comp_1", "{\"metrics\":[" + metric("comp_1", "api-call", "all_time", 1) + "]}");
                assertTrue(eventually(() -> b.checkFlag("api-calls", ACME, Map.of())), "B sees A's partial update");
            }
        }
    }

    private static dev.schematic.SchematicBuilder direct(
            FakeSchematic fake, FakeDataStream ds, String backend, String prefix) {
        return Schematic.builder()
                .apiKey("sch_dev_test_key")
                .baseUrl(fake.baseUrl())
                .eventCaptureUrl(fake.baseUrl())
                .maxRetries(0)
                .cacheEnabled(false)
                .property("schematic.datastream.enabled", "true")
                .property("schematic.datastream.url", ds.url())
                .property("schematic.datastream.store", "redis")
                .property("schematic.datastream.redis.url", url(backend))
                .property("schematic.datastream.key-prefix", prefix)
                .property("schematic.datastream.entity-timeout", "500ms")
                .property("schematic.datastream.reconnect.min-delay", "20ms")
                .property("schematic.datastream.reconnect.max-delay", "200ms");
    }

    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
