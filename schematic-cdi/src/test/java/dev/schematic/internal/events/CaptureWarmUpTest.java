package dev.schematic.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schematic.Schematic;
import dev.schematic.internal.client.SchematicRuntime;
import dev.schematic.internal.config.Catalogue;
import dev.schematic.internal.config.SchematicConfig;
import dev.schematic.internal.http.RestClients;
import dev.schematic.testkit.FakeSchematic;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Preparing event delivery makes one request through the capture client (so that Jersey builds its runtime while the
 * server runs, not in the final flush at a Payara Micro stop); that request never leaves the process.
 */
class CaptureWarmUpTest {

    @Test
    void aPreparedClientSentNothingAndCountedNoEvent() {
        try (FakeSchematic fake = FakeSchematic.start();
                Schematic s = CaptureClients.against(fake.baseUrl())
                        .cacheEnabled(false)
                        .build()) {
            SchematicRuntime.prepareEventDelivery(s);
            assertEquals(List.of(), fake.requests("POST", "/batch"), "the warm-up sent nothing to capture");
            assertEquals(0, s.eventStats().submitted(), () -> s.eventStats().toString());
            assertEquals(0, s.eventStats().batches(), () -> s.eventStats().toString());

            s.track("after-warm-up", Map.of("id", "acme"), Map.of());
            s.flush();
            assertEquals(1, fake.requests("POST", "/batch").size(), "a real event still goes out");
        }
    }

    @Test
    void theWarmUpRequestOpensNoConnection() {
        int port;
        try (FakeSchematic probe = FakeSchematic.start()) {
            port = probe.port();
        } // nothing listens there now: a request that tried to connect would fail
        SchematicConfig config = SchematicConfig.read(Map.of(
                Catalogue.API_KEY.name(),
                CaptureClients.API_KEY,
                Catalogue.BASE_URL.name(),
                "http://127.0.0.1:" + port));
        try (RestClients clients = new RestClients(config, List.of())) {
            new CaptureTransport(clients, URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(5)).prepare();
        }
    }
}
