package dev.schematic.it.quarkus;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.webhooks.WebhookVerifier;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Schematic webhooks over real HTTP into the app's {@link WebhookResource}, guarded by the SDK's
 * {@code @VerifiedSchematicWebhook} filter, which the Quarkus extension registered (the app registers nothing). The
 * secrets, tolerance (5m) and body limit (64 KiB) come from application.properties. Every rejection is checked for
 * its status, its JSON error, and that the resource did not run (its count of received webhooks is unchanged).
 */
@QuarkusTest
class WebhooksTest {
    static final String SECRET = "whsec_demo_current";
    static final String PREVIOUS_SECRET = "whsec_demo_previous";
    static final String BILLING_SECRET = "whsec_demo_billing";
    private static final int MAX_BODY_SIZE = 64 * 1024;

    @Test
    void aSignedWebhookReachesTheResourceWithTheIdenticalBytes() throws Exception {
        // non-ASCII in several UTF-8 lengths, and formatting that re-serialized JSON would lose
        byte[] body = event("company.updated", "Zoë Ünïcødé — 日本語 🚀 \\u00e9").getBytes(StandardCharsets.UTF_8);
        int before = receivedCount();

        Response answer = post("", body, signed(body, SECRET, Instant.now()));

        assertEquals(200, answer.statusCode(), answer.asString());
        assertEquals("default", answer.path("endpoint"));
        assertEquals("company.updated", answer.path("action"));
        assertEquals(body.length, (int) answer.path("bytes"));
        assertEquals(sha256(body), answer.path("sha256"));
        // the SDK mapped the body to its typed record for the action
        assertEquals("CompanyDetailResponseData", answer.path("bodyType"));
        assertEquals("Zoë Ünïcødé — 日本語 🚀 é", answer.path("companyName"));
        assertEquals(before + 1, receivedCount());
        List<String> received = history().path("received");
        assertEquals("default:company.updated", received.get(before));
    }

    @Test
    void aWebhookSignedWithThePreviousSecretStillVerifiesWhileRotating() {
        byte[] body = event("test.send", "rotation").getBytes(StandardCharsets.UTF_8);

        Response answer = post("", body, signed(body, PREVIOUS_SECRET, Instant.now()));

        assertEquals(200, answer.statusCode(), answer.asString());
        assertEquals("test.send", answer.path("action"));
        assertEquals("JsonValue", answer.path("bodyType"));
    }

    @Test
    void anUnsignedWebhookIsRefusedWith400() {
        byte[] body = event("company.updated", "unsigned").getBytes(StandardCharsets.UTF_8);

        Response answer = assertRejected(() -> post("", body, Map.of()), 400, "Missing webhook signature");
        assertEquals("{\"error\":\"Missing webhook signature\"}", answer.asString());
    }

    @Test
    void aWebhookWithoutTimestampIsRefusedWith400() {
        byte[] body = event("company.updated", "no timestamp").getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(signed(body, SECRET, Instant.now()));
        headers.remove(WebhookVerifier.TIMESTAMP_HEADER);

        assertRejected(() -> post("", body, headers), 400, "Missing webhook timestamp");
    }

    @Test
    void aTamperedBodyIsRefusedWith401() {
        byte[] body = event("company.updated", "Acme").getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = signed(body, SECRET, Instant.now());
        byte[] tampered = event("company.updated", "Acmf").getBytes(StandardCharsets.UTF_8);

        assertRejected(() -> post("", tampered, headers), 401, "Invalid signature");
    }

    @Test
    void aWebhookSignedWithAnotherSecretIsRefusedWith401() {
        byte[] body = event("company.updated", "forged").getBytes(StandardCharsets.UTF_8);

        assertRejected(
                () -> post("", body, signed(body, "whsec_someone_else", Instant.now())), 401, "Invalid signature");
    }

