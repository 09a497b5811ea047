package dev.schematic.internal.datastream;

import static dev.schematic.testkit.DataStreamEntities.company;
import static dev.schematic.testkit.DataStreamEntities.companyOverride;
import static dev.schematic.testkit.DataStreamEntities.flag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With only the base URL configured, the client derives {@code ws://host:port/datastream} (DataStreamUrl) and the test
 * kit serves the DataStream there, on the REST port: one fake, both paths.
 */
class DerivedUrlTest {

    @Test
    void theDerivedDataStreamUrlReachesTheFakeOnTheRestPort() {
        try (FakeSchematic fake = FakeSchematic.start()) {
            fake.dataStream().flag(flag("new-ui", false, companyOverride("r1", "comp_1", true)));
            fake.dataStream().company(company("comp_1", Map.of("id", "acme")));
            try (Schematic s = Schematic.builder()
                    .apiKey(LocalClients.API_KEY)
                    .baseUrl(fake.baseUrl())
                    .eventCaptureUrl(fake.baseUrl())
                    .property("schematic.datastream.enabled", "true") // no schematic.datastream.url
                    .build()) {
                assertTrue(s.awaitReady(Duration.ofSeconds(10)), () -> "not ready: " + s.dataStream());
                FlagCheck c = s.checkFlagDetailed("new-ui", Map.of("id", "acme"), Map.of());
                assertEquals(FlagCheck.Source.LOCAL, c.source(), c::toString);
                assertTrue(c.value());
                assertEquals(
                        LocalClients.API_KEY,
                        fake.dataStream()
                                .handshakes()
                                .get(0)
                                .get("X-Schematic-Api-Key")
                                .get(0));
            }
        }
    }
}
