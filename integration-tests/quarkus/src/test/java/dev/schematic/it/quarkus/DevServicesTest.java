package dev.schematic.it.quarkus;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.EventStats;
import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With no {@code schematic.api-key}, Dev Services run the test kit's fake seeded from {@code flags.json}: the app's
 * flag checks are answered from that file and its events are delivered to the fake.
 */
@QuarkusTest
class DevServicesTest {

    @Inject
    Schematic schematic;

    @Test
    void flagsComeFromTheFlagsFile() {
        FlagCheck acme = schematic.checkFlagDetailed("pdf-export", Map.of("id", "acme"), Map.of());
        assertTrue(acme.value());
        assertEquals(FlagCheck.Source.API, acme.source());
        assertTrue(schematic.checkFlag("bulk-print"));
    }

    @Test
    void theSeededFlagGatesTheExportEndpoint() {
        given().header("X-Company-Id", "acme")
                .when()
                .get("/documents/d1/export")
                .then()
                .statusCode(200)
                .body("contentType", equalTo("application/pdf"));
        given().header("X-Company-Id", "globex")
                .when()
                .get("/documents/d1/export")
                .then()
                .statusCode(403)
                .body("flag", equalTo("pdf-export"));
    }

    @Test
    void eventsAreDeliveredToTheFake() {
        long before = schematic.eventStats().delivered();
        given().contentType(ContentType.JSON)
                .body("{\"email\":\"ada@acme.io\",\"name\":\"Ada\",\"companyId\":\"acme\"}")
                .post("/session")
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .header("X-Company-Id", "acme")
                .body("{\"pages\":3}")
                .post("/documents/d1/print")
                .then()
                .statusCode(202);
        schematic.flush();
        EventStats stats = schematic.eventStats();
        assertEquals(before + 2, stats.delivered(), stats.toString());
        assertEquals(0, stats.failed(), stats.toString());
    }
}
