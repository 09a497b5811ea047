package dev.schematic.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BadNestedValueFailsStartupTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("schematic.api-key", "sch_dev_test")
            .overrideConfigKey("schematic.events.batch-size", "500")
            .assertException(ConfigErrors.failsWith("SCHEM105", "schematic.events.batch-size"));

    @Test
    void startupFailsNamingTheKey() {
        fail("the application must not start");
    }
}
