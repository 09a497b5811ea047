package dev.schematic;

/**
 * A typed API call got no HTTP answer after its retries: the connection was refused or reset, an attempt timed out,
 * or TLS failed. The cause is the transport's exception (for example {@code jakarta.ws.rs.ProcessingException}).
 */
public class SchematicNetworkException extends SchematicException {
    private static final long serialVersionUID = 1L;

    public SchematicNetworkException(String message, Throwable cause) {
        super(message, cause);
    }
}
