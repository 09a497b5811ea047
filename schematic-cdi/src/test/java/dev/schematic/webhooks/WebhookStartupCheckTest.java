package dev.schematic.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.SchematicConfigException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With {@link WebhookStartupCheck} registered, a webhook endpoint without its secret stops the deployment. */
class WebhookStartupCheckTest {
    @Path("/ledger")
    public static class LedgerReceiver {
        @POST
        @VerifiedSchematicWebhook(secretKey = "schematic.webhooks.secrets.ledger")
        public String receive(byte[] body) {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static Application app() {
        return new Application() {
            @Override
            public Set<Class<?>> getClasses() {
                return Set.of(WebhookSignatureFilter.class, WebhookStartupCheck.class, LedgerReceiver.class);
            }
        };
    }

    @AfterEach
    void clear() {
        System.clearProperty("schematic.webhooks.secrets.ledger");
        System.clearProperty("schematic.webhooks.tolerance");
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
    }

    static SchematicConfigException deploymentFailure(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SchematicConfigException e) {
                return e;
            }
        }
        throw new AssertionError("not a configuration failure", thrown);
    }

    @Test
    void aMissingSecretFailsTheDeploymentNamingTheEndpointsKey() {
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> new WebhookServer(app()).close());
        SchematicConfigException e = deploymentFailure(thrown);
        assertEquals("schematic.webhooks.secrets.ledger", e.key());
        assertTrue(e.getMessage().startsWith("SCHEM401 "), e.getMessage());
    }

    @Test
    void anInvalidToleranceFailsTheDeploymentToo() {
        System.setProperty("schematic.webhooks.secrets.ledger", "whsec_ledger");
        System.setProperty("schematic.webhooks.tolerance", "a while");
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> new WebhookServer(app()).close());
        assertEquals("schematic.webhooks.tolerance", deploymentFailure(thrown).key());
    }

    @Test
    void aConfiguredEndpointDeploysAndVerifies() {
        System.setProperty("schematic.webhooks.secrets.ledger", "whsec_ledger");
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        try (WebhookServer server = new WebhookServer(app())) {
            byte[] body = "{\"action\":\"test.send\"}".getBytes(StandardCharsets.UTF_8);
            WebhookServer.Answer answer =
                    server.post("/ledger", body, WebhookFilterMicroProfileConfigTest.signed(body, "whsec_ledger"));
            assertEquals(200, answer.status(), answer.body());
            assertEquals("{\"action\":\"test.send\"}", answer.body());
        }
    }
}
