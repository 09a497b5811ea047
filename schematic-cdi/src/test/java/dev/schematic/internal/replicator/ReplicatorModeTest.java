package dev.schematic.internal.replicator;

import static dev.schematic.internal.replicator.ReplicatorClients.eventually;
import static dev.schematic.testkit.DataStreamEntities.company;
import static dev.schematic.testkit.DataStreamEntities.companyOverride;
import static dev.schematic.testkit.DataStreamEntities.flag;
import static dev.schematic.testkit.DataStreamEntities.metric;
import static dev.schematic.testkit.DataStreamEntities.metricRule;
import static dev.schematic.testkit.DataStreamEntities.user;
import static dev.schematic.testkit.DataStreamEntities.userRule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.DataStreamState;
import dev.schematic.FlagCheck;
import dev.schematic.MissingTool;
import dev.schematic.Schematic;
import dev.schematic.internal.health.DataStreamHealthCheck;
import dev.schematic.testkit.FakeReplicator;
import dev.schematic.testkit.FakeSchematic;
import dev.schematic.testkit.LocalRedisServer;
import dev.schematic.testkit.RespClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replicator mode end to end: a real redis-server, the test kit's fake replicator, the facade. */
class ReplicatorModeTest {
    static final Map<String, String> ACME = Map.of("id", "acme");
    static final Map<String, String> ACME_DOMAIN = Map.of("domain", "Acme.COM");
    static final Map<String, String> ADA = Map.of("email", "ada@acme.io");
    static LocalRedisServer redis;

    FakeSchematic fake;
    FakeReplicator replicator;

