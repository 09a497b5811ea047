package dev.schematic.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.builder.Version;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With SmallRye Health in the application the extension registers the SDK's {@code schematic-datastream} readiness
 * check (ArC ignores the SDK's portable extension, which does it elsewhere), and it reaches the Schematic client.
 */
class HealthCheckWithHealthExtensionTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .setForcedDependencies(
                    List.of(Dependency.of("io.quarkus", "quarkus-smallrye-health", Version.getVersion())))
            .overrideConfigKey("schematic.api-key", "sch_dev_test");

    @Test
    void readinessListsTheDataStreamCheckUpWhileDisabled() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'schematic-datastream' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'schematic-datastream' }.data.state", equalTo("disabled"));
    }
}
