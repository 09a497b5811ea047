package dev.schematic.telemetry;

import dev.schematic.Schematic;
import dev.schematic.internal.client.ClientTelemetry;
import dev.schematic.internal.telemetry.otel.OtelWiring;
import io.opentelemetry.api.OpenTelemetry;

/**
 * Sends a client's meters to an OpenTelemetry instance you hold (plain Java SE with the OpenTelemetry SDK). Not
 * needed in a container: there the client finds the {@code OpenTelemetry} bean of MicroProfile Telemetry or
 * quarkus-opentelemetry, or the global instance set by the Java agent. Span events ({@code feature_flag.evaluation})
 * need no registration: they go to whatever span is current when the OpenTelemetry API is on the class path.
 *
 * <pre>{@code
 * OpenTelemetry otel = OpenTelemetrySdk.builder().setMeterProvider(meterProvider).build();
 * Schematic schematic = Schematic.builder().apiKey(key).build();
 * AutoCloseable meters = SchematicOpenTelemetry.register(schematic, otel);
 * }</pre>
 *
 * <p>The meters are listed in docs/observability.md. Registering the same instance twice registers once; closing the
 * client, or the returned handle, unregisters them.
 */
public final class SchematicOpenTelemetry {
    private SchematicOpenTelemetry() {}

    /**
     * Registers the client's meters on {@code openTelemetry}'s meter provider.
     *
     * @return closing it unregisters the meters
     * @throws IllegalArgumentException when {@code schematic} is not a client made by this SDK
     */
    public static AutoCloseable register(Schematic schematic, OpenTelemetry openTelemetry) {
        if (openTelemetry == null) {
            throw new IllegalArgumentException("openTelemetry must not be null");
        }
        return OtelWiring.register(ClientTelemetry.of(schematic), openTelemetry);
    }
}
