package dev.schematic.quarkus.runtime;

import dev.schematic.Schematic;
import dev.schematic.telemetry.SchematicMeterBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Binds the client's meters (docs/observability.md) to Quarkus' Micrometer registry at start, so they appear on
 * {@code /q/metrics}. Registered by the extension only when the application has quarkus-micrometer; the client is
 * then created at start rather than on first use.
 */
@Singleton
public class SchematicMicrometerMeters {
    private volatile SchematicMeterBinder binder;

    void bind(@Observes StartupEvent event, MeterRegistry registry, Schematic schematic) {
        SchematicMeterBinder b = new SchematicMeterBinder(schematic);
        b.bindTo(registry);
        binder = b;
    }

    void unbind(@Observes ShutdownEvent event) throws Exception {
        SchematicMeterBinder b = binder;
        if (b != null) {
            b.close();
        }
    }
}
