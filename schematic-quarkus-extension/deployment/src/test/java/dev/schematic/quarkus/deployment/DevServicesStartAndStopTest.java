package dev.schematic.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import dev.schematic.internal.config.SchematicConfig;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With no API key, Dev Services start the fake seeded from the flags file, point the SDK at it, and stop it when the
 * application is done.
 */
class DevServicesStartAndStopTest {
    private static final String URL_PROPERTY = "schematic.test.devservices-url";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.schematic.devservices.flags-file", "src/test/resources/test-flags.json")
            .setAfterAllCustomizer(DevServicesStartAndStopTest::fakeIsStopped);

    @Inject
    SchematicConfig settings;

    @Inject
    Schematic schematic;

    @Test
    void theSdkPointsAtTheFakeWithAFakeKey() {
        assertEquals("127.0.0.1", settings.baseUrl().getHost());
        assertEquals(settings.baseUrl(), settings.eventCaptureUrl());
        assertEquals(SchematicDevServicesProcessor.DEV_API_KEY, settings.apiKey());
        System.setProperty(URL_PROPERTY, settings.baseUrl().toString());
        assertTrue(accepts(settings.baseUrl().getPort()), "the fake is listening");
    }

    @Test
    void flagsComeFromTheFlagsFile() {
        FlagCheck acme = schematic.checkFlagDetailed("beta", Map.of("id", "acme"), Map.of());
        assertTrue(acme.value());
        assertEquals(FlagCheck.Source.API, acme.source());
        assertFalse(schematic.checkFlag("beta", Map.of("id", "globex"), Map.of()));
    }

    @Test
    void eventsAreDelivered() {
        schematic.identify(Map.of("email", "ada@acme.io"));
        schematic.flush();
        assertEquals(1, schematic.eventStats().delivered());
    }

    static void fakeIsStopped() {
        String url = System.clearProperty(URL_PROPERTY);
        assertTrue(url != null, "the test recorded the fake's URL");
        int port = java.net.URI.create(url).getPort();
        assertFalse(accepts(port), "the fake at " + url + " was stopped with the application");
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
