package dev.schematic.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.Schematic;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without a health extension the readiness check is not registered (its class needs the Health API) and all works. */
class HealthCheckWithoutHealthExtensionTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest().overrideConfigKey("schematic.api-key", "sch_dev_test");

    @Inject
    Schematic schematic;

    @Test
    void theReadinessCheckIsNotABean() {
        Set<Bean<?>> beans = Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE);
        assertFalse(beans.stream().anyMatch(b -> b.getBeanClass().getName().equals(SchematicProcessor.HEALTH_CHECK)));
        // the lookup is not vacuous: the SDK's own beans are found the same way
        assertTrue(beans.stream().anyMatch(b -> b.getTypes().contains(Schematic.class)));
        assertTrue(schematic.isReady());
    }
}
