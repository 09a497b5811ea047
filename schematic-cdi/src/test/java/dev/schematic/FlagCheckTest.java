package dev.schematic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FlagCheckTest {
    private static final Map<String, String> ACME = Map.of("id", "acme");
    private static final Map<String, String> GLOBEX = Map.of("id", "globex");
    private static final Map<String, String> ADA = Map.of("email", "ada@acme.io");

    FakeSchematic fake;

    @BeforeEach
    void startFake() {
        fake = FakeSchematic.start();
        fake.flag("new-ui").defaultValue(false).forCompany(ACME, true);
        fake.flag("beta").defaultValue(true).forUser(ADA, false);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private int checkRequests() {
        return fake.requests("POST", "/flags/").size();
    }

    @Test
    void checksAFlagForACompanyAndAUserOverTheApi() {
        try (Schematic s = Clients.against(fake).build()) {
            assertTrue(s.checkFlag("new-ui", ACME, Map.of()));
            assertFalse(s.checkFlag("new-ui", GLOBEX, Map.of()));
            assertFalse(s.checkFlag("beta", ACME, ADA));
            assertTrue(s.checkFlag("beta"));
        }
        var body = fake.requests("POST", "/flags/new-ui/check").get(0).bodyJson();
        assertEquals("acme", body.getJsonObject("company").getString("id"));
        assertFalse(body.containsKey("user") && !body.isNull("user"), "empty user keys are not sent: " + body);
    }

    @Test
    void sendsTheApiKeyAndSdkHeaders() {
        try (Schematic s = Clients.against(fake).build()) {
            s.checkFlag("new-ui", ACME, Map.of());
        }
        var request = fake.requests("POST", "/flags/new-ui/check").get(0);
        assertEquals(Clients.API_KEY, request.header("X-Schematic-Api-Key"));
        assertTrue(request.header("User-Agent").startsWith("schematic-jakarta/"), request.header("User-Agent"));
        assertEquals("JAVA", request.header("X-Fern-Language"));
        assertTrue(request.header("Content-Type").startsWith("application/json"));
    }

    @Test
    void theDetailedCheckCarriesReasonRuleAndSource() {
        try (Schematic s = Clients.against(fake).build()) {
            FlagCheck check = s.checkFlagDetailed("new-ui", ACME, Map.of());
            assertTrue(check.value());
            assertEquals("new-ui", check.flag());
            assertEquals("flag_new-ui", check.flagId());
            assertEquals("company_override", check.ruleType());
            assertTrue(check.reason().startsWith("Matched"), check.reason());
            assertEquals(FlagCheck.Source.API, check.source());
            assertNull(check.error());
        }
    }

    @Test
    void aRepeatedCheckIsAnsweredFromTheCache() {
        try (Schematic s = Clients.against(fake).build()) {
            s.start();
            assertTrue(s.checkFlag("new-ui", ACME, Map.of()));
            FlagCheck again = s.checkFlagDetailed("new-ui", Map.of("id", "acme"), Map.of());
            assertTrue(again.value());
            assertEquals(FlagCheck.Source.CACHE, again.source());
            assertEquals(1, checkRequests());
            s.checkFlag("new-ui", GLOBEX, Map.of());
            assertEquals(2, checkRequests(), "another company is another cache entry");
        }
    }

    @Test
    void cachedAnswersExpireAfterTheTtl() throws InterruptedException {
        try (Schematic s =
                Clients.against(fake).cacheTtl(Duration.ofMillis(200)).build()) {
            s.start();
            s.checkFlag("new-ui", ACME, Map.of());
            s.checkFlag("new-ui", ACME, Map.of());
            assertEquals(1, checkRequests());
            Thread.sleep(400);
            // past its TTL the answer is fetched again: the API's answer if it came within the check's short wait,
            // else the cached one marked stale while the refresh runs (stale-while-revalidate)
            FlagCheck expired = s.checkFlagDetailed("new-ui", ACME, Map.of());
            assertTrue(
                    expired.source() == FlagCheck.Source.API || expired.source() == FlagCheck.Source.STALE,
                    expired.toString());
            StaleWhileRevalidateTest.await("the refresh", () -> checkRequests() == 2);
            StaleWhileRevalidateTest.await(
                    "the refreshed answer is cached",
                    () -> s.checkFlagDetailed("new-ui", ACME, Map.of()).source() == FlagCheck.Source.CACHE);
            assertEquals(2, checkRequests());
        }
    }

    @Test
    void theCacheEvictsBeyondItsMaxSize() {
        try (Schematic s = Clients.against(fake).cacheMaxSize(2).build()) {
            s.start();
            for (int i = 0; i < 10; i++) {
                s.checkFlag("new-ui", Map.of("id", "c" + i), Map.of());
            }
            int before = checkRequests();
            int hits = 0;
            for (int i = 0; i < 10; i++) {
                if (s.checkFlagDetailed("new-ui", Map.of("id", "c" + i), Map.of())
                                .source()
                        == FlagCheck.Source.CACHE) {
                    hits++;
                }
            }
            assertTrue(hits <= 2, "at most max-size entries survive, got " + hits + " hits");
            assertTrue(checkRequests() - before >= 8);
        }
    }

    @Test
    void aDisabledCacheAsksTheApiEveryTime() {
        try (Schematic s = Clients.against(fake).cacheEnabled(false).build()) {
            s.start();
            for (int i = 0; i < 3; i++) {
                assertEquals(
                        FlagCheck.Source.API,
                        s.checkFlagDetailed("new-ui", ACME, Map.of()).source());
            }
            assertEquals(3, checkRequests());
        }
    }

    @Test
    void aServerErrorReturnsTheConfiguredDefault() {
        try (Schematic s =
                Clients.against(fake).maxRetries(0).flagDefault("new-ui", true).build()) {
            fake.failNext(1, 500);
            FlagCheck check = s.checkFlagDetailed("new-ui", GLOBEX, Map.of());
            assertTrue(check.value(), "configured default");
            assertEquals(FlagCheck.Source.DEFAULT, check.source());
            assertTrue(check.reason().startsWith("Error occurred - using default value: "), check.reason());
            assertTrue(check.error().contains("500"), check.error());
        }
    }

    @Test
    void aTimeoutReturnsTheDefaultWithinThePerCheckTimeout() {
        try (Schematic s = Clients.against(fake).maxRetries(0).build()) {
            fake.delay("/flags", Duration.ofSeconds(2));
            long start = System.nanoTime();
            FlagCheck check = s.checkFlagDetailed(
                    "new-ui",
                    ACME,
                    Map.of(),
                    CheckOptions.timeout(Duration.ofMillis(300)).withDefaultValue(true));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(check.value());
            assertEquals(FlagCheck.Source.DEFAULT, check.source());
            assertTrue(tookMs < 1500, "returned after " + tookMs + " ms");
        }
    }

    @Test
    void runtimeDefaultsApplyToUnknownFlags() {
        try (Schematic s = Clients.against(fake).build()) {
            s.setFlagDefault("unknown-flag", true);
            FlagCheck check = s.checkFlagDetailed("unknown-flag", ACME, Map.of());
            assertTrue(check.value());
            assertEquals("Flag not found - using default value", check.reason());
            assertFalse(s.checkFlag("other-unknown", ACME, Map.of()), "without a default: false");
        }
    }

    @Test
    void aClosedClientAnswersSingleAndBulkChecksWithTheDefaultSayingSo() {
        Schematic s = Clients.against(fake).flagDefault("new-ui", true).build();
        s.close();
        long before = fake.requestCount();
        FlagCheck one = s.checkFlagDetailed("new-ui", ACME, Map.of());
        assertTrue(one.value());
        assertEquals(FlagCheck.Source.DEFAULT, one.source());
        assertEquals("Client closed - using default value", one.reason());
        assertEquals("the Schematic client is closed", one.error());
        assertFalse(s.checkFlagDetailed("new-ui", ACME, Map.of(), CheckOptions.defaultValue(false))
                .value());
        List<FlagCheck> bulk = s.checkFlags(List.of("new-ui", "beta"), ACME, Map.of());
        assertEquals(List.of(one, s.checkFlagDetailed("beta", ACME, Map.of())), bulk, "the same answers in bulk");
        assertEquals(List.of(one), s.checkFlags(List.of(), ACME, Map.of()), "no keys: every known default");
        assertEquals(before, fake.requestCount(), "a closed client makes no request");
    }

    @Test
    void offlineModeAnswersDefaultsWithoutAnyRequest() {
        try (Schematic s = Schematic.builder()
                .offline(true)
                .baseUrl(fake.baseUrl())
                .eventCaptureUrl(fake.baseUrl())
                .flagDefault("new-ui", true)
                .build()) {
            FlagCheck check = s.checkFlagDetailed("new-ui", ACME, Map.of());
            assertTrue(check.value());
            assertEquals("Offline mode - using default value", check.reason());
            assertFalse(s.checkFlag("beta", ACME, ADA));
            assertEquals(
                    2, s.checkFlags(List.of("new-ui", "beta"), ACME, Map.of()).size());
            s.track("api-call", ACME, Map.of());
            s.identify(ADA);
            s.flush();
            assertEquals(2, s.eventStats().offline());
        }
        assertEquals(0, fake.requestCount(), "offline mode makes no request");
    }

    @Test
    void severalFlagsAreCheckedInOneRequestInTheRequestedOrder() {
        try (Schematic s = Clients.against(fake).build()) {
            s.setFlagDefault("missing", true);
            List<FlagCheck> checks = s.checkFlags(List.of("beta", "missing", "new-ui"), ACME, ADA);
            assertEquals(
                    List.of("beta", "missing", "new-ui"),
                    checks.stream().map(FlagCheck::flag).toList());
            assertEquals(
                    List.of(false, true, true),
                    checks.stream().map(FlagCheck::value).toList());
            assertEquals("Flag not found - using default value", checks.get(1).reason());
            assertEquals(1, fake.requests("POST", "/flags/check").size());
        }
    }

    @Test
    void severalFlagsAreServedFromTheCacheWhenAllAreCached() {
        try (Schematic s = Clients.against(fake).build()) {
            s.start();
            s.checkFlags(List.of("beta", "new-ui"), ACME, Map.of());
            List<FlagCheck> again = s.checkFlags(List.of("new-ui", "beta"), ACME, Map.of());
            assertTrue(again.stream().allMatch(c -> c.source() == FlagCheck.Source.CACHE));
            assertEquals(1, fake.requests("POST", "/flags/check").size());
        }
    }

    @Test
    void noFlagKeysAsksForEveryFlag() {
        try (Schematic s = Clients.against(fake).build()) {
            List<FlagCheck> all = s.checkFlags(List.of(), ACME, Map.of());
            assertEquals(
                    Map.of("new-ui", true, "beta", true),
                    Map.copyOf(all.stream()
                            .collect(java.util.stream.Collectors.toMap(FlagCheck::flag, FlagCheck::value))));
        }
    }

    @Test
    void aFailedMultiCheckReturnsEveryDefault() {
        try (Schematic s =
                Clients.against(fake).maxRetries(0).flagDefault("beta", true).build()) {
            fake.failNext(1, 500);
            List<FlagCheck> checks = s.checkFlags(List.of("beta", "new-ui"), ACME, Map.of());
            assertEquals(
                    List.of(true, false), checks.stream().map(FlagCheck::value).toList());
            assertTrue(checks.stream().allMatch(c -> c.source() == FlagCheck.Source.DEFAULT));
        }
    }

    @Test
    void aClosedClientAnswersDefaults() {
        Schematic s = Clients.against(fake).flagDefault("new-ui", true).build();
        s.close();
        assertTrue(s.checkFlag("new-ui", GLOBEX, Map.of()));
        assertEquals(0, checkRequests());
    }
}
