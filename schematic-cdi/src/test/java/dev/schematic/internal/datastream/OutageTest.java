package dev.schematic.internal.datastream;

import static dev.schematic.internal.datastream.LocalCheckTest.eventually;
import static dev.schematic.testkit.DataStreamEntities.company;
import static dev.schematic.testkit.DataStreamEntities.companyOverride;
import static dev.schematic.testkit.DataStreamEntities.flag;
import static dev.schematic.testkit.DataStreamEntities.metric;
import static dev.schematic.testkit.DataStreamEntities.metricRule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.DataStreamState;
import dev.schematic.DataStreamStatus;
import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import dev.schematic.internal.health.DataStreamHealthCheck;
import dev.schematic.testkit.FakeDataStream;
import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DataStream socket down (docs/datastream.md, "States"): cached checks stay local, the others go to the REST API
 * at once, the status says how old the data is, and the client is READY again once the socket is back.
 */
class OutageTest {
    static final Map<String, String> ACME = Map.of("id", "acme");
    static final Map<String, String> BETA = Map.of("id", "beta");
    /** Generous bound for "did not wait for the socket": the entity wait is 5 s in these tests. */
    static final long NO_WAIT_MS = 500;
    /** Generous: a cold JVM on a loaded machine (load average 29 on 2 cores seen) needs more than 10 s to be ready. */
    static final Duration READY_WAIT = Duration.ofSeconds(30);

    FakeSchematic fake;
    FakeDataStream ds;

