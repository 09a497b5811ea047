package dev.schematic.internal.http;

import dev.schematic.SchematicNetworkException;
import jakarta.ws.rs.ProcessingException;

/** Turns the transport's "no answer" exception into the SDK's {@link SchematicNetworkException}. */
public final class NetworkFailures {
    private NetworkFailures() {}

    /** {@code failure} itself, or a {@link SchematicNetworkException} around a {@link ProcessingException}. */
    public static Throwable wrap(Throwable failure) {
        if (failure instanceof ProcessingException p) {
            Throwable root = p.getCause() != null ? p.getCause() : p;
            return new SchematicNetworkException("Schematic API unreachable: " + root, p);
        }
        return failure;
    }
}
