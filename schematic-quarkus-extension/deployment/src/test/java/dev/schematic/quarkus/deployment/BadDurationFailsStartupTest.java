package dev.schematic.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BadDurationFailsStartupTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("schematic.api-key", "sch_dev_test")
            .overrideConfigKey("schematic.timeout", "soon")
            .assertException(ConfigErrors.failsWith("SCHEM102", "schematic.timeout"));

    @Test
    void startupFailsNamingTheKey() {
        fail("the application must not start");
    }
}
