package dev.schematic.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With Dev Services disabled, no API key is a startup error (as in production), not a silent offline client. */
class MissingApiKeyWithoutDevServicesFailsStartupTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.schematic.devservices.enabled", "false")
            .assertException(ConfigErrors.failsWith("SCHEM100", "schematic.api-key"));

    @Test
    void startupFailsNamingTheKey() {
        fail("the application must not start");
    }
}
