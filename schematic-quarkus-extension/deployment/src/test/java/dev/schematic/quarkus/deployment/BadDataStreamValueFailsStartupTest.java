package dev.schematic.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A {@code schematic.datastream.*} key is known to the mapping and validated by the SDK, naming the key. */
class BadDataStreamValueFailsStartupTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("schematic.api-key", "sch_dev_test")
            .overrideConfigKey("schematic.datastream.reconnect.min-delay", "10s")
            .overrideConfigKey("schematic.datastream.reconnect.max-delay", "2s")
            .assertException(ConfigErrors.failsWith("SCHEM106", "schematic.datastream.reconnect.max-delay"));

    @Test
    void startupFailsNamingTheKey() {
        fail("the application must not start");
    }
}
