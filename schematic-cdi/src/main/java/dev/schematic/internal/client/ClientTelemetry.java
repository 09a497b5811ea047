package dev.schematic.internal.client;

import dev.schematic.AsyncSchematic;
import dev.schematic.Schematic;
import dev.schematic.internal.telemetry.Telemetry;
import java.util.Objects;

/** Finds a client's {@link Telemetry}, also through a container's proxy (CDI, Quarkus ArC). */
public final class ClientTelemetry {
    private ClientTelemetry() {}

    /**
     * The observation point of {@code schematic}.
     *
     * @throws IllegalArgumentException when {@code schematic} was not made by this SDK (e.g. a test double)
     */
    public static Telemetry of(Schematic schematic) {
        Objects.requireNonNull(schematic, "schematic");
        // a container's proxy forwards async() to the real client, whose async view is a plain object
        AsyncSchematic async = schematic.async();
        if (async instanceof AsyncFacade a) {
            return a.runtime().telemetry;
        }
        throw new IllegalArgumentException(
                "not a client made by the Schematic SDK (Schematic.builder(), CDI or Quarkus): " + schematic);
    }
}
