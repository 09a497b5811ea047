package dev.schematic.webhooks;

import static dev.schematic.webhooks.WebhookSignatureFilterTest.now;
import static dev.schematic.webhooks.WebhookSignatureFilterTest.signed;
import static dev.schematic.webhooks.WebhookSignatureFilterTest.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.api.model.CompanyDetailResponseData;
import dev.schematic.webhooks.WebhookServer.Answer;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Correctly signed bodies that are not webhook events, in RESTEasy over real HTTP: each is answered 400 with a JSON
 * error (never a 500, which Schematic would retry), logged as exactly one WARNING line, without a stack trace from any
 * logger, and the resource never runs (or, for a body that only the resource's typed parse rejects, its exception is
 * mapped the same way).
 */
class WebhookPayloadTest {
    static final String SECRET = "whsec_payloads";
    static final List<String> CALLS = new CopyOnWriteArrayList<>();

    @Path("/")
    public static class Receiver {
        @POST
        @Path("raw")
        @VerifiedSchematicWebhook
        @Consumes(MediaType.WILDCARD)
        @Produces(MediaType.TEXT_PLAIN)
        public String raw(byte[] body) {
            CALLS.add("raw");
            return WebhookEvents.parse(body).action();
        }

        @POST
        @Path("company")
        @VerifiedSchematicWebhook
        @Consumes(MediaType.WILDCARD)
        @Produces(MediaType.TEXT_PLAIN)
        public String company(byte[] body) {
            CALLS.add("company");
            return String.valueOf(WebhookEvents.parse(body, CompanyDetailResponseData.class)
                    .body()
                    .name());
        }
    }

    static WebhookServer server;

    @BeforeAll
    static void start() {
        Config config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(
                        Map.of("schematic.webhooks.secret", SECRET, "schematic.webhooks.max-body-size", "64KiB"),
                        "payload-test",
                        500))
                .build();
        WebhookSignatureFilter filter = new WebhookSignatureFilter(() -> config, Clock.systemUTC());
        server = new WebhookServer(new Application() {
            @Override
            public Set<Object> getSingletons() {
                return Set.of(filter, new WebhookPayloadExceptionMapper(), new Receiver());
            }
        });
        // RESTEasy's first request logs its start-up at INFO: keep it out of the captures below
        server.post(
                "/raw", utf8("{\"action\":\"test.send\"}"), signed(utf8("{\"action\":\"test.send\"}"), now(), SECRET));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clear() {
        CALLS.clear();
    }

