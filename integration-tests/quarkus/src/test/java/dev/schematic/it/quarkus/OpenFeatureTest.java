package dev.schematic.it.quarkus;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.schematic.testkit.FakeSchematic;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * schematic-openfeature in Quarkus: the module's CDI producer (an annotated bean archive, discovered by Quarkus)
 * registers the {@code schematic} provider over the extension's {@code Schematic}, and {@code @Inject Client} in
 * {@link FeaturesResource} answers from the fake's flags.
 */
@QuarkusTest
@TestProfile(OpenFeatureTest.WithOpenFeature.class)
class OpenFeatureTest {

    /** The test's fake Schematic, with the OpenFeature provider switched on. */
    public static class WithOpenFeature implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(new WithFakeSchematic().getConfigOverrides());
            config.put("schematic.openfeature.enabled", "true");
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return new WithFakeSchematic().testResources();
        }
    }

    @InjectFakeSchematic
    FakeSchematic fake;

    @BeforeEach
    void resetFake() {
        fake.reset();
    }

    @Test
    void anInjectedOpenFeatureClientAnswersFromASchematicFlag() {
        fake.flag("of-beta").defaultValue(false).forCompany(Map.of("id", "initech"), true);
        given().header("X-Company-Id", "initech")
                .get("/features/of-beta")
                .then()
                .statusCode(200)
                .body("value", equalTo(true))
                .body("reason", equalTo("TARGETING_MATCH"))
                .body("provider", equalTo("schematic"));
        given().header("X-Company-Id", "hooli")
                .get("/features/of-beta")
                .then()
                .statusCode(200)
                .body("value", equalTo(false))
                .body("reason", equalTo("DEFAULT"));
    }

    @Test
    void anUnknownFlagIsFlagNotFound() {
        given().get("/features/of-no-such-flag")
                .then()
                .statusCode(200)
                .body("value", equalTo(false))
                .body("errorCode", equalTo("FLAG_NOT_FOUND"));
    }
}
