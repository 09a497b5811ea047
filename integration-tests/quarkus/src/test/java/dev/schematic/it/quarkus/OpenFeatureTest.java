package dev.schematic.it.quarkus;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schematic.testkit.FakeSchematic;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenFeature scenario (docs/openfeature.md, Quarkus): {@code FeaturesResource} knows only OpenFeature's {@code
 * Client}; with schematic-openfeature in the app, the extension registered the {@code schematic} provider over its
 * {@code Schematic}, so the injected client answers from the test kit's flags (REST mode), for the calling company.
 */
@QuarkusTest
@TestProfile(WithFakeSchematic.class)
class OpenFeatureTest {
    static final String FLAG = "of-new-checkout";

    @InjectFakeSchematic
    FakeSchematic fake;

    @BeforeEach
    void programTheFake() {
        fake.reset();
        fake.flag(FLAG).defaultValue(false).forCompany(Map.of("id", "acme"), true);
    }

    @Test
    void anInjectedOpenFeatureClientAnswersFromASchematicFlag() {
        given().header("X-Company-Id", "acme")
                .get("/features/" + FLAG)
                .then()
                .statusCode(200)
                .body("value", equalTo(true))
                .body("reason", equalTo("TARGETING_MATCH"))
                .body("provider", equalTo("schematic"))
                .body("source", equalTo("API"));
        assertEquals(
                "acme",
                fake.requests("POST", "/flags/" + FLAG)
                        .get(0)
                        .bodyJson()
                        .getJsonObject("company")
                        .getString("id"));

        given().header("X-Company-Id", "globex")
                .get("/features/" + FLAG)
                .then()
                .statusCode(200)
                .body("value", equalTo(false))
                .body("reason", equalTo("DEFAULT"));
    }

    @Test
    void anUnknownFlagIsFlagNotFoundWithTheCallersDefault() {
        given().header("X-Company-Id", "acme")
                .get("/features/of-no-such-flag")
                .then()
                .statusCode(200)
                .body("value", equalTo(false))
                .body("errorCode", equalTo("FLAG_NOT_FOUND"));
    }
}
