package dev.schematic.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schematic.internal.health.DataStreamHealthCheck;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK's extension registers the {@code schematic-datastream} readiness check when MicroProfile Health is present
 * (it is on this module's test class path), as a synthetic bean with {@link HealthCheck} as bean class (see {@code
 * SchematicExtension#registerHealthCheck}; WildFly's health subsystem needs that, {@code integration-tests/wildfly}'s
 * {@code DataStreamOverHttpIT} proves it there).
 */
class HealthCheckRegistrationTest {
    private static final Set<String> KEYS = Set.of("schematic.api-key", "schematic.offline");

    @BeforeEach
    void configure() {
        System.setProperty("schematic.api-key", "sch_dev_health");
        System.setProperty("schematic.offline", "true");
        release();
    }

    @AfterEach
    void clear() {
        KEYS.forEach(System::clearProperty);
        release();
    }

    private static void release() {
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
    }

    @Test
    void theDataStreamCheckIsTheOneReadinessCheckAndAnswersForTheInjectedClient() {
        try (WeldContainer container = new Weld().initialize()) {
            List<HealthCheck> checks = container.select(HealthCheck.class, Readiness.Literal.INSTANCE).stream()
                    .toList();

            assertEquals(1, checks.size(), checks::toString);
            HealthCheckResponse response = checks.get(0).call();
            assertEquals(DataStreamHealthCheck.NAME, response.getName());
            // DataStream is off here: UP with state disabled
            assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
            assertEquals("disabled", response.getData().orElseThrow().get("state"));
            // and the application can still inject the check by its class
            assertEquals(
                    DataStreamHealthCheck.NAME,
                    container
                            .select(DataStreamHealthCheck.class, Readiness.Literal.INSTANCE)
                            .get()
                            .call()
                            .getName());
        }
    }
}
