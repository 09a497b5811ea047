package dev.schematic.internal.telemetry.otel;

import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.lang.System.Logger.Level;

/**
 * The container's {@code OpenTelemetry} bean, when there is a CDI container and it has exactly one: MicroProfile
 * Telemetry (WildFly, Open Liberty) and quarkus-opentelemetry provide it.
 */
final class ContainerOpenTelemetry {
    private static final System.Logger LOG = System.getLogger(ContainerOpenTelemetry.class.getName());

    private ContainerOpenTelemetry() {}

    static OpenTelemetry lookup() {
        try {
            Instance<OpenTelemetry> bean = CDI.current().select(OpenTelemetry.class);
            return bean.isResolvable() ? bean.get() : null;
        } catch (IllegalStateException | LinkageError e) {
            // no CDI container (Java SE), or no CDI API on the class path
            return null;
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Schematic meters: the container's OpenTelemetry bean is not available: " + e);
            return null;
        }
    }
}
