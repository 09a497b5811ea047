package dev.schematic.internal.datastream;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.DataStreamState;
import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import dev.schematic.testkit.CapturedEvent;
import dev.schematic.testkit.FakeDataStream;
import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks answered locally from the DataStream, through the facade (sync and async). */
class LocalCheckTest {
    static final Map<String, String> ACME = Map.of("id", "acme");
    static final Map<String, String> ADA = Map.of("email", "ada@acme.io");

    FakeSchematic fake;
    FakeDataStream ds;

    @BeforeEach
    void start() {
        fake = FakeSchematic.start();
        ds = fake.dataStream();
        ds.flag(flag("new-ui", false, companyOverride("r1", "comp_1", true)));
        ds.flag(flag("beta", true, userRule("r2", "user_1", false)));
        ds.flag(flag("api-calls", false, metricRule("r3", "api-call", "lt", 100, "all_time", true)));
        ds.company(company("comp_1", ACME, metric("comp_1", "api-call", "all_time", 42)));
        ds.user(user("user_1", ADA));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private int apiChecks() {
        return fake.requests("POST", "/flags/").size();
    }

    @Test
    void aReadyClientEvaluatesLocallyWithoutAnyApiRequest() {
        try (Schematic s = LocalClients.against(fake).build()) {
            assertTrue(s.awaitReady(Duration.ofSeconds(10)), () -> "not ready: " + s.dataStream());
            assertTrue(s.isReady());
            FlagCheck c = s.checkFlagDetailed("new-ui", ACME, Map.of());
            assertEquals(FlagCheck.Source.LOCAL, c.source(), c::toString);
            assertTrue(c.value());
            assertEquals("r1", c.ruleId());
            assertEquals("comp_1", c.companyId());
            assertEquals("flag_new-ui", c.flagId());
            assertFalse(s.checkFlag("beta", ACME, ADA));
            assertTrue(s.checkFlag("beta"));
            assertTrue(s.checkFlag("api-calls", ACME, Map.of()));
            assertEquals(0, apiChecks(), "no REST check requests");
            assertEquals(1, ds.requests("rulesengine.Company").size(), "the company was fetched once");
            assertEquals(DataStreamState.READY, s.dataStream().state());
        }
    }

    @Test
    void theHandshakeCarriesTheApiKeyAndClientHeaders() {
        try (Schematic s = LocalClients.against(fake).build()) {
            assertTrue(s.awaitReady(Duration.ofSeconds(10)));
        }
        Map<String, List<String>> h = ds.handshakes().get(0);
        assertEquals(List.of(LocalClients.API_KEY), h.get("X-Schematic-Api-Key"));
        assertEquals(List.of("direct"), h.get("X-Schematic-Datastream-Mode"));
        assertEquals(List.of("schematic-jakarta"), h.get("X-Schematic-Client"));
        assertNotNull(h.get("X-Schematic-Client-Version"));
        assertEquals("start", ds.requests("rulesengine.Flags").get(0).getString("action"));
    }

    @Test
    void localChecksSendFlagCheckEvents() {
        try (Schematic s = LocalClients.against(fake).build()) {
            assertTrue(s.awaitReady(Duration.ofSeconds(10)));
            s.checkFlag("new-ui", ACME, ADA);
        }
        List<CapturedEvent> events = fake.awaitEvents("flag_check", 1, Duration.ofSeconds(5));
        var body = events.get(0).body();
        assertEquals("new-ui", body.getString("flag_key"));
        assertTrue(body.getBoolean("value"));
        assertEquals("flag_new-ui", body.getString("flag_id"));
        assertEquals("r1", body.getString("rule_id"));
        assertEquals("comp_1", body.getString("company_id"));
        assertEquals("user_1", body.getString("user_id"));
        assertEquals("acme", body.getJsonObject("req_company").getString("id"));
        assertEquals("ada@acme.io", body.getJsonObject("req_user").getString("email"));
        assertTrue(body.getString("reason").startsWith("Matched"), body::toString);
    }

    @Test
    void aFlagPushedMidRunChangesTheNextCheck() throws Exception {
        try (Schematic s = LocalClients.against(fake).build()) {
            assertTrue(s.awaitReady(Duration.ofSeconds(10)));
            assertFalse(s.checkFlag("new-ui", Map.of("id", "other"), Map.of()) && false);
            assertTrue(s.checkFlag("new-ui", ACME, Map.of()));
            ds.flag(flag("new-ui", false, companyOverride("r1", "comp_1", false)));
            assertTrue(eventually(() -> !s.checkFlag("new-ui", ACME, Map.of())));
            ds.removeFlag("new-ui");
            assertTrue(eventually(
                    () -> s.checkFlagDetailed("new-ui", ACME, Map.of()).source() != FlagCheck.Source.LOCAL));
        }
    }

    @Test
    void trackQuantityChangesAMetricBasedCheck() {
        try (Schematic s = LocalClients.against(fake).build()) {
            assertTrue(s.awaitReady(Duration.ofSeconds(10)));
            assertTrue(s.checkFlag("api-calls", ACME, Map.of()), "42 < 100");
            s.track("api-call", ACME, Map.of(), Map.of(), 50);
            assertTrue(s.checkFlag("api-calls", ACME, Map.of()), "92 < 100");
            s.track("api-call", ACME, Map.of(), Map.of(), 8);
            FlagCheck c = s.checkFlagDetailed("api-calls", ACME, Map.of());
            assertFalse(c.value(), () -> "100 is not < 100: " + c);
            assertEquals(FlagCheck.Source.LOCAL, c.source());
        }
    }

    @Test
    void theAsyncClientChecksLocallyToo() throws Exception {
        try (Schematic s = LocalClients.against(fake).build()) {
            assertTrue(s.async()
                    .awaitReady(Duration.ofSeconds(10))
                    .toCompletableFuture()
                    .get(15, TimeUnit.SECONDS));
            assertTrue(s.async().isReady());
            FlagCheck c = s.async()
                    .checkFlagDetailed("new-ui", ACME, Map.of(), dev.schematic.CheckOptions.NONE)
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertEquals(FlagCheck.Source.LOCAL, c.source());
            assertTrue(c.value());
            s.async()
                    .track(dev.schematic.Track.event("api-call")
                            .company(ACME)
                            .quantity(60)
                            .build())
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertFalse(s.async()
                    .checkFlag("api-calls", ACME, Map.of())
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS));
            assertEquals(0, apiChecks());
        }
    }

