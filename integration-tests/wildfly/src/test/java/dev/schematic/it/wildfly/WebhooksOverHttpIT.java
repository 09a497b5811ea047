package dev.schematic.it.wildfly;

import static dev.schematic.it.wildfly.AppArchives.BILLING_WEBHOOK_SECRET;
import static dev.schematic.it.wildfly.AppArchives.PREVIOUS_WEBHOOK_SECRET;
import static dev.schematic.it.wildfly.AppArchives.WEBHOOK_SECRET;
import static dev.schematic.it.wildfly.ShopClient.signed;
import static dev.schematic.webhooks.WebhookVerifier.TIMESTAMP_HEADER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Schematic webhooks sent over real HTTP into WildFly: the shop's {@code WebhookResource} is guarded by the SDK's
 * {@code @VerifiedSchematicWebhook} filter, which WildFly found in the SDK jar in {@code WEB-INF/lib} (the application
 * registers nothing). Every rejection is checked for its status, its JSON error and that the resource did not run.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebhooksOverHttpIT {
    private static final int MAX_BODY_SIZE = 64 * 1024;

    @Deployment(testable = false)
    static WebArchive shop() {
        return AppArchives.shop(
                "webhooks-shop",
                Map.of(
                        "schematic.webhooks.tolerance", "5m",
                        "schematic.webhooks.max-body-size", "64KiB"));
    }

    @ArquillianResource
    URL base;

    ShopClient shop;

    @BeforeEach
    void client() {
        shop = new ShopClient(base);
    }

    @Test
    void aSignedWebhookReachesTheResourceWithTheIdenticalBytes() throws Exception {
        // non-ASCII in several UTF-8 lengths, and formatting a re-serialized JSON would lose
        byte[] body = event("company.updated", "Zoë Ünïcødé — 日本語 🚀 \\u00e9").getBytes(StandardCharsets.UTF_8);
        int before = receivedCount();

        ShopClient.Answer answer = shop.webhook("", body, signed(body, WEBHOOK_SECRET, Instant.now()));

        assertEquals(200, answer.status(), answer.body());
        JsonObject json = answer.json();
        assertEquals("default", json.getString("endpoint"), json::toString);
        assertEquals("company.updated", json.getString("action"), json::toString);
        assertEquals(body.length, json.getInt("bytes"), json::toString);
        assertEquals(sha256(body), json.getString("sha256"), json::toString);
        // the SDK mapped the body to its typed record for the action
        assertEquals("CompanyDetailResponseData", json.getString("bodyType"), json::toString);
        assertEquals("Zoë Ünïcødé — 日本語 🚀 é", json.getString("companyName"), json::toString);
        assertEquals(before + 1, receivedCount());
        assertEquals(
                "default:company.updated",
                shop.webhooksReceived().getJsonArray("received").getString(before));
    }

    @Test
    void aWebhookSignedWithThePreviousSecretStillVerifiesWhileRotating() {
        byte[] body = event("test.send", "rotation").getBytes(StandardCharsets.UTF_8);

        ShopClient.Answer answer = shop.webhook("", body, signed(body, PREVIOUS_WEBHOOK_SECRET, Instant.now()));

        assertEquals(200, answer.status(), answer.body());
        assertEquals("test.send", answer.json().getString("action"));
        assertEquals("JsonValue", answer.json().getString("bodyType"), answer::body);
    }

    @Test
    void anUnsignedWebhookIsRefusedWith400() {
        byte[] body = event("company.updated", "unsigned").getBytes(StandardCharsets.UTF_8);

        assertRejected(() -> shop.webhook("", body, Map.of()), 400, "Missing webhook signature");
    }

    @Test
    void aWebhookWithoutTimestampIsRefusedWith400() {
        byte[] body = event("company.updated", "no timestamp").getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(signed(body, WEBHOOK_SECRET, Instant.now()));
        headers.remove(TIMESTAMP_HEADER);

        assertRejected(() -> shop.webhook("", body, headers), 400, "Missing webhook timestamp");
    }

    @Test
    void aTamperedBodyIsRefusedWith401() {
        byte[] body = event("company.updated", "Acme").getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = signed(body, WEBHOOK_SECRET, Instant.now());
        byte[] tampered = event("company.updated", "Acmf").getBytes(StandardCharsets.UTF_8);

        assertRejected(() -> shop.webhook("", tampered, headers), 401, "Invalid signature");
    }

    @Test
    void aWebhookSignedWithAnotherSecretIsRefusedWith401() {
        byte[] body = event("company.updated", "forged").getBytes(StandardCharsets.UTF_8);

        assertRejected(
                () -> shop.webhook("", body, signed(body, "whsec_someone_else", Instant.now())),
                401,
                "Invalid signature");
    }

    @Test
    void aGenuineWebhookAnHourOldIsRefusedWith401UnderAFiveMinuteTolerance() {
        byte[] body = event("company.updated", "replayed").getBytes(StandardCharsets.UTF_8);
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));

        ShopClient.Answer answer =
                assertRejected(() -> shop.webhook("", body, signed(body, WEBHOOK_SECRET, anHourAgo)), 401, null);

        String error = answer.json().getString("error");
        assertTrue(error.startsWith("Webhook timestamp too old: sent 36"), error);
        assertTrue(error.endsWith("tolerance is 300s"), error);
    }

    @Test
    void aSignedBodyOverTheLimitIsRefusedWith413() {
        byte[] body = paddedEvent(MAX_BODY_SIZE + 1);

        assertRejected(
                () -> shop.webhook("", body, signed(body, WEBHOOK_SECRET, Instant.now())),
                413,
                "Webhook body exceeds 65536 bytes");
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413WhileReading() {
        // no Content-Length: the filter has to stop reading at the limit
        byte[] body = paddedEvent(MAX_BODY_SIZE + 1);
        HttpRequest.BodyPublisher chunked =
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));

        assertRejected(
                () -> shop.webhook("", chunked, signed(body, WEBHOOK_SECRET, Instant.now())),
                413,
                "Webhook body exceeds 65536 bytes");
    }

    @Test
    void aSignedBodyOfExactlyTheLimitIsAccepted() throws Exception {
        byte[] body = paddedEvent(MAX_BODY_SIZE);

        ShopClient.Answer answer = shop.webhook("", body, signed(body, WEBHOOK_SECRET, Instant.now()));

        assertEquals(200, answer.status(), answer.body());
        assertEquals(MAX_BODY_SIZE, answer.json().getInt("bytes"));
        assertEquals(sha256(body), answer.json().getString("sha256"));
    }

    @Test
    void theBillingEndpointAcceptsOnlyItsOwnSecret() {
        byte[] body = event("subscription.trial.ended", "billing").getBytes(StandardCharsets.UTF_8);

        ShopClient.Answer billing = shop.webhook("billing", body, signed(body, BILLING_WEBHOOK_SECRET, Instant.now()));
        assertEquals(200, billing.status(), billing.body());
        assertEquals("billing", billing.json().getString("endpoint"));
        assertEquals("subscription.trial.ended", billing.json().getString("action"));

        assertRejected(
                () -> shop.webhook("billing", body, signed(body, WEBHOOK_SECRET, Instant.now())),
                401,
                "Invalid signature");
        assertRejected(
                () -> shop.webhook("billing", body, signed(body, PREVIOUS_WEBHOOK_SECRET, Instant.now())),
                401,
                "Invalid signature");
        // and the default endpoint does not take the billing secret
        assertRejected(
                () -> shop.webhook("", body, signed(body, BILLING_WEBHOOK_SECRET, Instant.now())),
                401,
                "Invalid signature");
    }

    /**
     * Sends {@code request} and checks that it was refused with {@code status} and the JSON body {@code
     * {"error":error}} ({@code error} null: any message), and that the resource did not run: the count of webhooks it
     * received is unchanged.
     */
    private ShopClient.Answer assertRejected(Supplier<ShopClient.Answer> request, int status, String error) {
        int before = receivedCount();
        ShopClient.Answer answer = request.get();

        assertEquals(status, answer.status(), answer.body());
        JsonObject json = answer.json();
        assertEquals(Set.of("error"), json.keySet(), json::toString);
        if (error != null) {
            assertEquals(error, json.getString("error"), json::toString);
        }
        assertEquals(before, receivedCount(), "the resource ran for a rejected webhook");
        return answer;
    }

    private int receivedCount() {
        return shop.webhooksReceived().getInt("count");
    }

    /** A Schematic webhook envelope for {@code action} whose body names {@code name}, with unusual formatting. */
    private static String event(String action, String name) {
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
