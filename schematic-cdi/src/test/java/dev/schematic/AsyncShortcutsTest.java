package dev.schematic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.testkit.CapturedEvent;
import dev.schematic.testkit.FakeSchematic;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The async client has every shortcut of the sync one, and its checks never complete exceptionally (issue 14). */
class AsyncShortcutsTest {
    /** Sync methods that have no async twin on purpose (lifecycle, the typed API, which {@code api(…)} covers). */
    private static final Set<String> SYNC_ONLY =
            Set.of("close", "start", "async", "config", "withOptions", "builder", "flush", "awaitReady");

    @Test
    void everyShortcutOfTheSyncClientHasAnAsyncTwin() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Method m : Schematic.class.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || SYNC_ONLY.contains(m.getName())) {
                continue;
            }
            try {
                AsyncSchematic.class.getMethod(m.getName(), m.getParameterTypes());
            } catch (NoSuchMethodException e) {
                missing.add(m.getName() + Arrays.toString(m.getParameterTypes()));
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void contextShortcutsReachTheServerWithCompanyAndUserApart() throws Exception {
        try (FakeSchematic fake = FakeSchematic.start();
                Schematic s = Clients.against(fake).build()) {
            fake.flag("new-editor").defaultValue(false).forCompany(Map.of("id", "acme"), true);
            EvaluationContext who = EvaluationContext.company("id", "acme").withUser("email", "ada@acme.io");
            AsyncSchematic async = s.async();
            assertTrue(async.checkFlag("new-editor", who).toCompletableFuture().get(30, TimeUnit.SECONDS));
            assertFalse(async.checkFlag("new-editor").toCompletableFuture().get(30, TimeUnit.SECONDS));
            async.track("api-call", who, 3).toCompletableFuture().get(5, TimeUnit.SECONDS);
            async.identify(who, "Ada", Map.of("seats", 12))
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            s.track("export", EvaluationContext.company("id", null), 1); // a missing header: still no exception
            List<CapturedEvent> tracks = fake.awaitEvents("track", 2, Duration.ofSeconds(10));
            CapturedEvent apiCall = tracks.stream()
                    .filter(e -> "api-call".equals(e.eventName()))
                    .findFirst()
                    .orElseThrow();
            assertEquals(Map.of("id", "acme"), apiCall.companyKeys());
            assertEquals(Map.of("email", "ada@acme.io"), apiCall.userKeys());
            assertEquals(3, apiCall.body().getJsonNumber("quantity").longValue());
            CapturedEvent identify =
                    fake.awaitEvents("identify", 1, Duration.ofSeconds(10)).get(0);
            assertEquals(Map.of("email", "ada@acme.io"), identify.userKeys());
        }
    }

    @Test
    void anAsyncCheckAgainstAnUnreachableApiCompletesWithTheDefault() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (Schematic s = Schematic.builder()
                .apiKey("sch_dev_x")
                .baseUrl("http://127.0.0.1:" + port)
                .offline(false)
                .flagDefault("f", true)
                .checksDeadline(Duration.ofSeconds(2))
                .build()) {
            FlagCheck c = s.async()
                    .checkFlagDetailed("f", EvaluationContext.company("id", "acme"))
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS); // would throw ExecutionException if it completed exceptionally
            assertTrue(c.value());
            assertEquals(FlagCheck.Source.DEFAULT, c.source());
        }
    }
}