    @BeforeAll
    static void startRedis() {
        String missing = LocalRedisServer.missing();
        MissingTool.skipOrFail(missing);
        redis = LocalRedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void start() {
        redis.restart();
        try (RespClient c = RespClient.connect(redis.host(), redis.port())) {
            c.command("FLUSHALL");
        }
        fake = FakeSchematic.start();
        fake.flag("new-ui").defaultValue(false);
        fake.flag("beta").defaultValue(false);
        replicator = FakeReplicator.start(redis.url());
        replicator.flag(flag("new-ui", false, companyOverride("r1", "comp_1", true)));
        replicator.flag(flag("beta", true, userRule("r2", "user_1", false)));
        replicator.flag(flag("api-calls", false, metricRule("r3", "api-call", "lt", 100, "all_time", true)));
        replicator.company(company(
                "comp_1", Map.of("id", "acme", "domain", "acme.com"), metric("comp_1", "api-call", "all_time", 42)));
        replicator.user(user("user_1", Map.of("email", "ada@acme.io", "id", "u-1")));
    }

    @AfterEach
    void stop() {
        replicator.close();
        fake.close();
    }

    private Schematic client() {
        return ReplicatorClients.against(fake, replicator, redis.url()).build();
    }

    private int apiChecks() {
        return fake.requests("POST", "/flags/").size();
    }

    @Test
    void everyEntityTypeAndLookupKeyIsReadFromTheStore() {
        try (Schematic s = client()) {
            assertTrue(s.awaitReady(Duration.ofSeconds(10)), () -> "not ready: " + s.dataStream());
            assertTrue(s.dataStream().store().startsWith("redis redis://127.0.0.1:" + redis.port()));
            FlagCheck byId = s.checkFlagDetailed("new-ui", ACME, Map.of());
            assertEquals(FlagCheck.Source.LOCAL, byId.source(), byId::toString);
            assertTrue(byId.value());
            assertEquals("comp_1", byId.companyId());
            FlagCheck byDomain = s.checkFlagDetailed("NEW-UI", ACME_DOMAIN, Map.of());
            assertEquals(FlagCheck.Source.LOCAL, byDomain.source(), "flag key and lookup keys are lower-cased");
            assertTrue(byDomain.value());
            assertFalse(s.checkFlag("beta", Map.of(), ADA), "user by email");
            FlagCheck userById = s.checkFlagDetailed("beta", Map.of(), Map.of("id", "u-1"));
            assertEquals(FlagCheck.Source.LOCAL, userById.source());
            assertEquals("user_1", userById.userId());
            assertTrue(s.checkFlag("beta"), "no user: the flag's default");
            assertTrue(s.checkFlag("api-calls", ACME, Map.of()), "metric 42 < 100");
            List<FlagCheck> all = s.checkFlags(List.of("new-ui", "beta"), ACME, ADA);
            assertTrue(all.stream().allMatch(c -> c.source() == FlagCheck.Source.LOCAL), all::toString);
            assertEquals(0, apiChecks(), "no REST check requests");
            assertEquals(DataStreamState.READY, s.dataStream().state());
            assertEquals(
                    FakeReplicator.DEFAULT_CACHE_VERSION,
                    s.dataStream().replicator().cacheVersion());
            assertTrue(s.dataStream().replicator().polls() >= 1);
        }
        try (RespClient c = RespClient.connect(redis.host(), redis.port())) {
            assertTrue(c.keys("schematic:*").stream().allMatch(k -> k.contains(":fa4e0001:")), "nothing written");
        }
    }

    @Test
    void aFlagMissingFromTheStoreGoesToTheApiAndAMissingCompanyIsEvaluatedAsAbsent() {
        fake.flag("only-in-api").defaultValue(false).forCompany(ACME, true);
        try (Schematic s = client()) {
            assertTrue(s.awaitReady(Duration.ofSeconds(10)));
            FlagCheck api = s.checkFlagDetailed("only-in-api", ACME, Map.of());
            assertEquals(FlagCheck.Source.API, api.source(), api::toString);
            assertTrue(api.value());
            FlagCheck unknown = s.checkFlagDetailed("new-ui", Map.of("id", "nobody"), Map.of());
            assertEquals(FlagCheck.Source.LOCAL, unknown.source(), "§4.3: evaluated without the company");
            assertFalse(unknown.value(), "the override does not apply without the company");
            assertNull(unknown.companyId());
            assertEquals(1, apiChecks());
        }
    }

    @Test
    void aNewCacheVersionFromReadyIsFollowed() throws Exception {
        try (Schematic s = client()) {
            assertTrue(s.awaitReady(Duration.ofSeconds(10)));
            assertTrue(s.checkFlag("new-ui", ACME, Map.of()));
            // the same flag under a new version says the opposite: only a client on the new version sees it
            replicator.cacheVersion("b0b0b0b0");
            replicator.flag(flag("new-ui", false, companyOverride("r1", "comp_1", false)));
            assertTrue(eventually(() -> !s.checkFlag("new-ui", ACME, Map.of())));
            assertEquals("b0b0b0b0", s.dataStream().replicator().cacheVersion());
            assertEquals(
                    FlagCheck.Source.LOCAL,
                    s.checkFlagDetailed("new-ui", ACME, Map.of()).source());
            // an answer without a version keeps the last one
            replicator.healthBody("{\"ready\":true}");
            long polls = replicator.polls();
            assertTrue(eventually(() -> replicator.polls() > polls + 1));
            assertEquals("b0b0b0b0", s.dataStream().replicator().cacheVersion());
            assertEquals(
                    FlagCheck.Source.LOCAL,
                    s.checkFlagDetailed("new-ui", ACME, Map.of()).source());
            assertEquals(1, replicator.cleanup() > 0 ? 1 : 0, "old version's keys were there");
        }
    }

    @Test
    void notReadyMeansTheApiUntilReadyOnceThenTheStoreAndTheHealthCheckSaysWhy() throws Exception {
        fake.flag("new-ui").defaultValue(false).forCompany(ACME, false);
        replicator.ready(false);
        try (Schematic s = client()) {
            assertTrue(eventually(() -> s.dataStream().replicator().polls() > 0));
            assertFalse(s.isReady());
            assertEquals(DataStreamState.CONNECTING, s.dataStream().state());
            HealthCheckResponse down = DataStreamHealthCheck.response(s.dataStream());
            assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
            assertEquals(false, down.getData().orElseThrow().get("replicatorReady"));
            assertEquals("disconnected", down.getData().orElseThrow().get("replicatorDatastream"));
            FlagCheck api = s.checkFlagDetailed("new-ui", ACME, Map.of());
            assertEquals(FlagCheck.Source.API, api.source(), api::toString);
            assertFalse(api.value());

            replicator.ready(true);
            assertTrue(s.awaitReady(Duration.ofSeconds(10)));
            assertEquals(
                    FlagCheck.Source.LOCAL,
                    s.checkFlagDetailed("new-ui", ACME, Map.of()).source());
            var up = DataStreamHealthCheck.response(s.dataStream());
            assertEquals(HealthCheckResponse.Status.UP, up.getStatus());
            assertEquals(
                    FakeReplicator.DEFAULT_CACHE_VERSION,
                    up.getData().orElseThrow().get("cacheVersion"));

            replicator.ready(false);
            assertTrue(eventually(() -> s.dataStream().state() == DataStreamState.STALE));
            FlagCheck stale = s.checkFlagDetailed("new-ui", ACME, Map.of());
            assertEquals(FlagCheck.Source.LOCAL, stale.source(), "in the store: answered from it: " + stale);
            assertTrue(stale.value());
            int before = apiChecks();
            FlagCheck absent = s.checkFlagDetailed("new-ui", Map.of("id", "nobody"), Map.of());
            assertEquals(
                    FlagCheck.Source.API,
                    absent.source(),
                    "not in the store while stale: the API, not evaluated as absent: " + absent);
            assertEquals(before + 1, apiChecks());
            assertTrue(s.dataStream().dataAge().compareTo(Duration.ZERO) > 0, s.dataStream()::toString);
            assertEquals(
                    HealthCheckResponse.Status.UP,
                    DataStreamHealthCheck.response(s.dataStream()).getStatus(),
                    "stale stays UP: the cache and the API answer meanwhile");
            // not ready: track does not touch the store
            s.track("api-call", ACME, Map.of(), Map.of(), 5);
            assertTrue(replicator.get(replicator.companyKey("comp_1")).contains("\"value\":42"));
        }
    }

    @Test
    void anUnreachableHealthUrlMeansTheApiUntilItAnswers() throws Exception {
        fake.flag("new-ui").defaultValue(false).forCompany(ACME, false);
        replicator.healthDown();
        try (Schematic s = client()) {
            assertTrue(eventually(() -> s.dataStream().replicator().error() != null), s.dataStream()::toString);
            assertFalse(s.isReady());
            assertTrue(
                    s.dataStream().reason().contains("unreachable"),
                    s.dataStream().reason());
            assertEquals(
                    FlagCheck.Source.API,
                    s.checkFlagDetailed("new-ui", ACME, Map.of()).source());
            replicator.healthUp();
            assertTrue(s.awaitReady(Duration.ofSeconds(10)));
            assertEquals(
                    FlagCheck.Source.LOCAL,
                    s.checkFlagDetailed("new-ui", ACME, Map.of()).source());
            replicator.healthDown();
            assertTrue(eventually(() -> !s.isReady()));
            assertEquals(DataStreamState.STALE, s.dataStream().state());
            assertEquals(
                    FakeReplicator.DEFAULT_CACHE_VERSION,
                    s.dataStream().replicator().cacheVersion(),
                    "the version is kept on errors");
            assertEquals(
                    FlagCheck.Source.LOCAL,
                    s.checkFlagDetailed("new-ui", ACME, Map.of()).source(),
                    "stale: what the store holds is still used");
            assertEquals(
                    FlagCheck.Source.API,
                    s.checkFlagDetailed("new-ui", Map.of("id", "nobody"), Map.of())
                            .source());
        }
    }

    @Test
    void trackWritesTheIncrementedCompanyBackWithTheCacheTtl() throws Exception {
        try (Schematic s = ReplicatorClients.against(fake, replicator, redis.url())
                .property("schematic.datastream.cache-ttl", "1h")
                .build()) {
            assertTrue(s.awaitReady(Duration.ofSeconds(10)));
            assertEquals(-1, replicator.redis().pttl(replicator.companyKey("comp_1")), "the replicator: no TTL");
            s.track("api-call", ACME, Map.of(), Map.of(), 57);
            JsonObject doc = Json.createReader(
                            new java.io.StringReader(replicator.get(replicator.companyKey("comp_1"))))
                    .readObject();
            assertEquals(
                    99,
                    doc.getJsonArray("metrics")
                            .getJsonObject(0)
                            .getJsonNumber("value")
                            .longValue());
            for (String key : List.of(
                    replicator.companyKey("comp_1"),
                    replicator.companyLookupKey("id", "acme"),
                    replicator.companyLookupKey("domain", "acme.com"))) {
                long pttl = replicator.redis().pttl(key);
                assertTrue(pttl > 3_590_000 && pttl <= 3_600_000, key + " ttl " + pttl);
            }
            assertTrue(s.checkFlag("api-calls", ACME, Map.of()), "99 < 100");
            s.track("api-call", ACME, Map.of(), Map.of(), 1);
            assertFalse(s.checkFlag("api-calls", ACME, Map.of()), "100 is not < 100");
            // the replicator's next write wins
            replicator.company(company(
                    "comp_1", Map.of("id", "acme", "domain", "acme.com"), metric("comp_1", "api-call", "all_time", 0)));
            assertTrue(s.checkFlag("api-calls", ACME, Map.of()));
        }
    }

    @Test
    void aZeroCacheTtlWritesBackWithoutExpiry() {
        try (Schematic s = ReplicatorClients.against(fake, replicator, redis.url())
                .property("schematic.datastream.cache-ttl", "0")
                .build()) {
            assertTrue(s.awaitReady(Duration.ofSeconds(10)));
            s.track("api-call", ACME, Map.of(), Map.of(), 1);
            assertTrue(replicator.get(replicator.companyKey("comp_1")).contains("\"value\":43"));
            assertEquals(-1, replicator.redis().pttl(replicator.companyKey("comp_1")));
        }
    }

    @Test
    void twoInstancesReadTheSameStoreAndSeeEachOthersUsage() throws Exception {
        try (Schematic a = client();
                Schematic b = client()) {
            assertTrue(a.awaitReady(Duration.ofSeconds(10)));
            assertTrue(b.awaitReady(Duration.ofSeconds(10)));
            assertTrue(a.checkFlag("api-calls", ACME, Map.of()));
            assertTrue(b.checkFlag("api-calls", ACME_DOMAIN, Map.of()));
            b.track("api-call", ACME_DOMAIN, Map.of(), Map.of(), 30);
            a.track("api-call", ACME, Map.of(), Map.of(), 30);
            assertFalse(a.checkFlag("api-calls", ACME, Map.of()), "42 + 30 + 30 ≥ 100");
            assertFalse(b.checkFlag("api-calls", ACME, Map.of()));
            replicator.flag(flag("new-ui", true));
            assertTrue(a.checkFlag("new-ui", Map.of("id", "nobody"), Map.of()), "a replicator write is seen at once");
            assertTrue(b.checkFlag("new-ui", Map.of("id", "nobody"), Map.of()));
            assertEquals(0, apiChecks());
        }
    }

    @Test
    void redisRestartedMidRunFallsBackThenResumes() throws Exception {
        fake.flag("new-ui").defaultValue(false).forCompany(ACME, false);
        try (Schematic s = client()) {
            assertTrue(s.awaitReady(Duration.ofSeconds(10)));
            assertEquals(
                    FlagCheck.Source.LOCAL,
                    s.checkFlagDetailed("new-ui", ACME, Map.of()).source());
            redis.stop();
            for (int i = 0; i < 5; i++) {
                FlagCheck c = s.checkFlagDetailed("new-ui", ACME, Map.of());
                assertEquals(FlagCheck.Source.API, c.source(), c::toString);
                assertFalse(c.value(), "the API's answer");
            }
            s.track("api-call", ACME, Map.of(), Map.of(), 1); // dropped, never throws
            redis.restart();
            replicator.republish(); // the replicator writes everything again after Redis came back empty
            assertTrue(eventually(
                    () -> s.checkFlagDetailed("new-ui", ACME, Map.of()).source() == FlagCheck.Source.LOCAL));
            assertTrue(s.checkFlag("new-ui", ACME, Map.of()));
        }
    }

    @Test
    void closeStopsThePollingThread() throws Exception {
        Schematic s = client();
        assertTrue(s.awaitReady(Duration.ofSeconds(10)));
        s.close();
        assertTrue(eventually(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("schematic-replicator-health"))));
        long polls = replicator.polls();
        Thread.sleep(300);
        assertEquals(polls, replicator.polls(), "no poll after close");
    }
}
