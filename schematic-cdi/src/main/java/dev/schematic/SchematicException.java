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
 *
 * <p><b>Programmer errors are not {@code SchematicException}s.</b> A wrong argument to a method is a bug to fix, not a
 * condition to handle, so it follows the JDK's convention: {@link NullPointerException} for a null where a value is
 * required, {@link IllegalArgumentException} for a value out of range. The message names the parameter, what was
 * expected and what was given, e.g. {@code secret: expected the webhook's signing secret, got ""} from
 * {@code WebhookVerifier.of("")}, or {@code timeout: expected a positive duration, got PT0S} from
 * {@link RequestOptions#timeout}. Settings are different: a bad value given to a {@link SchematicBuilder} setter, a
 * properties file, MicroProfile Config or Quarkus fails {@link SchematicBuilder#build()} (or startup) with a
 * {@link SchematicConfigException} naming the {@code schematic.*} key, whatever its source; {@code null} given to a
 * builder setter unsets the value (its default applies). Null keys and values in an {@link EvaluationContext} or a trait
 * map are never an error: they mean "absent".
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
