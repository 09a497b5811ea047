package dev.schematic.webhooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.webhooks.WebhookServer.Answer;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link WebhookSignatureFilter} in RESTEasy over real HTTP: what reaches the resource, and what never does. */
class WebhookSignatureFilterTest {
    static final String SECRET = "whsec_current";
    static final String OLD_SECRET = "whsec_previous";
    static final String BILLING_SECRET = "whsec_billing";

    /** Every body a resource method received, in order. */
    static final List<String> CALLS = new CopyOnWriteArrayList<>();

    static final List<byte[]> BODIES = new CopyOnWriteArrayList<>();

    @Path("/")
    public static class Receiver {
        @POST
        @Path("hooks")
        @VerifiedSchematicWebhook
        @Consumes(MediaType.WILDCARD)
        @Produces(MediaType.APPLICATION_OCTET_STREAM)
        public byte[] receive(byte[] body) {
            CALLS.add("hooks");
            BODIES.add(body);
            return body;
        }

        @POST
        @Path("typed")
        @VerifiedSchematicWebhook
        @Consumes(MediaType.WILDCARD)
        @Produces(MediaType.TEXT_PLAIN)
        public String typed(String body) {
            CALLS.add("typed");
            return WebhookEvents.parse(body).action();
        }

        @POST
        @Path("billing")
        @VerifiedSchematicWebhook(secretKey = "schematic.webhooks.secrets.billing")
        @Consumes(MediaType.WILDCARD)
        @Produces(MediaType.TEXT_PLAIN)
        public String billing(byte[] body) {
            CALLS.add("billing");
            return "billing";
        }

        @POST
        @Path("unconfigured")
        @VerifiedSchematicWebhook(secretKey = "schematic.webhooks.secrets.nobody")
        @Consumes(MediaType.WILDCARD)
        @Produces(MediaType.TEXT_PLAIN)
        public String unconfigured(byte[] body) {
            CALLS.add("unconfigured");
            return "unconfigured";
        }

        @POST
        @Path("open")
        @Consumes(MediaType.WILDCARD)
        @Produces(MediaType.TEXT_PLAIN)
        public String open(byte[] body) {
            CALLS.add("open");
            return "open";
        }
    }

    /** The annotation on a class guards every method, with the class's key. */
    @Path("/crm")
    @VerifiedSchematicWebhook(secretKey = "schematic.webhooks.secrets.billing")
    public static class ClassLevelReceiver {
        @POST
        @Consumes(MediaType.WILDCARD)
        @Produces(MediaType.TEXT_PLAIN)
        public String receive(byte[] body) {
            CALLS.add("crm");
            return "crm";
        }
    }

    static WebhookServer server;

