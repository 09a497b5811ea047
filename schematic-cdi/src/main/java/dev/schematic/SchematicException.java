package dev.schematic;

/**
 * The base class of everything the SDK throws, so one {@code catch (SchematicException e)} covers it all:
 *
 * <ul>
 *   <li>{@link SchematicApiException}: the API answered with a non-2xx status (after retries);
 *   <li>{@link SchematicNetworkException}: no answer at all (connection refused or reset, timeout, TLS failure);
 *   <li>{@link SchematicOfflineException}: a typed API call on an offline client ({@code schematic.offline=true});
 *   <li>{@link SchematicClosedException}: a typed API call after the client was closed;
 *   <li>{@link SchematicConfigException}: a setting is missing or invalid;
 *   <li>{@code dev.schematic.webhooks.WebhookSignatureException} and {@code WebhookPayloadException}: a webhook
 *       request that failed verification or parsing.
 * </ul>
 *
 * <p>Flag checks and events never throw (they answer with the flag's default, or drop and count the event).
 */
public abstract class SchematicException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected SchematicException(String message) {
        super(message);
    }

    protected SchematicException(String message, Throwable cause) {
        super(message, cause);
    }
}
