package dev.schematic;

/**
 * A typed API call on a client that was closed ({@link Schematic#close()} on a client built with
 * {@link Schematic#builder()}, or the application is stopping). Flag checks do not throw this; they answer with the
 * flag's default.
 */
public class SchematicClosedException extends SchematicException {
    private static final long serialVersionUID = 1L;

    public SchematicClosedException(String message) {
        super(message);
    }
}
