package dev.schematic.telemetry;

import dev.schematic.Schematic;
import dev.schematic.internal.client.ClientTelemetry;
import dev.schematic.internal.telemetry.Telemetry;
import dev.schematic.internal.telemetry.micrometer.MicrometerMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's meters for Micrometer, with the same names as the OpenTelemetry meters (docs/observability.md). In
 * Quarkus with quarkus-micrometer the extension binds it for you (the meters appear on {@code /q/metrics}).
 *
 * <pre>{@code
 * new SchematicMeterBinder(schematic).bindTo(registry);
 * }</pre>
 *
 * <p>Binding the same registry twice binds once; {@link #close()} (or closing the client) removes the meters.
 */
public final class SchematicMeterBinder implements MeterBinder, AutoCloseable {
    private final Telemetry telemetry;
    private final List<AutoCloseable> bound = new ArrayList<>();

    /**
     * @throws IllegalArgumentException when {@code schematic} is not a client made by this SDK
     */
    public SchematicMeterBinder(Schematic schematic) {
        this.telemetry = ClientTelemetry.of(schematic);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        AutoCloseable handle = MicrometerMeters.register(telemetry, registry);
        synchronized (bound) {
            bound.add(handle);
        }
    }

    /** Removes the meters from every registry this binder bound. */
    @Override
    public void close() throws Exception {
        List<AutoCloseable> all;
        synchronized (bound) {
            all = new ArrayList<>(bound);
            bound.clear();
        }
        for (AutoCloseable a : all) {
            a.close();
        }
    }
}
