package dev.schematic.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import dev.schematic.webhooks.VerifiedSchematicWebhook;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An invalid {@code schematic.webhooks.tolerance} fails startup with SCHEM402 when a webhook endpoint exists. */
class WebhookBadToleranceFailsStartupTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hooks.class))
            .overrideConfigKey("schematic.api-key", "sch_dev_test")
            .overrideConfigKey("schematic.webhooks.secret", "whsec_test")
            .overrideConfigKey("schematic.webhooks.tolerance", "soon")
            .assertException(ConfigErrors.failsWith("SCHEM402", "schematic.webhooks.tolerance"));

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