    @BeforeEach
    void start() {
        fake = FakeSchematic.start();
        fake.flag("new-ui").defaultValue(false).forCompany(ACME, true).forCompany(BETA, true);
        fake.flag("rest-only").defaultValue(true);
        ds = fake.dataStream();
        ds.flag(flag("new-ui", false, companyOverride("r1", "comp_1", true), companyOverride("r2", "comp_2", true)));
        ds.flag(flag("beta-banner", true));
        ds.flag(flag("Dark-Mode", false));
        ds.company(company("comp_1", ACME));
        ds.company(company("comp_2", BETA));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private Schematic client() {
        return LocalClients.against(fake)
                .property("schematic.datastream.entity-timeout", "5s")
                .build();
    }

    private int restChecks() {
        return fake.requests("POST", "/flags/").size();
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void aThirtySecondOutageAnswersCachedCompaniesLocallyAndTheOthersFromTheApiWithoutWaitingForTheSocket()
            throws Exception {
        try (Schematic s = client()) {
            assertTrue(s.awaitReady(READY_WAIT), s.dataStream()::toString);
            assertEquals(
                    FlagCheck.Source.LOCAL,
                    s.checkFlagDetailed("new-ui", ACME, Map.of()).source(),
                    "acme is fetched and cached");
            // the REST client's first call loads its classes: not part of what is measured below
            assertEquals(
                    FlagCheck.Source.API,
                    s.checkFlagDetailed("rest-only", ACME, Map.of()).source());
            assertEquals(Duration.ZERO, s.dataStream().dataAge());

            ds.stop();
            assertTrue(eventually(() -> s.dataStream().state() == DataStreamState.STALE), s.dataStream()::toString);
            int restBefore = restChecks();
            long outageEnd = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int rounds = 0;
            Duration lastAge = Duration.ofMillis(-1);
            DataStreamStatus status = null;
            long maxCachedMs = 0;
            long maxUncachedMs = 0;
            while (System.nanoTime() < outageEnd) {
                long t0 = System.nanoTime();
                FlagCheck cached = s.checkFlagDetailed("new-ui", ACME, Map.of());
                long cachedMs = millisSince(t0);
                assertEquals(FlagCheck.Source.LOCAL, cached.source(), cached::toString);
                assertTrue(cached.value());
                assertEquals("comp_1", cached.companyId());
                assertTrue(cachedMs < NO_WAIT_MS, cachedMs + " ms");
                maxCachedMs = Math.max(maxCachedMs, cachedMs);

                t0 = System.nanoTime();
                FlagCheck uncached = s.checkFlagDetailed("new-ui", BETA, Map.of());
                long uncachedMs = millisSince(t0);
                assertEquals(FlagCheck.Source.API, uncached.source(), uncached::toString);
                assertTrue(uncached.value(), "the API's answer");
                assertTrue(uncachedMs < NO_WAIT_MS, uncachedMs + " ms: never waits for the socket");
                maxUncachedMs = Math.max(maxUncachedMs, uncachedMs);

                status = s.dataStream();
                assertEquals(DataStreamState.STALE, status.state(), status::toString);
                assertTrue(status.answersLocally());
                assertTrue(status.dataAge().compareTo(lastAge) > 0, status.dataAge() + " after " + lastAge);
                lastAge = status.dataAge();
                rounds++;
                Thread.sleep(1_000);
            }
            assertTrue(rounds >= 20, rounds + " rounds");
            System.out.println("OutageTest: " + rounds + " rounds over 30 s stale; slowest cached (local) check "
                    + maxCachedMs + " ms, slowest uncached (REST) check " + maxUncachedMs + " ms; data age "
                    + status.dataAge());
            assertEquals(rounds, restChecks() - restBefore, "every uncached check asked the fake's REST endpoint");
            assertTrue(status.dataAge().compareTo(Duration.ofSeconds(25)) >= 0, status::toString);
            HealthCheckResponse health = DataStreamHealthCheck.response(status);
            assertEquals(HealthCheckResponse.Status.UP, health.getStatus());
            Map<String, Object> data = health.getData().orElseThrow();
            assertEquals("stale", data.get("state"));
            assertTrue(((Long) data.get("dataAgeMs")) >= 25_000, data::toString);

            ds.restart();
            assertTrue(s.awaitReady(READY_WAIT), s.dataStream()::toString);
            assertEquals(DataStreamState.READY, s.dataStream().state());
            assertEquals(Duration.ZERO, s.dataStream().dataAge());
            // acme is asked for again after the reconnect; beta was never asked for while the socket was down
            assertTrue(eventually(() -> companyRequests(ACME) >= 2));
            assertEquals(0, companyRequests(BETA));
            FlagCheck beta = s.checkFlagDetailed("new-ui", BETA, Map.of());
            assertEquals(FlagCheck.Source.LOCAL, beta.source(), "fetched over the socket again: " + beta);
        }
    }

    private long companyRequests(Map<String, String> keys) {
        return ds.requests("rulesengine.Company").stream()
                .map(r -> r.getJsonObject("keys"))
                .filter(k -> k != null && keys.get("id").equals(k.getString("id", null)))
                .count();
    }

    @Test
    void theStatusCarriesTheDataAgeFromTheMomentTheSocketWasLostAndReadyResetsIt() throws Exception {
        try (Schematic s = client()) {
            assertNull(s.dataStream().dataAge(), "no data before the first ready");
            assertTrue(s.awaitReady(READY_WAIT));
            DataStreamStatus ready = s.dataStream();
            assertEquals(Duration.ZERO, ready.dataAge());
            assertEquals(
                    0L,
                    DataStreamHealthCheck.response(ready)
                            .getData()
                            .orElseThrow()
                            .get("dataAgeMs"));

            ds.stop();
            assertTrue(eventually(() -> s.dataStream().state() == DataStreamState.STALE));
            DataStreamStatus first = s.dataStream();
            assertEquals(first.since(), first.dataAsOf(), "the data is as of the moment it stopped being current");
            Thread.sleep(300);
            DataStreamStatus later = s.dataStream();
            assertEquals(first.dataAsOf(), later.dataAsOf());
            assertTrue(
                    later.dataAge().minus(first.dataAge()).toMillis() >= 250,
                    first.dataAge() + " then " + later.dataAge());
            assertEquals(
                    HealthCheckResponse.Status.UP,
                    DataStreamHealthCheck.response(later).getStatus());

            // reconnected but the flags not loaded yet: still stale, the data as old as before
            int connections = ds.connectionCount();
            ds.answerFlagRequests(false);
            ds.restart();
            assertTrue(ds.awaitConnectionCount(connections + 1, Duration.ofSeconds(10)));
            assertTrue(eventually(() -> s.dataStream().reason().contains("loading flags")), s.dataStream()::toString);
            DataStreamStatus reloading = s.dataStream();
            assertEquals(DataStreamState.STALE, reloading.state());
            assertEquals(first.dataAsOf(), reloading.dataAsOf());

            ds.answerFlagRequests(true);
            ds.sendFlagsSnapshot();
            assertTrue(s.awaitReady(READY_WAIT));
            assertEquals(Duration.ZERO, s.dataStream().dataAge());
        }
    }

    @Test
    void anEmptyOrNullFlagListChecksEveryFlagLocallyAlsoWhileStale() throws Exception {
        try (Schematic s = client()) {
            assertTrue(s.awaitReady(READY_WAIT));
            for (List<String> all : java.util.Arrays.asList(List.<String>of(), null)) {
                List<FlagCheck> checks = s.checkFlags(all, ACME, Map.of());
                assertEquals(
                        List.of("Dark-Mode", "beta-banner", "new-ui"),
                        checks.stream().map(FlagCheck::flag).toList(),
                        "every flag, in key order, as the flags spell their keys");
                assertTrue(checks.stream().allMatch(c -> c.source() == FlagCheck.Source.LOCAL), checks::toString);
                assertEquals(
                        List.of(false, true, true),
                        checks.stream().map(FlagCheck::value).toList());
            }
            assertEquals(0, restChecks());

            ds.stop();
            assertTrue(eventually(() -> s.dataStream().state() == DataStreamState.STALE));
            List<FlagCheck> stale = s.checkFlags(List.of(), ACME, Map.of());
            assertEquals(3, stale.size(), stale::toString);
            assertTrue(stale.stream().allMatch(c -> c.source() == FlagCheck.Source.LOCAL), stale::toString);
            assertEquals(0, restChecks());

            long t0 = System.nanoTime();
            List<FlagCheck> uncached = s.checkFlags(List.of(), BETA, Map.of());
            assertTrue(millisSince(t0) < NO_WAIT_MS, "no wait for the socket");
            assertFalse(uncached.isEmpty());
            assertTrue(
                    uncached.stream().allMatch(c -> c.source() == FlagCheck.Source.API),
                    "beta is not cached: the API answers for all: " + uncached);
            assertEquals(1, restChecks());
        }
    }

    @Test
    void trackUpdatesTheCachedUsageOnlyWhileReady() throws Exception {
        Map<String, String> gamma = Map.of("id", "gamma");
        Map<String, String> delta = Map.of("id", "delta");
        ds.flag(flag("api-calls", false, metricRule("r3", "api-call", "lt", 100, "all_time", true)));
        ds.company(company("comp_3", gamma, metric("comp_3", "api-call", "all_time", 90)));
        ds.company(company("comp_4", delta, metric("comp_4", "api-call", "all_time", 90)));
        try (Schematic s = client()) {
            assertTrue(s.awaitReady(READY_WAIT));
            assertTrue(s.checkFlag("api-calls", gamma, Map.of()), "90 < 100");
            assertTrue(s.checkFlag("api-calls", delta, Map.of()), "90 < 100; delta is cached now");
            s.track("api-call", gamma, Map.of(), Map.of(), 20);
            FlagCheck ready = s.checkFlagDetailed("api-calls", gamma, Map.of());
            assertEquals(FlagCheck.Source.LOCAL, ready.source());
            assertFalse(ready.value(), "ready: 110 is not < 100");

            ds.stop();
            assertTrue(eventually(() -> s.dataStream().state() == DataStreamState.STALE));
            s.track("api-call", delta, Map.of(), Map.of(), 20);
            FlagCheck stale = s.checkFlagDetailed("api-calls", delta, Map.of());
            assertEquals(FlagCheck.Source.LOCAL, stale.source());
            assertTrue(stale.value(), "stale: the cached usage is left as it was (90)");
        }
    }

    @Test
    void stoppedForGoodEveryCheckGoesToTheApi() throws Exception {
        try (Schematic s = client()) {
            assertTrue(s.awaitReady(READY_WAIT));
            assertEquals(
                    FlagCheck.Source.LOCAL,
                    s.checkFlagDetailed("new-ui", ACME, Map.of()).source());
            ds.disconnectAll(4001, "unauthorized");
            assertTrue(eventually(() -> s.dataStream().state() == DataStreamState.ERROR), s.dataStream()::toString);
            assertFalse(s.dataStream().answersLocally());
            FlagCheck c = s.checkFlagDetailed("new-ui", ACME, Map.of());
            assertEquals(FlagCheck.Source.API, c.source(), "the cache is no longer kept current: " + c);
            assertEquals(
                    HealthCheckResponse.Status.DOWN,
                    DataStreamHealthCheck.response(s.dataStream()).getStatus());
        }
    }
}
