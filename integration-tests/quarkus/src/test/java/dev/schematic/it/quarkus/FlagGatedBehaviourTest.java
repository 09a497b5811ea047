package dev.schematic.it.quarkus;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.schematic.testkit.FakeSchematic;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The export endpoint follows the {@code pdf-export} flag as Schematic answers it for the calling company. */
@QuarkusTest
@TestProfile(WithFakeSchematic.class)
class FlagGatedBehaviourTest {

    @InjectFakeSchematic
    FakeSchematic fake;

    @BeforeEach
    void resetFake() {
        fake.reset();
    }

    @Test
    void aCompanyWithTheFeatureCanExport() {
        fake.flag("pdf-export").defaultValue(false).forCompany(Map.of("id", "initech"), true);
        given().header("X-Company-Id", "initech")
                .get("/documents/tps-report/export")
                .then()
                .statusCode(200)
                .body("location", equalTo("/files/tps-report.pdf"));
    }

    @Test
    void aCompanyWithoutItIsRefusedWithTheReason() {
        fake.flag("pdf-export").defaultValue(false).forCompany(Map.of("id", "initech"), true);
        given().header("X-Company-Id", "hooli")
                .get("/documents/tps-report/export")
                .then()
                .statusCode(403)
                .body("flag", equalTo("pdf-export"))
                .body("reason", notNullValue());
    }

    @Test
    void turningTheFlagOnInSchematicTakesEffectWithoutRestart() {
        fake.flag("pdf-export").defaultValue(false);
        given().header("X-Company-Id", "hooli")
                .get("/documents/a/export")
                .then()
                .statusCode(403);
        fake.flag("pdf-export").defaultValue(true);
        given().header("X-Company-Id", "hooli")
                .get("/documents/a/export")
                .then()
                .statusCode(200);
    }

    @Test
    void theCheckIsMadeForTheCallingCompanyAndUser() {
        fake.flag("pdf-export").defaultValue(true);
        given().header("X-Company-Id", "initech")
                .header("X-User-Email", "peter@initech.com")
                .get("/documents/a/export")
                .then()
                .statusCode(200);
        String body = fake.requests("POST", "/flags/pdf-export/check").get(0).bodyText();
        org.junit.jupiter.api.Assertions.assertTrue(body.contains("initech"), body);
        org.junit.jupiter.api.Assertions.assertTrue(body.contains("peter@initech.com"), body);
    }

    @Test
    void aMissingCompanyHeaderIsABadRequest() {
        given().get("/documents/a/export").then().statusCode(400);
    }
}
