package dev.schematic.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A flags file that does not exist is reported with the key, not silently ignored. */
class MissingFlagsFileFailsBuildTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.schematic.devservices.flags-file", "no/such/flags.json")
            .assertException(thrown -> {
                Throwable t = thrown;
                StringBuilder messages = new StringBuilder();
                while (t != null) {
                    messages.append(t.getMessage()).append('\n');
                    t = t.getCause();
                }
                Assertions.assertTrue(
                        messages.toString().contains(SchematicDevServicesProcessor.FLAGS_FILE_KEY), messages::toString);
            });

    @Test
    void theBuildFails() {
        fail("the application must not start");
    }
}
