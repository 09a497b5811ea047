package dev.schematic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.CircuitBreakerStatus.State;
import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stale-while-revalidate and the half-open probe in the background (docs/flag-checks.md): a check whose cached answer
 * is past its TTL, or that becomes the breaker's probe, does not wait on a slow or hung API; one refresh per key runs
 * on a thread of its own and its answer is served by the next check. Against the test kit's fake (slow responses) and
 * a raw socket that accepts and never answers. Waits are bounded with generous slack: promise tests, not benchmarks.
 */
class StaleWhileRevalidateTest {
    static final Duration TTL = Duration.ofMillis(300);
    static final Map<String, String> ACME = Map.of("id", "acme");

    FakeSchematic fake;

    @BeforeEach
    void start() {
        fake = FakeSchematic.start();
        fake.flag("paid-feature").defaultValue(false).forCompany(ACME, true);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private SchematicBuilder builder() {
        return Clients.against(fake)
                .maxRetries(0)
                .cacheTtl(TTL)
                .cacheMaxStale(Duration.ofMinutes(1))
                .circuitBreakerFailureThreshold(0);
    }

    private int checkCalls() {
        return fake.requests("POST", "/flags/paid-feature/check").size();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void anAnswerPastItsTtlIsServedAtOnceWhileOneRefreshPerKeyRuns() throws Exception {
        try (Schematic s = builder().build()) {
            s.start();
            assertEquals(
                    FlagCheck.Source.API,
                    s.checkFlagDetailed("paid-feature", ACME, Map.of()).source());
            Thread.sleep(TTL.toMillis() + 100);
            fake.flag("paid-feature").clearRules(); // the API's answer is now false
            fake.delay("/flags", Duration.ofMillis(1500)); // slower than any check would wait
            ExecutorService pool = Executors.newFixedThreadPool(10);
            List<CompletableFuture<FlagCheck>> checks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                checks.add(
                        CompletableFuture.supplyAsync(() -> s.checkFlagDetailed("paid-feature", ACME, Map.of()), pool));
            }
            for (CompletableFuture<FlagCheck> f : checks) {
                // well before the API's 1.5 s answer: no caller waited for it
                FlagCheck c = f.get(1, TimeUnit.SECONDS);
                assertEquals(FlagCheck.Source.STALE, c.source());
                assertTrue(c.value(), "the cached answer");
                assertTrue(c.error().contains("refreshing in the background"), c.error());
            }
            pool.shutdown();
            assertEquals(2, checkCalls(), "the first check and one refresh for ten stale checks");

            // the refresh's answer is cached: the next check serves it as a fresh hit, without another call
            await("the refresh cached the API's new answer", () -> !s.checkFlag("paid-feature", ACME, Map.of()));
            FlagCheck after = s.checkFlagDetailed("paid-feature", ACME, Map.of());
            assertEquals(FlagCheck.Source.CACHE, after.source());
            assertFalse(after.value());
            assertEquals(2, checkCalls());
        }
    }

    @Test
    void whileTheApiWorksTheNewAnswerArrivesWithTheRefresh() throws Exception {
        try (Schematic s = builder().build()) {
            s.start();
            assertTrue(s.checkFlag("paid-feature", ACME, Map.of()));
            fake.flag("paid-feature").clearRules();
            Thread.sleep(TTL.toMillis() + 100);
            FlagCheck first = s.checkFlagDetailed("paid-feature", ACME, Map.of());
            // the API answered within the check's short wait (the new answer), or the check served the cached one
            // while the refresh ran: never a default
            assertTrue(
                    (first.source() == FlagCheck.Source.API && !first.value())
                            || (first.source() == FlagCheck.Source.STALE && first.value()),
                    first.toString());
            await("the new answer", () -> !s.checkFlag("paid-feature", ACME, Map.of()));
        }
    }

    @Test
    void withTheApiHungAQueueOfRefreshesStopsCallingOnceTheBreakerOpens() throws Exception {
        List<Map<String, String>> companies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Map<String, String> c = new HashMap<>();
            c.put("id", "c" + i);
            companies.add(c);
        }
        try (Schematic s = builder()
                .checksDeadline(Duration.ofMillis(300))
                .circuitBreakerFailureThreshold(3)
                .circuitBreakerOpenDuration(Duration.ofMinutes(5))
                .build()) {
            s.start();
            for (Map<String, String> c : companies) {
                // cached first, with a deadline a loaded machine cannot miss
                FlagCheck first = s.checkFlagDetailed(
                        "paid-feature",
                        EvaluationContext.of(c, Map.of()),
                        CheckOptions.timeout(Duration.ofSeconds(10)));
                assertEquals(FlagCheck.Source.API, first.source(), first::toString);
            }
            assertEquals(100, checkCalls());
            Thread.sleep(TTL.toMillis() + 100);
            fake.delay("/flags", Duration.ofSeconds(3)); // each call times out at the 300 ms deadline
            for (Map<String, String> c : companies) {
                FlagCheck check = s.checkFlagDetailed("paid-feature", c, Map.of());
                assertEquals(FlagCheck.Source.STALE, check.source(), "every company keeps its cached answer");
            }
            await("the breaker opened", () -> s.circuitBreaker().state() == State.OPEN);
            Thread.sleep(800); // any refresh still queued would have been sent by now
            int refreshes = checkCalls() - 100;
            // 8 threads run refreshes; once 3 have timed out the breaker is open and the queued ones are dropped
            assertTrue(refreshes >= 3 && refreshes <= 16, "refresh calls sent: " + refreshes + " of 100 stale checks");
            FlagCheck open = s.checkFlagDetailed("paid-feature", companies.get(50), Map.of());
            assertEquals(FlagCheck.Source.STALE, open.source());
            assertTrue(open.error().contains("circuit breaker open"), open.error());
        }
    }

