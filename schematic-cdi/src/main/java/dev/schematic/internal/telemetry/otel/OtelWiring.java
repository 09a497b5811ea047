package dev.schematic.internal.telemetry.otel;

import dev.schematic.internal.telemetry.Telemetry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.lang.System.Logger.Level;

/**
 * Connects a client to OpenTelemetry. Reached only when {@link OpenTelemetryPresence#PRESENT}.
 *
 * <p>Where the meters go, first found: an {@code OpenTelemetry} given by the application
 * ({@code SchematicOpenTelemetry.register}); the container's {@code OpenTelemetry} CDI bean (MicroProfile Telemetry in
 * WildFly/Open Liberty, quarkus-opentelemetry); the global instance, if the application or the Java agent has set
 * it. The global instance is never read before it is set: {@code GlobalOpenTelemetry.get()} would fix it to a no-op
 * for the rest of the JVM's life.
 */
public final class OtelWiring {
    private static final System.Logger LOG = System.getLogger(OtelWiring.class.getName());

    private OtelWiring() {}

    static void attachAutomatically(Telemetry telemetry) {
        telemetry.observe(new FlagEvaluationSpans());
        telemetry.callerContext(new OtelCallerContext());
        OpenTelemetry otel = ContainerOpenTelemetry.lookup();
        if (otel == null) {
            otel = globalIfSet();
        }
        if (otel != null) {
            register(telemetry, otel);
        }
    }

    /** Registers the meters on {@code otel} (once per instance); closing the result unregisters them. */
    public static AutoCloseable register(Telemetry telemetry, OpenTelemetry otel) {
        return telemetry.registerOnce(otel, () -> OtelMeters.register(telemetry, otel));
    }

    private static OpenTelemetry globalIfSet() {
        try {
            return GlobalOpenTelemetry.isSet() ? GlobalOpenTelemetry.get() : null;
        } catch (NoSuchMethodError e) {
            // an OpenTelemetry API older than 1.52 cannot tell; register explicitly then
            LOG.log(
                    Level.DEBUG,
                    "Schematic meters: this OpenTelemetry API cannot tell whether a global instance is set");
            return null;
        }
    }
}
