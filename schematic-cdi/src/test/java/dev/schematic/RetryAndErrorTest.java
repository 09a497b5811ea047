package dev.schematic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryAndErrorTest {
    FakeSchematic fake;

    @BeforeEach
    void startFake() {
        fake = FakeSchematic.start();
        fake.flag("new-ui").defaultValue(true);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private int attempts() {
        return fake.requests("POST", "/flags/new-ui/check").size();
    }

    @ParameterizedTest(name = "HTTP {0} with Retry-After: 1 is retried after about a second")
    @CsvSource({"429", "503"})
    void retriesHonourRetryAfter(int status) {
        try (Schematic s = Clients.against(fake).cacheEnabled(false).build()) {
            fake.failNext(1, status, "1");
            long start = System.nanoTime();
            FlagCheck check = s.checkFlagDetailed("new-ui", Map.of(), Map.of());
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(FlagCheck.Source.API, check.source());
            assertEquals(2, attempts());
            assertTrue(tookMs >= 900, "waited " + tookMs + " ms");
        }
    }

    @Test
    void serverErrorsAreRetriedWithBackoffUpToMaxRetries() {
        try (Schematic s =
                Clients.against(fake).cacheEnabled(false).maxRetries(2).build()) {
            fake.failNext(5, 502);
            FlagCheck check = s.checkFlagDetailed("new-ui", Map.of(), Map.of());
            assertEquals(FlagCheck.Source.DEFAULT, check.source());
            assertEquals(3, attempts(), "one attempt and two retries");
        }
    }

    @Test
    void theRetryCountCanBeSetPerRequest() {
        try (Schematic s =
                Clients.against(fake).cacheEnabled(false).maxRetries(2).build()) {
            fake.failNext(1, 503);
            FlagCheck check = s.checkFlagDetailed("new-ui", Map.of(), Map.of(), CheckOptions.NONE.withMaxRetries(0));
            assertEquals(FlagCheck.Source.DEFAULT, check.source());
            assertEquals(1, attempts());
        }
    }

    @Test
    void aBadRequestIsNeverRetried() {
        try (Schematic s = Clients.against(fake).maxRetries(2).build()) {
            fake.failNext(3, 400);
            var e = assertThrows(
                    SchematicApiException.BadRequest.class, () -> s.companies().getCompany("comp_1"));
            assertEquals(400, e.status());
            assertEquals(1, fake.requests("GET", "/companies/comp_1").size());
        }
    }

    @ParameterizedTest(name = "HTTP {0} becomes {1}")
    @CsvSource({
        "400, BadRequest",
        "401, Unauthorized",
        "403, Forbidden",
        "404, NotFound",
        "500, InternalServerError",
        "409, SchematicApiException",
        "422, SchematicApiException"
    })
    void everyErrorStatusBecomesItsTypedException(int status, String type) {
        try (Schematic s = Clients.against(fake).maxRetries(0).build()) {
            fake.failNext(1, status);
            var e = assertThrows(SchematicApiException.class, () -> s.plans().getPlan("plan_1", null));
            assertEquals(status, e.status());
            assertEquals(type, e.getClass().getSimpleName());
            assertTrue(e.getMessage().contains("HTTP " + status), e.getMessage());
            assertTrue(e.body().contains("error"), e.body());
        }
    }

    @Test
    void theApiErrorTextIsExtracted() {
        try (Schematic s = Clients.against(fake).build()) {
            var e = assertThrows(
                    SchematicApiException.NotFound.class, () -> s.companies().getCompany("nope"));
            assertTrue(!e.errorMessage().isBlank() && !e.errorMessage().startsWith("{"), e.errorMessage());
        }
    }

    @Test
    void aWrongApiKeyIsUnauthorized() {
        fake.requireApiKey("sch_dev_other");
        try (Schematic s = Clients.against(fake).build()) {
            assertInstanceOf(
                    SchematicApiException.Unauthorized.class,
                    assertThrows(
                            SchematicApiException.class, () -> s.companies().getCompany("c")));
        }
    }

    @Test
    void aPerRequestTimeoutAppliesToTheTypedApi() {
        try (Schematic s = Clients.against(fake).maxRetries(0).build()) {
            fake.delay("/plans", Duration.ofSeconds(2));
            long start = System.nanoTime();
            assertThrows(
                    RuntimeException.class,
                    () -> s.withOptions(RequestOptions.timeout(Duration.ofMillis(300)))
                            .plans()
                            .getPlan("plan_1", null));
            assertTrue((System.nanoTime() - start) / 1_000_000 < 1500);
        }
    }

    @Test
    void aRefusedConnectionIsRetriedThenReported() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (Schematic s = Schematic.builder()
                .apiKey("k")
                .baseUrl("http://127.0.0.1:" + port)
                .maxRetries(2)
                .retryBackoff(Duration.ofMillis(200))
                .build()) {
            // builds the REST client, so that the timing below is only attempts and waits
            s.checkFlagDetailed("new-ui", Map.of(), Map.of(), CheckOptions.NONE.withMaxRetries(0));
            long start = System.nanoTime();
            FlagCheck check = s.checkFlagDetailed("new-ui", Map.of(), Map.of());
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(FlagCheck.Source.DEFAULT, check.source());
            assertTrue(check.reason().startsWith("Error occurred"), check.reason());
            // two retries wait 200 ms and 400 ms, ±10% each; a refused connection alone fails at once
            assertTrue(tookMs >= 500, "retried for only " + tookMs + " ms");
        }
    }

    @Test
    void offlineTypedApiCallsFailWithAClearMessageAndNoRequest() {
        try (Schematic s =
                Schematic.builder().offline(true).baseUrl(fake.baseUrl()).build()) {
            var e = assertThrows(
                    SchematicOfflineException.class, () -> s.companies().getCompany("c"));
            assertTrue(e.getMessage().contains("schematic.offline=true"), e.getMessage());
        }
        assertEquals(0, fake.requestCount());
    }
}