    @Test
    void aGenuineWebhookAnHourOldIsRefusedWith401UnderAFiveMinuteTolerance() {
        byte[] body = event("company.updated", "replayed").getBytes(StandardCharsets.UTF_8);
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));

        Response answer = assertRejected(() -> post("", body, signed(body, SECRET, anHourAgo)), 401, null);

        String error = answer.path("error");
        assertTrue(error.startsWith("Webhook timestamp too old: sent 36"), error);
        assertTrue(error.endsWith("tolerance is 300s"), error);
    }

    @Test
    void aSignedBodyOverTheLimitIsRefusedWith413() {
        byte[] body = paddedEvent(MAX_BODY_SIZE + 1);

        assertRejected(
                () -> post("", body, signed(body, SECRET, Instant.now())), 413, "Webhook body exceeds 65536 bytes");
    }

    @Test
    void aSignedBodyOfExactlyTheLimitIsAccepted() throws Exception {
        byte[] body = paddedEvent(MAX_BODY_SIZE);

        Response answer = post("", body, signed(body, SECRET, Instant.now()));

        assertEquals(200, answer.statusCode(), answer.asString());
        assertEquals(MAX_BODY_SIZE, (int) answer.path("bytes"));
        assertEquals(sha256(body), answer.path("sha256"));
    }

    @Test
    void theBillingEndpointAcceptsOnlyItsOwnSecret() {
        byte[] body = event("subscription.trial.ended", "billing").getBytes(StandardCharsets.UTF_8);

        Response billing = post("billing", body, signed(body, BILLING_SECRET, Instant.now()));
        assertEquals(200, billing.statusCode(), billing.asString());
        assertEquals("billing", billing.path("endpoint"));
        assertEquals("subscription.trial.ended", billing.path("action"));

        assertRejected(() -> post("billing", body, signed(body, SECRET, Instant.now())), 401, "Invalid signature");
        assertRejected(
                () -> post("billing", body, signed(body, PREVIOUS_SECRET, Instant.now())), 401, "Invalid signature");
        // and the default endpoint does not take the billing secret
        assertRejected(() -> post("", body, signed(body, BILLING_SECRET, Instant.now())), 401, "Invalid signature");
    }

    @Test
    void aSignedBodyThatIsNotAWebhookIsABadRequestNotAServerError() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("", "Webhook body is empty");
        cases.put("not json", "Webhook body is not valid JSON");
        cases.put("[1,2]", "Webhook body is not a JSON object");
        cases.put("{\"body\":{}}", "Webhook body has no action");
        cases.put(
                "{\"action\":\"company.updated\",\"body\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                "Webhook body nests deeper than 64 levels");
        // the envelope is fine, its body does not fit: the resource's parse throws, the SDK's exception mapper answers
        cases.put(
                "{\"action\":\"company.updated\",\"body\":[1,2]}",
                "Body of company.updated webhook is not a CompanyDetailResponseData");
        cases.forEach((text, error) -> {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            assertRejected(() -> post("", body, signed(body, SECRET, Instant.now())), 400, error);
        });
    }

    /**
     * Sends {@code request} and checks that it was refused with {@code status} and the JSON body {@code
     * {"error":error}} ({@code error} null: any message), and that the resource did not run.
     */
    private static Response assertRejected(Supplier<Response> request, int status, String error) {
        int before = receivedCount();
        Response answer = request.get();

        assertEquals(status, answer.statusCode(), answer.asString());
        Map<String, Object> json = answer.jsonPath().getMap("");
        assertEquals(List.of("error"), List.copyOf(json.keySet()), answer.asString());
        if (error != null) {
            assertEquals(error, json.get("error"), answer.asString());
        }
        assertEquals(before, receivedCount(), "the resource ran for a rejected webhook");
        return answer;
    }

    private static Response post(String path, byte[] body, Map<String, String> headers) {
        return given().contentType(ContentType.JSON)
                .headers(headers)
                .body(body)
                .post(path.isEmpty() ? "/webhooks/schematic" : "/webhooks/schematic/" + path);
    }

    /** The headers Schematic sends with {@code body}, signed with {@code secret} at {@code time}. */
    static Map<String, String> signed(byte[] body, String secret, Instant time) {
        String timestamp = Long.toString(time.getEpochSecond());
        return Map.of(
                WebhookVerifier.SIGNATURE_HEADER,
                WebhookVerifier.computeHexSignature(body, timestamp, secret),
                WebhookVerifier.TIMESTAMP_HEADER,
                timestamp,
                WebhookVerifier.SIGNATURE_VERSION_HEADER,
                "v1");
    }

    private static Response history() {
        Response history = given().get("/webhooks/schematic");
        assertEquals(200, history.statusCode(), history.asString());
        return history;
    }

    private static int receivedCount() {
        return history().path("count");
    }

    /** A Schematic webhook envelope for {@code action} whose body names {@code name}, with unusual formatting. */
    static String event(String action, String name) {
        return "{\n  \"action\" : \"" + action + "\",\n  \"account_id\":\"acct_1\", \"environment_id\":\"env_1\","
                + " \"object_type\":\"company\",\"company_id\":\"comp_1\",\n  \"body\":{\"id\":\"comp_1\","
                + "\"name\":\"" + name + "\",\"traits\":{\"ratio\":1.50,\"big\":1e2}}\n}\n";
    }

    /** A valid event padded with spaces (inside the JSON) to exactly {@code size} bytes. */
    private static byte[] paddedEvent(int size) {
        byte[] start = "{\"action\":\"test.send\",\"body\":{}".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        System.arraycopy(start, 0, body, 0, start.length);
        body[size - 1] = '}';
        return body;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
