package dev.schematic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stale-if-error: a cached answer outlives its TTL while the API fails (up to {@code schematic.cache.max-stale}), says
 * so in its source, reason and error, and turns into the default after that. The fake answers {@code true} for acme;
 * the client's default is {@code false}, so a real answer and a default cannot be confused.
 */
class StaleIfErrorTest {
    static final Duration TTL = Duration.ofMillis(300);
    static final Duration MAX_STALE = Duration.ofMillis(1500);
    static final Map<String, String> ACME = Map.of("id", "acme");

    FakeSchematic fake;

    @BeforeEach
    void start() {
        fake = FakeSchematic.start();
        fake.flag("paid-feature").defaultValue(false).forCompany(ACME, true);
        fake.flag("other").defaultValue(false).forCompany(ACME, true);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private SchematicBuilder builder() {
        return Clients.against(fake)
                .maxRetries(0)
                .cacheTtl(TTL)
                .cacheMaxStale(MAX_STALE)
                .circuitBreakerFailureThreshold(0);
    }

    private static void awaitCacheStarted(Schematic s) {
        s.start(); // starts the embedded cache, so the first answer is cached
    }

    @Test
    void theRealAnswerIsServedStaleAfterItsTtlWhileTheApiFailsThenTheDefault() throws Exception {
        try (Schematic s = builder().build()) {
            awaitCacheStarted(s);
            FlagCheck fresh = s.checkFlagDetailed("paid-feature", ACME, Map.of());
            assertEquals(FlagCheck.Source.API, fresh.source());
            assertTrue(fresh.value());
            Thread.sleep(TTL.toMillis() + 100);

            fake.failNext("/flags", 1000, 503);
            FlagCheck stale = s.checkFlagDetailed("paid-feature", ACME, Map.of());
            assertEquals(FlagCheck.Source.STALE, stale.source());
            assertTrue(stale.value(), "the real cached answer, not the default");
            assertTrue(stale.reason().contains("stale"), stale.reason());
            assertTrue(stale.error() != null && stale.error().contains("cached"), stale.error());
            assertEquals(fresh.ruleId(), stale.ruleId());

            Thread.sleep(TTL.plus(MAX_STALE).toMillis() + 200);
            FlagCheck tooOld = s.checkFlagDetailed("paid-feature", ACME, Map.of());
            assertEquals(FlagCheck.Source.DEFAULT, tooOld.source());
            assertFalse(tooOld.value());
        }
    }

    @Test
    void whileTheApiWorksAStaleAnswerLastsOneRefresh() throws Exception {
        try (Schematic s = builder().build()) {
            awaitCacheStarted(s);
            assertTrue(s.checkFlag("paid-feature", ACME, Map.of()));
            fake.flag("paid-feature").clearRules();
            Thread.sleep(TTL.toMillis() + 100);
            FlagCheck check = s.checkFlagDetailed("paid-feature", ACME, Map.of());
            // stale-while-revalidate: the new answer if the API gave it within the check's short wait, else the
            // cached one while the refresh runs
            assertTrue(
                    check.source() == FlagCheck.Source.API || check.source() == FlagCheck.Source.STALE,
                    check.toString());
            StaleWhileRevalidateTest.await("the API's new answer", () -> !s.checkFlag("paid-feature", ACME, Map.of()));
        }
    }

    @Test
    void refusedConnectionsServeStaleToo() throws Exception {
        try (Schematic s = builder().build()) {
            awaitCacheStarted(s);
            assertTrue(s.checkFlag("paid-feature", ACME, Map.of()));
            Thread.sleep(TTL.toMillis() + 100);
            fake.close(); // the port now refuses connections
            FlagCheck stale = s.checkFlagDetailed("paid-feature", ACME, Map.of());
            assertEquals(FlagCheck.Source.STALE, stale.source());
            assertTrue(stale.value());
        }
    }

    @Test
    void withTheBreakerOpenStaleAnswersComeWithoutARequest() throws Exception {
        try (Schematic s = builder()
                .circuitBreakerFailureThreshold(1)
                .circuitBreakerOpenDuration(Duration.ofMinutes(5))
                .build()) {
            awaitCacheStarted(s);
            assertTrue(s.checkFlag("paid-feature", ACME, Map.of()));
            Thread.sleep(TTL.toMillis() + 100);
            fake.failNext("/flags", 1, 502);
            assertEquals(
                    FlagCheck.Source.STALE,
                    s.checkFlagDetailed("paid-feature", ACME, Map.of()).source());
            awaitBreaker(s, CircuitBreakerStatus.State.OPEN); // the refresh fails on its own thread
            int calls = fake.requests("POST", "/flags").size();
            FlagCheck stale = s.checkFlagDetailed("paid-feature", ACME, Map.of());
            assertEquals(FlagCheck.Source.STALE, stale.source());
            assertTrue(stale.value());
            assertTrue(stale.error().contains("circuit breaker open"), stale.error());
            assertEquals(calls, fake.requests("POST", "/flags").size(), "no request while open");
        }
    }

    @Test
    void severalFlagsAreServedStalePerKey() throws Exception {
        try (Schematic s = builder().build()) {
            awaitCacheStarted(s);
            List<FlagCheck> fresh = s.checkFlags(List.of("paid-feature", "other"), ACME, Map.of());
            assertEquals(
                    List.of(true, true), fresh.stream().map(FlagCheck::value).toList());
            Thread.sleep(TTL.toMillis() + 100);
            fake.failNext("/flags", 10, 500);
            List<FlagCheck> stale = s.checkFlags(List.of("paid-feature", "other", "never-seen"), ACME, Map.of());
            assertEquals(FlagCheck.Source.STALE, stale.get(0).source());
            assertTrue(stale.get(0).value());
            assertEquals(FlagCheck.Source.STALE, stale.get(1).source());
            assertEquals(FlagCheck.Source.DEFAULT, stale.get(2).source());
        }
    }

    @Test
    void aMaxStaleOfZeroTurnsItOff() throws Exception {
        try (Schematic s = builder().cacheMaxStale(Duration.ZERO).build()) {
            awaitCacheStarted(s);
            assertTrue(s.checkFlag("paid-feature", ACME, Map.of()));
            Thread.sleep(TTL.toMillis() + 100);
            fake.failNext("/flags", 10, 503);
            FlagCheck check = s.checkFlagDetailed("paid-feature", ACME, Map.of());
            assertEquals(FlagCheck.Source.DEFAULT, check.source());
            assertFalse(check.value());
        }
    }
    /** Waits (at most 10 s) until the breaker is in {@code state}. */
    private static void awaitBreaker(Schematic s, CircuitBreakerStatus.State state) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (s.circuitBreaker().state() != state && System.nanoTime() - end < 0) {
            Thread.sleep(10);
        }
        assertEquals(state, s.circuitBreaker().state());
    }

