package dev.schematic.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BadUrlFailsStartupTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("schematic.api-key", "sch_dev_test")
            .overrideConfigKey("schematic.base-url", "ftp://api.example.com")
            .assertException(ConfigErrors.failsWith("SCHEM107", "schematic.base-url"));

    @Test
    void startupFailsNamingTheKey() {
        fail("the application must not start");
    }
}