    @BeforeAll
    static void start() {
        Map<String, String> properties = new HashMap<>();
        properties.put("schematic.webhooks.secret", SECRET + ", " + OLD_SECRET);
        properties.put("schematic.webhooks.secrets.billing", BILLING_SECRET);
        properties.put("schematic.webhooks.tolerance", "5m");
        properties.put("schematic.webhooks.max-body-size", "4KiB");
        Config config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "webhook-test", 500))
                .build();
        WebhookSignatureFilter filter = new WebhookSignatureFilter(() -> config, Clock.systemUTC());
        server = new WebhookServer(new Application() {
            @Override
            public Set<Object> getSingletons() {
                return Set.of(filter, new Receiver(), new ClassLevelReceiver());
            }
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clear() {
        CALLS.clear();
        BODIES.clear();
    }

    static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }

    static Map<String, String> signed(byte[] body, String timestamp, String secret) {
        return Map.of(
                WebhookVerifier.SIGNATURE_HEADER,
                WebhookVerifier.computeHexSignature(body, timestamp, secret),
                WebhookVerifier.TIMESTAMP_HEADER,
                timestamp,
                WebhookVerifier.SIGNATURE_VERSION_HEADER,
                "v1");
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static void assertRejected(Answer answer, int status, String error) {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(answer.contentType().startsWith("application/json"), answer.contentType());
        assertEquals("{\"error\":\"" + error + "\"}", answer.body());
        assertEquals(List.of(), CALLS, "the resource must not run");
    }

    @Test
    void aSignedRequestReachesTheResourceWithTheIdenticalBytes() {
        byte[] body = utf8(WebhookVerifierTest.BODY_2);
        Answer answer = server.post("/hooks", body, signed(body, now(), SECRET));

        assertEquals(200, answer.status(), answer.body());
        assertEquals(List.of("hooks"), CALLS);
        assertArrayEquals(body, BODIES.get(0));
        assertEquals(WebhookVerifierTest.BODY_2, answer.body());
    }

    @Test
    void theResourceCanReadTheVerifiedBodyAsAStringAndParseIt() {
        byte[] body = utf8(WebhookVerifierTest.BODY_2);
        Answer answer = server.post("/typed", body, signed(body, now(), SECRET));
        assertEquals(200, answer.status(), answer.body());
        assertEquals("company.created", answer.body());
    }

    /** A webhook envelope of exactly {@code size} bytes (its body a string of 'a's). */
    static byte[] envelopeOfSize(int size) {
        String head = "{\"action\":\"test.send\",\"body\":\"";
        String tail = "\"}";
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'a');
        System.arraycopy(utf8(head), 0, body, 0, head.length());
        System.arraycopy(utf8(tail), 0, body, size - tail.length(), tail.length());
        return body;
    }

    @Test
    void aBodyOfExactlyTheLimitIsAccepted() {
        byte[] body = envelopeOfSize(4096);
        Answer answer = server.postChunked("/hooks", body, signed(body, now(), SECRET));
        assertEquals(200, answer.status(), answer.body());
        assertArrayEquals(body, BODIES.get(0));
    }

    @Test
    void anEmptySignedBodyIsABadRequestNotAnError() {
        // genuine (test vector 3 is an empty body) but not a webhook: 400, so Schematic does not retry it
        assertRejected(
                server.post("/hooks", new byte[0], signed(new byte[0], now(), SECRET)), 400, "Webhook body is empty");
    }

    @Test
    void theOldSecretStillVerifiesDuringRotation() {
        byte[] body = utf8("{\"action\":\"test.send\"}");
        assertEquals(
                200,
                server.post("/hooks", body, signed(body, now(), OLD_SECRET)).status());
    }

    @Test
    void missingHeadersAreABadRequest() {
        byte[] body = utf8("{}");
        assertRejected(server.post("/hooks", body, Map.of()), 400, "Missing webhook signature");
        String ts = now();
        assertRejected(
                server.post(
                        "/hooks",
                        body,
                        Map.of(
                                WebhookVerifier.SIGNATURE_HEADER,
                                WebhookVerifier.computeHexSignature(body, ts, SECRET))),
                400,
                "Missing webhook timestamp");
    }

    @Test
    void aTamperedBodyIsUnauthorized() {
        byte[] body = utf8("{\"action\":\"company.created\"}");
        Map<String, String> headers = signed(body, now(), SECRET);
        assertRejected(
                server.post("/hooks", utf8("{\"action\":\"company.deleted\"}"), headers), 401, "Invalid signature");
    }

    @Test
    void aWrongSecretIsUnauthorized() {
        byte[] body = utf8("{}");
        assertRejected(server.post("/hooks", body, signed(body, now(), "whsec_guess")), 401, "Invalid signature");
    }

    @Test
    void aMalformedSignatureIsUnauthorized() {
        byte[] body = utf8("{}");
        assertRejected(
                server.post(
                        "/hooks",
                        body,
                        Map.of(WebhookVerifier.SIGNATURE_HEADER, "not-hex", WebhookVerifier.TIMESTAMP_HEADER, now())),
                401,
                "Invalid signature format");
    }

    @Test
    void aReplayOlderThanTheToleranceIsUnauthorized() {
        byte[] body = utf8("{}");
        String anHourAgo = Long.toString(Instant.now().getEpochSecond() - 3600);
        Answer answer = server.post("/hooks", body, signed(body, anHourAgo, SECRET));
        assertEquals(401, answer.status());
        assertTrue(answer.body().startsWith("{\"error\":\"Webhook timestamp too old: sent 36"), answer.body());
        assertEquals(List.of(), CALLS);
    }

    @Test
    void aBodyOverTheLimitWithAContentLengthIsTooLarge() {
        byte[] body = new byte[4097];
        assertRejected(
                server.post("/hooks", body, signed(body, now(), SECRET)), 413, "Webhook body exceeds 4096 bytes");
    }

    @Test
    void aChunkedBodyOverTheLimitIsTooLarge() {
        byte[] body = new byte[64 * 1024];
        assertRejected(
                server.postChunked("/hooks", body, signed(body, now(), SECRET)),
                413,
                "Webhook body exceeds 4096 bytes");
    }

    @Test
    void anEndpointWithItsOwnSecretKeyUsesOnlyThatSecret() {
        byte[] body = utf8("{\"action\":\"plan.updated\"}");
        Answer billing = server.post("/billing", body, signed(body, now(), BILLING_SECRET));
        assertEquals(200, billing.status(), billing.body());
        assertEquals("billing", billing.body());

        CALLS.clear();
        assertRejected(server.post("/billing", body, signed(body, now(), SECRET)), 401, "Invalid signature");
        assertRejected(server.post("/hooks", body, signed(body, now(), BILLING_SECRET)), 401, "Invalid signature");
    }

    @Test
    void anAnnotatedClassGuardsItsMethodsWithItsKey() {
        byte[] body = utf8("{\"action\":\"test.send\"}");
        assertEquals(
                200,
                server.post("/crm", body, signed(body, now(), BILLING_SECRET)).status());
        CALLS.clear();
        assertRejected(server.post("/crm", body, Map.of()), 400, "Missing webhook signature");
    }

    @Test
    void anEndpointWhoseSecretIsNotConfiguredFailsClosed() {
        byte[] body = utf8("{}");
        assertRejected(
                server.post("/unconfigured", body, signed(body, now(), SECRET)),
                500,
                "Webhook verification is not configured");
    }

    @Test
    void rejectionsAreLoggedWithoutSecretsSignaturesOrBodies() {
        byte[] body = utf8("{\"action\":\"company.created\",\"marker\":\"body-text\"}");
        String ts = now();
        String forged = WebhookVerifier.computeHexSignature(body, ts, "whsec_guess");
        String genuine = WebhookVerifier.computeHexSignature(body, ts, SECRET);
        try (LogCapture log = new LogCapture()) {
            server.post(
                    "/hooks",
                    body,
                    Map.of(WebhookVerifier.SIGNATURE_HEADER, forged, WebhookVerifier.TIMESTAMP_HEADER, ts));
            server.post("/hooks", body, signed(body, ts, SECRET));
            List<String> messages = log.messages();
            assertEquals(List.of("WARNING Rejected Schematic webhook POST /hooks: 401 Invalid signature"), messages);
            for (String secretOrData : List.of(SECRET, OLD_SECRET, forged, genuine, "body-text")) {
                assertTrue(messages.stream().noneMatch(m -> m.contains(secretOrData)), secretOrData);
            }
        }
    }

    @Test
    void resourcesWithoutTheAnnotationAreNotFiltered() {
        Answer answer = server.post("/open", utf8("{}"), Map.of());
        assertEquals(200, answer.status());
        assertEquals(List.of("open"), CALLS);
    }
}
