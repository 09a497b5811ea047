package dev.schematic.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import dev.schematic.Schematic;
import io.quarkus.builder.Version;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/observability.md: with quarkus-micrometer (Prometheus registry) in the application the SDK's meters are on
 * {@code /q/metrics}, fed by real checks against the Dev Services fake.
 */
class MicrometerMetricsEndpointTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .setForcedDependencies(List.of(
                    Dependency.of("io.quarkus", "quarkus-micrometer-registry-prometheus", Version.getVersion())))
            .overrideConfigKey("schematic.offline", "true");

    @Inject
    Schematic schematic;

    @Test
    void theMetersAreOnTheMetricsEndpointAfterChecks() {
        schematic.checkFlag("new-ui", Map.of("id", "acme"), Map.of());
        schematic.checkFlag("new-ui", Map.of("id", "acme"), Map.of());
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("schematic_flag_checks_total{reason=\"default\",source=\"default\"} 2.0"))
                .body(containsString("schematic_flag_check_duration_seconds_count{source=\"default\"} 2"))
                .body(containsString("schematic_events_queued_total"))
                .body(containsString("schematic_datastream_state{state=\"disabled\"} 1.0"));
    }
}
