package dev.schematic.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schematic.Schematic;
import dev.schematic.testkit.CapturedEvent;
import dev.schematic.testkit.FakeSchematic;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Events still queued when Quarkus stops are delivered during shutdown. The flush interval is an hour, so only the
 * shutdown can have sent them; the check runs after the application is closed.
 */
class ShutdownFlushesEventsTest {
    // Started in the JVM's class loader copy of this class, the one that configures and undeploys the app.
    static final FakeSchematic FAKE = FakeSchematic.start();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("schematic.api-key", "sch_dev_shutdown")
            .overrideConfigKey("schematic.base-url", FAKE.baseUrl())
            .overrideConfigKey("schematic.event-capture-url", FAKE.baseUrl())
            .overrideConfigKey("schematic.events.flush-interval", "1h")
            .setAfterUndeployListener(ShutdownFlushesEventsTest::queuedEventsWereDelivered);

    @Inject
    Schematic schematic;

    @Test
    void eventsAreQueuedNotSentYet() {
        schematic.track("pages-printed", Map.of("id", "acme"), Map.of(), Map.of(), 3);
        schematic.track("pages-printed", Map.of("id", "acme"), Map.of(), Map.of(), 4);
        schematic.identify(Map.of("email", "ada@acme.io"));
        assertEquals(3, schematic.eventStats().submitted());
        assertEquals(0, schematic.eventStats().delivered());
    }

    static void queuedEventsWereDelivered() {
        try {
            List<CapturedEvent> events = FAKE.events();
            assertEquals(3, events.size(), events::toString);
            assertEquals(2, FAKE.events("track").size());
        } finally {
            FAKE.close();
        }
    }
}