    @Test
    void bulkChecksAreLocalWhenEveryFlagIs() {
        try (Schematic s = LocalClients.against(fake).build()) {
            assertTrue(s.awaitReady(Duration.ofSeconds(10)));
            List<FlagCheck> all = s.checkFlags(List.of("new-ui", "beta"), ACME, ADA);
            assertEquals(
                    List.of(true, false), all.stream().map(FlagCheck::value).toList());
            assertTrue(all.stream().allMatch(c -> c.source() == FlagCheck.Source.LOCAL));
        }
    }

    @Test
    void checksBeforeReadyAndForUnknownFlagsUseTheApi() {
        fake.flag("only-in-api").defaultValue(true);
        ds.answerFlagRequests(false);
        try (Schematic s = LocalClients.against(fake).build()) {
            FlagCheck before = s.checkFlagDetailed("new-ui", ACME, Map.of());
            assertEquals(FlagCheck.Source.DEFAULT, before.source(), "the fake API has no new-ui flag: " + before);
            assertFalse(s.awaitReady(Duration.ofMillis(300)));
            assertEquals(DataStreamState.CONNECTING, s.dataStream().state());
            ds.sendFlagsSnapshot();
            assertTrue(s.awaitReady(Duration.ofSeconds(10)));
            FlagCheck api = s.checkFlagDetailed("only-in-api", ACME, Map.of());
            assertEquals(FlagCheck.Source.API, api.source());
            assertTrue(api.value());
        }
    }

    static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }
}
