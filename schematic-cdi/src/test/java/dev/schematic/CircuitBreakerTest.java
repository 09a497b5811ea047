package dev.schematic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.CircuitBreakerStatus.State;
import dev.schematic.internal.health.DataStreamHealthCheck;
import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The circuit breaker on the API path of flag checks, against the test kit's fake with injected failures. */
class CircuitBreakerTest {
    static final Duration OPEN = Duration.ofMillis(400);
    static final Map<String, String> ACME = Map.of("id", "acme");

    FakeSchematic fake;
    final List<String> logLines = new CopyOnWriteArrayList<>();
    final Logger breakerLog = Logger.getLogger("dev.schematic.internal.flags.CircuitBreaker");
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logLines.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void start() {
        fake = FakeSchematic.start();
        fake.flag("new-ui").defaultValue(true);
        breakerLog.addHandler(capture);
    }

    @AfterEach
    void stop() {
        breakerLog.removeHandler(capture);
        fake.close();
    }

    private Schematic client() {
        return Clients.against(fake)
                .cacheEnabled(false)
                .maxRetries(0)
                .circuitBreakerFailureThreshold(3)
                .circuitBreakerOpenDuration(OPEN)
                .build();
    }

    private int apiCalls() {
        return fake.requests("POST", "/flags/new-ui/check").size();
    }

    @Test
    void closedOpenHalfOpenClosedWithTheApiCallsCounted() throws Exception {
        try (Schematic s = client()) {
            assertEquals(State.CLOSED, s.circuitBreaker().state());
            fake.failNext("/flags", 3, 503);
            for (int i = 0; i < 3; i++) {
                assertEquals(
                        FlagCheck.Source.DEFAULT,
                        s.checkFlagDetailed("new-ui", ACME, Map.of()).source());
            }
            assertEquals(3, apiCalls());
            CircuitBreakerStatus open = s.circuitBreaker();
            assertEquals(State.OPEN, open.state());
            assertEquals(1, open.timesOpened());
            assertTrue(
                    open.lastFailure().contains("503") || open.lastFailure().contains("Service Unavailable"),
                    open.lastFailure());

            // open: checks answer at once and nothing reaches the server
            for (int i = 0; i < 20; i++) {
                FlagCheck c = s.checkFlagDetailed("new-ui", ACME, Map.of());
                assertEquals(FlagCheck.Source.DEFAULT, c.source());
                assertTrue(c.reason().contains("circuit breaker open"), c.reason());
            }
            assertEquals(3, apiCalls(), "no request while open");

            // half-open: one probe (on a thread of its own; its caller waits at most a moment); it fails, so the
            // breaker opens again
            Thread.sleep(OPEN.toMillis() + 150);
            fake.failNext("/flags", 1, 502);
            assertEquals(
                    FlagCheck.Source.DEFAULT,
                    s.checkFlagDetailed("new-ui", ACME, Map.of()).source());
            StaleWhileRevalidateTest.await(
                    "the probe failed", () -> s.circuitBreaker().state() == State.OPEN);
            assertEquals(4, apiCalls(), "the probe");
            s.checkFlagDetailed("new-ui", ACME, Map.of());
            assertEquals(4, apiCalls(), "open again");

            // the next probe succeeds: closed (its caller got the answer, or the default if the API took longer
            // than its short wait), and checks call the API again
            Thread.sleep(OPEN.toMillis() + 150);
            FlagCheck probe = s.checkFlagDetailed("new-ui", ACME, Map.of());
            assertTrue(probe.source() == FlagCheck.Source.API || probe.error().contains("half-open"), probe.toString());
            StaleWhileRevalidateTest.await(
                    "the probe closed it", () -> s.circuitBreaker().state() == State.CLOSED);
            assertEquals(5, apiCalls());
            assertEquals(
                    FlagCheck.Source.API,
                    s.checkFlagDetailed("new-ui", ACME, Map.of()).source());
            assertEquals(6, apiCalls());
            assertEquals(1, s.circuitBreaker().timesOpened());

            // one line per state change (open, half-open, open again, half-open, closed), none per check
            assertEquals(5, logLines.size(), logLines.toString());
            assertTrue(
                    logLines.get(0).startsWith("WARNING") && logLines.get(0).contains("open after 3"), logLines.get(0));
            assertTrue(logLines.get(1).contains("half-open"), logLines.get(1));
            assertTrue(logLines.get(2).contains("open again"), logLines.get(2));
            assertTrue(logLines.get(3).contains("half-open"), logLines.get(3));
            assertTrue(logLines.get(4).contains("closed"), logLines.get(4));
        }
    }

