package dev.schematic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.testkit.FakeSchematic;
import java.io.File;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShutdownFlushTest {

    @Test
    void queuedEventsAreSentWhenTheJvmExitsWithoutClose() throws Exception {
        try (FakeSchematic fake = FakeSchematic.start()) {
            String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
            Process app = new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            ForgetfulApp.class.getName(),
                            fake.baseUrl(),
                            "120")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            assertTrue(app.waitFor(60, TimeUnit.SECONDS), "the app exits");
            assertEquals(0, app.exitValue());
            assertEquals(120, fake.eventCount(), "every queued event was sent by the shutdown hook");
        }
    }
}
