package dev.schematic.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import dev.schematic.webhooks.VerifiedSchematicWebhook;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An application with a {@code @VerifiedSchematicWebhook} endpoint and no {@code schematic.webhooks.secret} does not
 * start: the SDK's {@code WebhookStartupCheck}, registered by the extension, names the key (instead of the filter
 * answering 500 to every webhook later).
 */
class WebhookSecretMissingFailsStartupTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hooks.class))
            .overrideConfigKey("schematic.api-key", "sch_dev_test")
            .assertException(ConfigErrors.failsWith("SCHEM401", "schematic.webhooks.secret"));

    @Test
    void startupFailsNamingTheKey() {
        fail("the application must not start");
    }

    @Path("/hooks")
    public static class Hooks {
        @POST
        @VerifiedSchematicWebhook
        public void receive(byte[] body) {}
    }
}
