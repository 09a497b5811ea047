package dev.schematic.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.bootstrap.spi.BeanDiscoveryMode;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WebhookDeploymentCheck} fails the CDI deployment itself (no JAX-RS involved, as on servers that start JAX-RS
 * on the first request) when a {@code @VerifiedSchematicWebhook} resource bean has no secret.
 */
class WebhookDeploymentCheckTest {
    private static final String LEDGER_KEY = "schematic.webhooks.secrets.ledger";
    private static final Set<String> KEYS = Set.of("schematic.api-key", "schematic.offline", LEDGER_KEY);

    /** No bean-defining annotation, so the other Weld tests' discovery (annotated mode) leaves it out. */
    @Path("/ledger")
    public static class LedgerReceiver {
        @POST
        @VerifiedSchematicWebhook(secretKey = LEDGER_KEY)
        public String receive(byte[] body) {
            return "ok";
        }

        @GET
        public String status() {
            return "up";
        }
    }

    @BeforeEach
    void configureTheClient() {
        System.setProperty("schematic.api-key", "sch_dev_webhooks");
        System.setProperty("schematic.offline", "true");
        release();
    }

    @AfterEach
    void clear() {
        KEYS.forEach(System::clearProperty);
        release();
    }

    private static void release() {
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
    }

    private static Weld weld() {
        // no discovery: only this resource and the extension under test
        return new Weld()
                .disableDiscovery()
                .setBeanDiscoveryMode(BeanDiscoveryMode.ALL)
                .addExtension(new WebhookDeploymentCheck())
                .addBeanClass(LedgerReceiver.class);
    }

    @Test
    void aWebhookResourceBeanWithoutItsSecretFailsTheCdiDeploymentNamingTheKey() {
        RuntimeException thrown =
                assertThrows(RuntimeException.class, () -> weld().initialize().close());

        StringBuilder messages = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains("SCHEM401 " + LEDGER_KEY), messages::toString);
    }

    @Test
    void withItsSecretTheDeploymentStarts() {
        System.setProperty(LEDGER_KEY, "whsec_ledger");
        release();

        try (WeldContainer container = weld().initialize()) {
            assertEquals("up", container.select(LedgerReceiver.class).get().status());
        }
    }
}
