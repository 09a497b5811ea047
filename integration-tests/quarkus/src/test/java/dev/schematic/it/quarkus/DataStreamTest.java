package dev.schematic.it.quarkus;

import static dev.schematic.testkit.DataStreamEntities.company;
import static dev.schematic.testkit.DataStreamEntities.companyOverride;
import static dev.schematic.testkit.DataStreamEntities.flag;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.DataStreamState;
import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import dev.schematic.testkit.FakeDataStream;
import dev.schematic.testkit.FakeSchematic;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.websocket.ContainerProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DataStream on in Quarkus: the app connects to the test's fake DataStream through the extension's jakarta.websocket
 * client, answers checks locally from the rules it was sent, follows flags pushed while it runs, and reports ready in
 * {@code /q/health/ready}.
 */
@QuarkusTest
@TestProfile(DataStreamTest.WithFakeDataStream.class)
class DataStreamTest {
    private static final String PDF_EXPORT = "pdf-export";
    private static final Map<String, String> INITECH = Map.of("id", "initech");
    private static final Map<String, String> HOOLI = Map.of("id", "hooli");

    /** {@link WithFakeSchematic} with the fake's DataStream started and {@code schematic.datastream.*} set to it. */
    public static class WithFakeDataStream extends WithFakeSchematic {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(
                    FakeSchematicResource.class, Map.of(FakeSchematicResource.DATASTREAM, "true")));
        }
    }

    @InjectFakeSchematic
    FakeSchematic fake;

    @Inject
    Schematic schematic;

    FakeDataStream dataStream;

    /** pdf-export: off by default, on for Initech by a company-override rule; both companies known to the stream. */
    @BeforeEach
    void seed() {
        assertTrue(schematic.awaitReady(Duration.ofSeconds(30)), () -> "not ready: " + schematic.dataStream());
        dataStream = fake.dataStream();
        dataStream.company(company("comp_initech", INITECH));
        dataStream.company(company("comp_hooli", HOOLI));
        dataStream.flag(flag(PDF_EXPORT, false, companyOverride("rule_initech", "comp_initech", true)));
        awaitCheck(INITECH, c -> c.source() == FlagCheck.Source.LOCAL && c.value());
        awaitCheck(HOOLI, c -> c.source() == FlagCheck.Source.LOCAL && !c.value());
        fake.reset();
    }

    @Test
    void checksAreAnsweredLocallyFromTheCompanyOverride() {
        FlagCheck check = schematic.checkFlagDetailed(PDF_EXPORT, INITECH, Map.of());
        assertEquals(FlagCheck.Source.LOCAL, check.source());
        assertTrue(check.value());
        assertEquals("rule_initech", check.ruleId());
        assertEquals("comp_initech", check.companyId());

        given().header("X-Company-Id", "initech")
                .get("/documents/tps-report/export")
                .then()
                .statusCode(200);
        given().header("X-Company-Id", "hooli")
                .get("/documents/tps-report/export")
                .then()
                .statusCode(403);
        assertEquals(List.of(), fake.requests("POST", "/flags/" + PDF_EXPORT + "/check"), "no REST check");
    }

    @Test
    void aFlagPushedWhileRunningChangesTheNextCheck() {
        dataStream.flag(flag(PDF_EXPORT, true));
        FlagCheck check = awaitCheck(HOOLI, c -> c.value());
        assertEquals(FlagCheck.Source.LOCAL, check.source());
        given().header("X-Company-Id", "hooli")
                .get("/documents/tps-report/export")
                .then()
                .statusCode(200);
        assertEquals(List.of(), fake.requests("POST", "/flags/" + PDF_EXPORT + "/check"), "no REST check");
    }

    @Test
    void readinessReportsTheDataStreamReady() {
        assertEquals(DataStreamState.READY, schematic.dataStream().state());
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'schematic-datastream' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'schematic-datastream' }.data.state", equalTo("ready"))
                .body("checks.find { it.name == 'schematic-datastream' }.data.url", equalTo(dataStream.url()));
    }

    /**
     * The extension brings Quarkus' jakarta.websocket client (Undertow's, on Vert.x); the test kit's Tyrus client is
     * on this test's class path too, but the app must not depend on it.
     */
    @Test
    void theConnectionUsesQuarkusWebSocketClientAndCarriesTheApiKey() {
        assertEquals(
                "io.undertow.websockets.ServerWebSocketContainer",
                ContainerProvider.getWebSocketContainer().getClass().getName());
        List<Map<String, List<String>>> handshakes = dataStream.handshakes();
        assertTrue(
                handshakes.stream()
                        .anyMatch(h -> h.entrySet().stream()
                                .anyMatch(e -> e.getKey().equalsIgnoreCase("X-Schematic-Api-Key")
                                        && e.getValue().contains("sch_test_resource"))),
                () -> "handshakes: " + handshakes);
    }

    /** Checks until the answer matches (DataStream messages are applied in the background), at most 10 s. */
    private FlagCheck awaitCheck(Map<String, String> company, Predicate<FlagCheck> expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        FlagCheck check;
        do {
            check = schematic.checkFlagDetailed(PDF_EXPORT, company, Map.of());
            if (expected.test(check)) {
                return check;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("check for " + company + " still " + check + "; DataStream " + schematic.dataStream());
    }
}