    @Test
    void aHalfOpenProbeRunsInTheBackgroundWhileTheCallerGetsItsStaleAnswer() throws Exception {
        Duration open = Duration.ofSeconds(1); // longer than it takes to make the two checks of the half-open state
        Duration slow = Duration.ofSeconds(3);
        // a TTL with room for a loaded machine between the probe's cache write and the check that reads it
        try (Schematic s = builder()
                .cacheTtl(Duration.ofSeconds(3))
                .cacheMaxStale(Duration.ofMinutes(1))
                .circuitBreakerFailureThreshold(1)
                .circuitBreakerOpenDuration(open)
                .checksDeadline(Duration.ofSeconds(10))
                .build()) {
            awaitCacheStarted(s);
            assertTrue(s.checkFlag("paid-feature", ACME, Map.of()));
            Thread.sleep(3_100);
            fake.failNext("/flags", 1, 503);
            assertEquals(
                    FlagCheck.Source.STALE,
                    s.checkFlagDetailed("paid-feature", ACME, Map.of()).source());
            awaitBreaker(s, CircuitBreakerStatus.State.OPEN); // the refresh fails on its own thread

            Thread.sleep(open.toMillis() + 100);
            fake.delay("/flags", slow); // the API is back but slow: the probe takes 3 s
            long start = System.nanoTime();
            FlagCheck probing = s.checkFlagDetailed("paid-feature", ACME, Map.of());
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(FlagCheck.Source.STALE, probing.source());
            assertTrue(probing.value(), "the real cached answer");
            assertTrue(probing.error().contains("half-open"), probing.error());
            assertTrue(tookMs < slow.toMillis() / 2, "the caller did not wait for the probe: " + tookMs + " ms");
            assertEquals(
                    CircuitBreakerStatus.State.HALF_OPEN, s.circuitBreaker().state());
            FlagCheck meanwhile = s.checkFlagDetailed("paid-feature", ACME, Map.of());
            assertEquals(FlagCheck.Source.STALE, meanwhile.source(), "one probe at a time; the others answer stale");

            awaitBreaker(s, CircuitBreakerStatus.State.CLOSED);
            assertEquals(3, fake.requests("POST", "/flags/paid-feature/check").size(), "first, failed, probe");
            FlagCheck refreshed = s.checkFlagDetailed("paid-feature", ACME, Map.of());
            assertEquals(FlagCheck.Source.CACHE, refreshed.source(), "the probe's answer was cached");
            assertTrue(refreshed.value());
            assertEquals(3, fake.requests("POST", "/flags/paid-feature/check").size());
        }
    }

    @Test
    void aBackgroundProbeThatTimesOutOpensTheBreakerAgain() throws Exception {
        Duration open = Duration.ofMillis(300);
        try (Schematic s = builder()
                .circuitBreakerFailureThreshold(1)
                .circuitBreakerOpenDuration(open)
                .checksDeadline(Duration.ofMillis(500))
                .build()) {
            awaitCacheStarted(s);
            assertTrue(s.checkFlag("paid-feature", ACME, Map.of()));
            Thread.sleep(TTL.toMillis() + 100);
            fake.failNext("/flags", 1, 503);
            s.checkFlag("paid-feature", ACME, Map.of());
            awaitBreaker(s, CircuitBreakerStatus.State.OPEN); // the refresh fails on its own thread

            Thread.sleep(open.toMillis() + 100);
            fake.delay("/flags", Duration.ofSeconds(5)); // hung, as far as a 500 ms deadline can tell
            FlagCheck probing = s.checkFlagDetailed("paid-feature", ACME, Map.of());
            assertEquals(FlagCheck.Source.STALE, probing.source());
            assertTrue(probing.value());
            awaitBreaker(s, CircuitBreakerStatus.State.OPEN);
            CircuitBreakerStatus reopened = s.circuitBreaker();
            assertTrue(
                    reopened.lastFailure() != null
                            && reopened.lastFailure().toLowerCase(Locale.ROOT).contains("time"),
                    reopened.lastFailure());
            fake.delay("/flags", Duration.ZERO);
        }
    }
}
