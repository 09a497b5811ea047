package dev.schematic.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.webhooks.WebhookServer.Answer;
import jakarta.ws.rs.core.Application;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The filter as a user registers it, by class ({@code Application#getClasses()}), reading {@code schematic.webhooks.*}
 * from MicroProfile Config on first use.
 */
class WebhookFilterMicroProfileConfigTest {
    static final List<String> KEYS =
            List.of("schematic.webhooks.secret", "schematic.webhooks.max-body-size", "schematic.webhooks.tolerance");

    WebhookServer server;

    @BeforeEach
    void start() {
        KEYS.forEach(System::clearProperty);
        releaseConfig();
        WebhookSignatureFilterTest.CALLS.clear();
        server = new WebhookServer(new Application() {
            @Override
            public Set<Class<?>> getClasses() {
                return Set.of(WebhookSignatureFilter.class, WebhookSignatureFilterTest.Receiver.class);
            }
        });
    }

    @AfterEach
    void stop() {
        server.close();
        KEYS.forEach(System::clearProperty);
        releaseConfig();
    }

    static void releaseConfig() {
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
    }

    static Map<String, String> signed(byte[] body, String secret) {
        String ts = Long.toString(Instant.now().getEpochSecond());
        return Map.of(
                WebhookVerifier.SIGNATURE_HEADER,
                WebhookVerifier.computeHexSignature(body, ts, secret),
                WebhookVerifier.TIMESTAMP_HEADER,
                ts);
    }

    @Test
    void configurationIsReadOnFirstUseNotAtDeployment() {
        // Set after the application started: the filter has not looked yet.
        System.setProperty("schematic.webhooks.secret", "whsec_from_config");
        System.setProperty("schematic.webhooks.max-body-size", "16");
        releaseConfig();
        byte[] body = "{\"action\":\"x\"}".getBytes(StandardCharsets.UTF_8);

        Answer ok = server.post("/hooks", body, signed(body, "whsec_from_config"));
        assertEquals(200, ok.status(), ok.body());
        assertEquals(List.of("hooks"), WebhookSignatureFilterTest.CALLS);

        byte[] large = new byte[17];
        Answer tooLarge = server.post("/hooks", large, signed(large, "whsec_from_config"));
        assertEquals(413, tooLarge.status(), tooLarge.body());
    }

    @Test
    void aMissingSecretAnswers500UntilConfiguredAndNamesTheKeyOnlyInTheLog() {
        byte[] body = "{\"action\":\"test.send\"}".getBytes(StandardCharsets.UTF_8);
        try (LogCapture log = new LogCapture()) {
            Answer answer = server.post("/hooks", body, signed(body, "whsec_any"));
            assertEquals(500, answer.status());
            assertEquals("{\"error\":\"Webhook verification is not configured\"}", answer.body());
            assertEquals(List.of(), WebhookSignatureFilterTest.CALLS);
            assertTrue(
                    log.messages().stream().anyMatch(m -> m.contains("SCHEM401 schematic.webhooks.secret: required")),
                    log.messages().toString());
        }

        // A failed read is not cached: once the key is set, the same filter instance verifies.
        System.setProperty("schematic.webhooks.secret", "whsec_late");
        releaseConfig();
        assertEquals(
                200, server.post("/hooks", body, signed(body, "whsec_late")).status());
    }
}