    @Test
    void onAHungServerTheHalfOpenProbeDoesNotHoldItsCaller() throws Exception {
        try (CheckDeadlineTest.HungServer hung = new CheckDeadlineTest.HungServer();
                Schematic s = Schematic.builder()
                        .apiKey(Clients.API_KEY)
                        .baseUrl(hung.url())
                        .eventCaptureUrl(hung.url())
                        .checksDeadline(Duration.ofMillis(400))
                        .maxRetries(0)
                        .circuitBreakerFailureThreshold(2)
                        .circuitBreakerOpenDuration(Duration.ofMillis(300))
                        .build()) {
            // nothing cached: the first checks wait their deadline, then the breaker opens
            for (int i = 0; i < 2; i++) {
                assertEquals(
                        FlagCheck.Source.DEFAULT,
                        s.checkFlagDetailed("paid-feature", ACME, Map.of()).source());
            }
            assertEquals(State.OPEN, s.circuitBreaker().state());
            int accepted = hung.accepted.get();
            FlagCheck open = s.checkFlagDetailed("paid-feature", ACME, Map.of());
            assertTrue(open.error().contains("circuit breaker open"), open.error());
            assertEquals(accepted, hung.accepted.get(), "no connection while open");

            Thread.sleep(400);
            long start = System.nanoTime();
            FlagCheck probing = s.checkFlagDetailed("paid-feature", ACME, Map.of());
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(FlagCheck.Source.DEFAULT, probing.source());
            assertTrue(probing.error().contains("half-open"), probing.error());
            assertTrue(tookMs < 400, "the probe's caller did not wait the 400 ms deadline: " + tookMs + " ms");
            assertEquals(State.HALF_OPEN, s.circuitBreaker().state());
            FlagCheck other = s.checkFlagDetailed("paid-feature", ACME, Map.of());
            assertEquals(FlagCheck.Source.DEFAULT, other.source(), "everyone else answers at once");
            // the probe times out on its own thread and opens the breaker again
            await("open again", () -> s.circuitBreaker().state() == State.OPEN);
            assertEquals(1, s.circuitBreaker().timesOpened());
        }
    }
}
