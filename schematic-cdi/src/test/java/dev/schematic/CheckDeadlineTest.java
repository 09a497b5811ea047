package dev.schematic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.internal.config.Catalogue;
import dev.schematic.internal.config.SchematicConfig;
import dev.schematic.testkit.FakeSchematic;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The promise of docs/flag-checks.md: a check returns within its deadline, retries and {@code Retry-After} waits
 * included, however the server behaves; with the breaker open it costs nothing. Upper bounds carry a generous slack
 * (deadline + 1 s): these are promise tests, not benchmarks.
 */
class CheckDeadlineTest {
    static final Duration DEADLINE = Duration.ofMillis(500);
    static final long SLACK_MS = 1000;
    static final Map<String, String> ACME = Map.of("id", "acme");

    /** Accepts connections and never answers. */
    static final class HungServer implements AutoCloseable {
        final ServerSocket server;
        final AtomicInteger accepted = new AtomicInteger();
        final List<Socket> sockets = new CopyOnWriteArrayList<>();

        HungServer() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        sockets.add(server.accept());
                        accepted.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    private static SchematicBuilder against(String url) {
        return Schematic.builder()
                .apiKey(Clients.API_KEY)
                .baseUrl(url)
                .eventCaptureUrl(url)
                .checksDeadline(DEADLINE)
                .maxRetries(2)
                .retryBackoff(Duration.ofMillis(100));
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Test
    void aHungServerCostsACheckNoMoreThanItsDeadline() throws Exception {
        try (HungServer hung = new HungServer();
                Schematic s = against(hung.url()).flagDefault("new-ui", true).build()) {
            long start = System.nanoTime();
            FlagCheck check = s.checkFlagDetailed("new-ui", ACME, Map.of());
            long took = millisSince(start);
            assertTrue(took < DEADLINE.toMillis() + SLACK_MS, "took " + took + " ms");
            assertEquals(FlagCheck.Source.DEFAULT, check.source());
            assertTrue(check.value(), "the configured default");
            assertTrue(hung.accepted.get() >= 1, "the check did reach the hung server");
        }
    }

    @Test
    void aHungServerCostsASeveralFlagsCheckNoMoreThanItsDeadline() throws Exception {
        try (HungServer hung = new HungServer();
                Schematic s = against(hung.url()).build()) {
            long start = System.nanoTime();
            List<FlagCheck> checks = s.checkFlags(List.of("a", "b"), ACME, Map.of());
            long took = millisSince(start);
            assertTrue(took < DEADLINE.toMillis() + SLACK_MS, "took " + took + " ms");
            assertEquals(2, checks.size());
            assertEquals(FlagCheck.Source.DEFAULT, checks.get(0).source());
        }
    }

    @Test
    void thePerCheckTimeoutIsTheWholeCallDeadline() throws Exception {
        try (HungServer hung = new HungServer();
                Schematic s = against(hung.url())
                        .checksDeadline(Duration.ofSeconds(30))
                        .build()) {
            long start = System.nanoTime();
            FlagCheck check = s.checkFlagDetailed(
                    "new-ui",
                    ACME,
                    Map.of(),
                    CheckOptions.timeout(Duration.ofMillis(300)).withDefaultValue(true));
            long took = millisSince(start);
            assertTrue(took < 300 + SLACK_MS, "took " + took + " ms");
            assertTrue(check.value());
        }
    }

    @Test
    void withTheBreakerOpenAHungServerCostsNothingAndSeesNoConnection() throws Exception {
        try (HungServer hung = new HungServer();
                Schematic s = against(hung.url())
                        .circuitBreakerFailureThreshold(2)
                        .circuitBreakerOpenDuration(Duration.ofMinutes(5))
                        .build()) {
            s.checkFlag("new-ui", ACME, Map.of());
            s.checkFlag("new-ui", ACME, Map.of());
            assertEquals(CircuitBreakerStatus.State.OPEN, s.circuitBreaker().state());
            int seen = hung.accepted.get();
            long start = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                FlagCheck c = s.checkFlagDetailed("new-ui", ACME, Map.of());
                assertTrue(c.reason().contains("circuit breaker open"), c.reason());
            }
            long took = millisSince(start);
            assertTrue(took < SLACK_MS, "50 checks took " + took + " ms");
            Thread.sleep(100);
            assertEquals(seen, hung.accepted.get(), "no connection while open");
        }
    }

    @Test
    void refusedConnectionsAreRetriedOnlyInsideTheDeadline() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        // the default backoff (1 s, then 2 s) does not fit in 500 ms: no retry waits, the check fails fast
        try (Schematic s = against("http://127.0.0.1:" + port)
                .retryBackoff(Duration.ofSeconds(1))
                .build()) {
            long start = System.nanoTime();
            FlagCheck check = s.checkFlagDetailed("new-ui", ACME, Map.of());
            long took = millisSince(start);
            assertTrue(took < DEADLINE.toMillis() + SLACK_MS, "took " + took + " ms");
            assertEquals(FlagCheck.Source.DEFAULT, check.source());
            assertFalse(check.value());
        }
    }

    @Test
    void aRetryAfterLongerThanTheDeadlineIsNotWaitedFor() {
        try (FakeSchematic fake = FakeSchematic.start()) {
            fake.flag("new-ui").defaultValue(true);
            fake.failNext("/flags", 3, 503, "30");
            try (Schematic s = against(fake.baseUrl()).cacheEnabled(false).build()) {
                long start = System.nanoTime();
                FlagCheck check = s.checkFlagDetailed("new-ui", ACME, Map.of());
                long took = millisSince(start);
                assertTrue(took < DEADLINE.toMillis() + SLACK_MS, "took " + took + " ms");
                assertEquals(FlagCheck.Source.DEFAULT, check.source());
                assertEquals(1, fake.requests("POST", "/flags/new-ui/check").size(), "no retry after the deadline");
            }
        }
    }

    @Test
    void aShortRetryAfterInsideTheDeadlineIsWaitedForAndRetried() {
        try (FakeSchematic fake = FakeSchematic.start()) {
            fake.flag("new-ui").defaultValue(true);
            fake.failNext("/flags", 1, 503, "1");
            try (Schematic s = against(fake.baseUrl())
                    .checksDeadline(Duration.ofSeconds(5))
                    .cacheEnabled(false)
                    .build()) {
                FlagCheck check = s.checkFlagDetailed("new-ui", ACME, Map.of());
                assertEquals(FlagCheck.Source.API, check.source());
                assertEquals(2, fake.requests("POST", "/flags/new-ui/check").size());
            }
        }
    }

    @Test
    void typedApiCallsKeepTheOfficialTimeoutAndRetries() {
        SchematicConfig c = SchematicConfig.read(Map.of(Catalogue.API_KEY.name(), Clients.API_KEY));
        assertEquals(Duration.ofSeconds(60), c.timeout());
        assertEquals(2, c.maxRetries());
        assertEquals(Duration.ofSeconds(10), c.connectTimeout());
        assertEquals(Duration.ofSeconds(1), c.checks().deadline());
        assertEquals(5, c.checks().failureThreshold());
        assertEquals(Duration.ofSeconds(10), c.checks().openDuration());
        assertEquals(Duration.ofMinutes(5), c.checks().maxStale());
    }
}