    @Test
    void halfOpenLetsOneProbeThroughAtATime() throws Exception {
        try (Schematic s = client()) {
            fake.failNext("/flags", 3, 500);
            for (int i = 0; i < 3; i++) {
                s.checkFlag("new-ui", ACME, Map.of());
            }
            assertEquals(State.OPEN, s.circuitBreaker().state());
            Thread.sleep(OPEN.toMillis() + 150);
            fake.delay("/flags", Duration.ofMillis(600));
            ExecutorService pool = Executors.newFixedThreadPool(9);
            // the probe's caller does not wait for the slow API: it answers with the default, saying why
            FlagCheck probe = s.checkFlagDetailed("new-ui", ACME, Map.of());
            assertEquals(FlagCheck.Source.DEFAULT, probe.source());
            assertTrue(probe.error().contains("half-open"), probe.error());
            fake.awaitRequests("POST", "/flags/new-ui/check", 4, Duration.ofSeconds(5));
            assertEquals(State.HALF_OPEN, s.circuitBreaker().state());
            int threads = 8;
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<FlagCheck>> others = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                others.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                go.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return s.checkFlagDetailed("new-ui", ACME, Map.of());
                        },
                        pool));
            }
            go.countDown();
            for (CompletableFuture<FlagCheck> f : others) {
                FlagCheck c = f.get(5, TimeUnit.SECONDS);
                assertEquals(FlagCheck.Source.DEFAULT, c.source(), "answered at once while the probe is out");
            }
            StaleWhileRevalidateTest.await(
                    "the probe closed it", () -> s.circuitBreaker().state() == State.CLOSED);
            assertEquals(4, apiCalls(), "three failures and one probe");
            assertEquals(
                    FlagCheck.Source.API,
                    s.checkFlagDetailed("new-ui", ACME, Map.of()).source());
            pool.shutdown();
        }
    }

    @Test
    void timeoutsAnswered408CountAndRateLimits429CountNeitherWay() {
        try (Schematic s = client()) {
            fake.failNext("/flags", 2, 503);
            fake.failNext("/flags", 5, 429);
            for (int i = 0; i < 7; i++) {
                s.checkFlag("new-ui", ACME, Map.of());
            }
            assertEquals(State.CLOSED, s.circuitBreaker().state());
            assertEquals(2, s.circuitBreaker().consecutiveFailures(), "429 neither adds nor resets");
            fake.failNext("/flags", 1, 408);
            s.checkFlag("new-ui", ACME, Map.of());
            assertEquals(State.OPEN, s.circuitBreaker().state(), "the third failure in a row");
        }
    }

    @Test
    void clientErrorsAndNotFoundDoNotOpenTheBreakerAndResetTheCount() {
        try (Schematic s = client()) {
            fake.failNext("/flags", 2, 503);
            s.checkFlag("new-ui", ACME, Map.of());
            s.checkFlag("new-ui", ACME, Map.of());
            assertEquals(2, s.circuitBreaker().consecutiveFailures());
            fake.failNext("/flags", 5, 400);
            for (int i = 0; i < 5; i++) {
                s.checkFlag("new-ui", ACME, Map.of());
            }
            for (int i = 0; i < 5; i++) {
                s.checkFlag("no-such-flag", ACME, Map.of());
            }
            assertEquals(State.CLOSED, s.circuitBreaker().state());
            assertEquals(0, s.circuitBreaker().consecutiveFailures());
        }
    }

    @Test
    void aThresholdOfZeroTurnsTheBreakerOff() {
        try (Schematic s = Clients.against(fake)
                .cacheEnabled(false)
                .maxRetries(0)
                .circuitBreakerFailureThreshold(0)
                .build()) {
            fake.failNext("/flags", 10, 503);
            for (int i = 0; i < 10; i++) {
                s.checkFlag("new-ui", ACME, Map.of());
            }
            assertEquals(10, apiCalls());
            assertEquals(State.CLOSED, s.circuitBreaker().state());
        }
    }

    @Test
    void theReadinessCheckShowsTheBreakerAndStaysUp() {
        try (Schematic s = client()) {
            fake.failNext("/flags", 3, 503);
            for (int i = 0; i < 3; i++) {
                s.checkFlag("new-ui", ACME, Map.of());
            }
            HealthCheckResponse r = DataStreamHealthCheck.response(s.dataStream(), s.circuitBreaker());
            assertEquals(HealthCheckResponse.Status.UP, r.getStatus());
            Map<String, Object> data = r.getData().orElseThrow();
            assertEquals("open", data.get("apiCircuit"));
            assertEquals(1L, ((Number) data.get("apiCircuitOpened")).longValue());
            assertTrue(data.containsKey("apiCircuitLastFailure"));
            assertEquals("disabled", data.get("state"), "the DataStream part is unchanged");
        }
        HealthCheckResponse plain =
                DataStreamHealthCheck.response(DataStreamStatus.DISABLED, CircuitBreakerStatus.closed());
        assertEquals("closed", plain.getData().orElseThrow().get("apiCircuit"));
        assertFalse(plain.getData().orElseThrow().containsKey("apiCircuitLastFailure"));
        assertNull(CircuitBreakerStatus.closed().probeAfter());
    }
}
