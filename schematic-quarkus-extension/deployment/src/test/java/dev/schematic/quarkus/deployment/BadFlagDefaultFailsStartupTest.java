package dev.schematic.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BadFlagDefaultFailsStartupTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("schematic.api-key", "sch_dev_test")
            .overrideConfigKey("schematic.flag-defaults.new-editor", "maybe")
            .assertException(ConfigErrors.failsWith("SCHEM103", "schematic.flag-defaults.new-editor"));

    @Test
    void startupFailsNamingTheKey() {
        fail("the application must not start");
    }
}