    static String nested(int depth) {
        return "{\"action\":\"company.created\",\"body\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    /** Posts {@code body} correctly signed and checks the 400, its JSON and the single WARNING line. */
    static void assertBadPayload(String path, byte[] body, String error, List<String> calls) {
        try (RootLogCapture log = new RootLogCapture()) {
            Answer answer = server.post(path, body, signed(body, now(), SECRET));

            assertEquals(400, answer.status(), answer.body());
            assertTrue(answer.contentType().startsWith("application/json"), answer.contentType());
            assertEquals("{\"error\":\"" + error + "\"}", answer.body());
            assertEquals(calls, CALLS);
            List<RootLogCapture.Entry> warnings = log.warnings();
            assertEquals(1, warnings.size(), log.all().toString());
            RootLogCapture.Entry line = warnings.get(0);
            assertEquals(Level.WARNING, line.level());
            assertEquals(WebhookSignatureFilter.class.getName(), line.logger());
            assertEquals("Rejected Schematic webhook POST " + path + ": 400 " + error, line.message());
            assertTrue(
                    log.all().stream().allMatch(e -> e.thrown() == null),
                    log.all().toString());
        }
    }

    @Test
    void notJsonIsABadRequest() {
        assertBadPayload("/raw", utf8("hello, webhook"), "Webhook body is not valid JSON", List.of());
        CALLS.clear();
        assertBadPayload("/raw", utf8("{\"action\":\"company.created\""), "Webhook body is not valid JSON", List.of());
    }

    @Test
    void anEmptyOrBlankBodyIsABadRequest() {
        assertBadPayload("/raw", new byte[0], "Webhook body is empty", List.of());
        assertBadPayload("/raw", utf8(" \r\n\t"), "Webhook body is empty", List.of());
    }

    @Test
    void jsonThatIsNotAnObjectIsABadRequest() {
        assertBadPayload("/raw", utf8("[1,2,3]"), "Webhook body is not a JSON object", List.of());
        assertBadPayload("/raw", utf8("\"company.created\""), "Webhook body is not a JSON object", List.of());
    }

    @Test
    void anObjectWithoutAnActionIsABadRequest() {
        assertBadPayload("/raw", utf8("{\"body\":{}}"), "Webhook body has no action", List.of());
        assertBadPayload("/raw", utf8("{\"action\":42}"), "Webhook field action is not a string", List.of());
        assertBadPayload(
                "/raw",
                utf8("{\"action\":\"company.created\",\"company_id\":[]}"),
                "Webhook field company_id is not a string",
                List.of());
    }

    @Test
    void nestingFiveThousandLevelsDeepIsABadRequestWithoutAStackTrace() {
        assertBadPayload("/raw", utf8(nested(5000)), "Webhook body nests deeper than 64 levels", List.of());
        assertBadPayload("/raw", utf8("[".repeat(5000)), "Webhook body nests deeper than 64 levels", List.of());
    }

    @Test
    void nestingUpToTheBoundIsAccepted() {
        // the envelope object is level 1, so 63 arrays inside it make exactly 64
        byte[] body = utf8("{\"action\":\"test.send\",\"body\":" + "[".repeat(63) + "]".repeat(63) + "}");
        Answer answer = server.post("/raw", body, signed(body, now(), SECRET));
        assertEquals(200, answer.status(), answer.body());
        assertEquals("test.send", answer.body());
    }

    @Test
    void aBodyThatDoesNotFitItsRecordIsMappedTo400ByTheExceptionMapper() {
        // a valid envelope, so the filter lets it through; the resource's typed parse refuses it
        assertBadPayload(
                "/company",
                utf8("{\"action\":\"company.created\",\"body\":[1,2]}"),
                "Body of company.created webhook is not a CompanyDetailResponseData",
                List.of("company"));
    }

    @Test
    void aGoodEventStillReachesTheTypedResource() {
        byte[] body = utf8(WebhookVerifierTest.BODY_2);
        try (RootLogCapture log = new RootLogCapture()) {
            Answer answer = server.post("/company", body, signed(body, now(), SECRET));
            assertEquals(200, answer.status(), answer.body());
            assertEquals("Caf\u00e9 \u2615 GmbH", answer.body());
            assertEquals(List.of(), log.warnings());
        }
    }

    @Test
    void aForgedSignatureOverGarbageIsStillUnauthorizedNotABadRequest() {
        byte[] body = utf8(nested(5000));
        Answer answer = server.post("/raw", body, signed(body, now(), "whsec_guess"));
        assertEquals(401, answer.status());
        assertEquals("{\"error\":\"Invalid signature\"}", answer.body());
        assertEquals(List.of(), CALLS);
    }

    @Test
    void theRejectionNeverQuotesTheBody() {
        try (RootLogCapture log = new RootLogCapture()) {
            byte[] body = utf8("{\"action\":\"company.created\",\"body\":\"secret-customer-data\"");
            Answer answer = server.post("/raw", body, signed(body, now(), SECRET));
            assertEquals(400, answer.status());
            assertTrue(!answer.body().contains("secret-customer-data"), answer.body());
            assertTrue(log.all().stream().noneMatch(e -> e.message().contains("secret-customer-data")));
            assertNull(log.warnings().get(0).thrown());
        }
    }
}
