package dev.schematic.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schematic.webhooks.VerifiedSchematicWebhook;
import dev.schematic.webhooks.WebhookVerifier;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension puts the SDK's {@code WebhookSignatureFilter} in front of {@code @VerifiedSchematicWebhook} endpoints
 * with no code in the application: name binding (only annotated methods and classes are filtered), the per-endpoint
 * secret found through {@code ResourceInfo}, exactly one filter per request, and what happens on a non-blocking
 * endpoint.
 */
class WebhookFilterRegisteredTest {
    static final String SECRET = "whsec_default";
    static final String BILLING_SECRET = "whsec_billing";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hooks.class, BillingHooks.class))
            .overrideConfigKey("schematic.api-key", "sch_dev_test")
            .overrideConfigKey("quarkus.schematic.devservices.enabled", "false")
            .overrideConfigKey("schematic.webhooks.secret", SECRET)
            .overrideConfigKey("schematic.webhooks.secrets.billing", BILLING_SECRET)
            .setLogRecordPredicate(r -> r.getLoggerName().startsWith("dev.schematic.webhooks"))
            .assertLogRecords(WebhookFilterRegisteredTest::oneLogLinePerRejection);

    @Test
    void anUnsignedWebhookNeverReachesTheMethod() {
        Response answer = post("/hooks", "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals(400, answer.statusCode(), answer.asString());
        assertEquals("{\"error\":\"Missing webhook signature\"}", answer.asString());
    }

    @Test
    void aSignedWebhookReachesTheMethodWithTheIdenticalBytes() {
        byte[] body = "{\"action\":\"test.send\", \"body\" : {\"name\":\"Zoë 🚀\"}}".getBytes(StandardCharsets.UTF_8);
        Response answer = post("/hooks", body, signed(body, SECRET));
        assertEquals(200, answer.statusCode(), answer.asString());
        assertEquals(new String(body, StandardCharsets.UTF_8), answer.asString());
    }

    /**
     * A known limit: on a non-blocking endpoint Quarkus REST runs the filter on the IO thread, where the body cannot be
     * read yet. The request fails closed (500, Quarkus logs "A blocking operation occurred on the IO thread") and the
     * method never runs, even with a valid signature. Webhook endpoints must be blocking (Quarkus' default for methods
     * that return neither {@code Uni} nor {@code CompletionStage}).
     */
    @Test
    void aNonBlockingEndpointFailsClosed() {
        byte[] body = "{\"action\":\"test.send\"}".getBytes(StandardCharsets.UTF_8);
        Response answer = post("/hooks/non-blocking", body, signed(body, SECRET));
        assertEquals(500, answer.statusCode(), answer.asString());
        assertEquals(0, Hooks.NON_BLOCKING_CALLS.get());
    }

    @Test
    void methodsWithoutTheAnnotationAreNotFiltered() {
        assertEquals(
                "open", given().get("/hooks").then().statusCode(200).extract().asString());
    }

    @Test
    void anAnnotatedClassUsesTheSecretKeyItNames() {
        byte[] body = "{\"action\":\"test.send\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals(401, post("/billing", body, signed(body, SECRET)).statusCode());
        Response answer = post("/billing", body, signed(body, BILLING_SECRET));
        assertEquals(200, answer.statusCode(), answer.asString());
        assertEquals("billing " + body.length, answer.asString());
    }

    /** The two rejections above, each logged once: the filter is registered once, not twice. */
    static void oneLogLinePerRejection(List<LogRecord> records) {
        List<String> rejected = records.stream()
                .map(LogRecord::getMessage)
                .filter(m -> m.startsWith("Rejected Schematic webhook"))
                .sorted()
                .toList();
        assertEquals(
                List.of(
                        "Rejected Schematic webhook POST /billing: 401 Invalid signature",
                        "Rejected Schematic webhook POST /hooks: 400 Missing webhook signature"),
                rejected);
    }

    private static Response post(String path, byte[] body, Map<String, String> headers) {
        return given().contentType("application/json")
                .headers(headers)
                .body(body)
                .post(path);
    }

    private static Map<String, String> signed(byte[] body, String secret) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return Map.of(
                WebhookVerifier.SIGNATURE_HEADER,
                WebhookVerifier.computeHexSignature(body, timestamp, secret),
                WebhookVerifier.TIMESTAMP_HEADER,
                timestamp);
    }

    @Path("/hooks")
    public static class Hooks {
        static final AtomicInteger NON_BLOCKING_CALLS = new AtomicInteger();

        @POST
        @VerifiedSchematicWebhook
        public String receive(byte[] body) {
            return new String(body, StandardCharsets.UTF_8);
        }

        @POST
        @Path("/non-blocking")
        @NonBlocking
        @VerifiedSchematicWebhook
        public String nonBlocking(byte[] body) {
            NON_BLOCKING_CALLS.incrementAndGet();
            return "non-blocking " + body.length;
        }

        @GET
        public String open() {
            return "open";
        }
    }

    @Path("/billing")
    @VerifiedSchematicWebhook(secretKey = "schematic.webhooks.secrets.billing")
    public static class BillingHooks {
        @POST
        public String receive(byte[] body) {
            return "billing " + body.length;
        }
    }
}
