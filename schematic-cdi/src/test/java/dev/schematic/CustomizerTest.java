package dev.schematic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.testkit.FakeSchematic;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomizerTest {

    @Test
    void apiCallsAndEventsGoThroughAnHttpProxySetByACustomizer() throws Exception {
        try (FakeSchematic fake = FakeSchematic.start();
                ForwardProxy proxy = new ForwardProxy()) {
            fake.flag("new-ui").defaultValue(true);
            try (Schematic s = Clients.against(fake)
                    .customizer(b -> b.proxyAddress("127.0.0.1", proxy.port()))
                    .build()) {
                FlagCheck check = s.checkFlagDetailed("new-ui", Map.of("id", "acme"), Map.of());
                assertEquals(FlagCheck.Source.API, check.source(), check.reason());
                assertTrue(check.value());
                s.track("e", Map.of("id", "acme"), Map.of());
            }
            assertEquals(1, fake.eventCount());
            assertTrue(
                    proxy.forwarded.stream()
                            .anyMatch(
                                    r -> r.startsWith("POST http://127.0.0.1:" + fake.port() + "/flags/new-ui/check")),
                    proxy.forwarded.toString());
            assertTrue(proxy.forwarded.stream().anyMatch(r -> r.endsWith("/batch")), proxy.forwarded.toString());
        }
    }

    @Test
    void aCustomizerCanAddHeadersButNotReplaceTheApiKey() {
        try (FakeSchematic fake = FakeSchematic.start()) {
            fake.flag("new-ui").defaultValue(true);
            ClientRequestFilter extra = request -> {
                request.getHeaders().putSingle("X-Tenant", "blue");
                request.getHeaders().putSingle("X-Schematic-Api-Key", "spoofed");
            };
            try (Schematic s = Clients.against(fake)
                    .customizer(b -> b.register(extra, 10))
                    .timeout(Duration.ofSeconds(5))
                    .build()) {
                s.checkFlag("new-ui", Map.of("id", "acme"), Map.of());
            }
            var request = fake.requests("POST", "/flags/new-ui/check").get(0);
            assertEquals("blue", request.header("X-Tenant"));
            assertEquals(Clients.API_KEY, request.header("X-Schematic-Api-Key"));
        }
    }
}
