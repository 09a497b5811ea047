package dev.schematic;

/**
 * A typed API call on an offline client ({@code schematic.offline=true}): no request is made. Flag checks do not
 * throw this; they answer with the flag's default.
 */
public class SchematicOfflineException extends SchematicException {
    private static final long serialVersionUID = 1L;

    public SchematicOfflineException(String message) {
        super(message);
    }
}
