package dev.schematic.internal.datastream;

import static dev.schematic.testkit.DataStreamEntities.company;
import static dev.schematic.testkit.DataStreamEntities.companyOverride;
import static dev.schematic.testkit.DataStreamEntities.companyTraitRule;
import static dev.schematic.testkit.DataStreamEntities.flag;
import static dev.schematic.testkit.DataStreamEntities.trait;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.DataStreamState;
import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import dev.schematic.testkit.FakeDataStream;
import dev.schematic.testkit.FakeSchematic;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a reconnect does to companies that changed on the server while the socket was down: the client asks again for
 * every entity it asked for, and the answer replaces the cached copy, or, when the answer is "not found", evicts it
 * under all its keys. Real fake DataStream over a real WebSocket, stopped and restarted on the same port.
 */
class OutageRecoveryTest {
    static final Map<String, String> BETA = Map.of("id", "beta");
    static final Map<String, String> BETA_SLUG = Map.of("slug", "beta-inc");

    FakeSchematic fake;
    FakeDataStream ds;

    @BeforeEach
    void start() {
        fake = FakeSchematic.start();
        fake.flag("new-ui").defaultValue(false); // the REST API's answer for beta: false
        fake.flag("gold-only").defaultValue(false);
        ds = fake.dataStream();
        ds.flag(flag("new-ui", false, companyOverride("r1", "comp_2", true)));
        ds.flag(flag("gold-only", false, companyTraitRule("r2", "tier", "gold", true)));
        ds.company(company("comp_2", Map.of("id", "beta", "slug", "beta-inc")));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void aCompanyDeletedWhileDisconnectedIsEvictedUnderAllItsKeysWhenTheReRequestFindsNothing() throws Exception {
        try (Schematic s = LocalClients.against(fake).build()) {
            assertTrue(s.awaitReady(Duration.ofSeconds(30))); // a cold JVM under load: Infinispan starts first
            assertLocal(s, "new-ui", BETA, true);
            // cached under both of its keys, though asked for under one
            assertLocal(s, "new-ui", BETA_SLUG, true);
            assertEquals(1, ds.requests("rulesengine.Company").size());

            ds.stop();
            assertTrue(LocalCheckTest.eventually(() -> s.dataStream().state() == DataStreamState.STALE));
            assertLocal(s, "new-ui", BETA_SLUG, true); // the outage: answered from the cache
            ds.deleteCompany("comp_2"); // no socket: nothing is pushed
            ds.restart();
            assertTrue(s.awaitReady(Duration.ofSeconds(10)), s.dataStream()::toString);

            // the re-request (under the one key asked for) is answered with an error: the company goes, under the
            // key it was not asked for too
            assertTrue(
                    LocalCheckTest.eventually(() ->
                            s.checkFlagDetailed("new-ui", BETA_SLUG, Map.of()).source() != FlagCheck.Source.LOCAL),
                    () -> s.dataStream() + " " + ds.requests("rulesengine.Company"));
            for (Map<String, String> keys : List.of(BETA, BETA_SLUG)) {
                FlagCheck c = s.checkFlagDetailed("new-ui", keys, Map.of());
                assertEquals(FlagCheck.Source.API, c.source(), c::toString);
                assertFalse(c.value(), "the REST API's answer, not the deleted company's override");
            }
        }
    }

    @Test
    void aCompanyChangedWhileDisconnectedGetsTheNewValueFromTheReRequestAfterTheReconnect() throws Exception {
        try (Schematic s = LocalClients.against(fake).build()) {
            assertTrue(s.awaitReady(Duration.ofSeconds(30))); // a cold JVM under load: Infinispan starts first
            assertLocal(s, "gold-only", BETA, false);

            ds.stop();
            assertTrue(LocalCheckTest.eventually(() -> s.dataStream().state() == DataStreamState.STALE));
            JsonObject gold = Json.createObjectBuilder()
                    .add("traits", Json.createArrayBuilder().add(trait("tier", "gold")))
                    .build();
            ds.updateCompany("comp_2", gold); // no socket: the partial is not pushed
            assertLocal(s, "gold-only", BETA, false); // stale: the cached copy
            ds.restart();
            assertTrue(s.awaitReady(Duration.ofSeconds(10)), s.dataStream()::toString);

            assertTrue(
                    LocalCheckTest.eventually(() -> s.checkFlag("gold-only", BETA, Map.of())),
                    () -> s.dataStream() + " " + ds.requests("rulesengine.Company"));
            assertLocal(s, "gold-only", BETA, true);
            assertLocal(s, "gold-only", BETA_SLUG, true);
            assertEquals(2, ds.requests("rulesengine.Company").size(), "asked once per socket, under the same keys");
        }
    }

    private static void assertLocal(Schematic s, String flag, Map<String, String> company, boolean value) {
        FlagCheck c = s.checkFlagDetailed(flag, company, Map.of());
        assertEquals(FlagCheck.Source.LOCAL, c.source(), c::toString);
        assertEquals(value, c.value(), c::toString);
    }
}
