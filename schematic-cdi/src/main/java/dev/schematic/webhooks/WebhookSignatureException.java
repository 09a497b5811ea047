package dev.schematic.webhooks;

import dev.schematic.SchematicException;
import java.util.Objects;

/**
 * A webhook failed verification. The message matches the official SDKs where they have one ({@code "Missing webhook
 * signature"}, {@code "Missing webhook timestamp"}, {@code "Invalid signature format"}, {@code "Invalid signature"});
 * {@link #reason()} says which check failed without parsing the message. Never contains the secret or the signature.
 */
public class WebhookSignatureException extends SchematicException {
    /** Which check failed. */
    public enum Reason {
        /** The signature header is absent or empty. */
        MISSING_SIGNATURE,
        /** The timestamp header is absent or empty. */
        MISSING_TIMESTAMP,
        /** The signature is not 64 hexadecimal characters. */
        INVALID_SIGNATURE_FORMAT,
        /** The signature does not match the body and timestamp under any configured secret. */
        INVALID_SIGNATURE,
        /** A tolerance is set and the timestamp is not a whole number of seconds. */
        INVALID_TIMESTAMP,
        /** A tolerance is set and the timestamp is older than it allows (a possible replay). */
        TIMESTAMP_TOO_OLD,
        /** A tolerance is set and the timestamp lies further in the future than it allows. */
        TIMESTAMP_IN_FUTURE;

        /** Whether the request lacked a header, as opposed to carrying a wrong one. */
        public boolean isMissingHeader() {
            return this == MISSING_SIGNATURE || this == MISSING_TIMESTAMP;
        }
    }

    private final Reason reason;

    public WebhookSignatureException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Which check failed. */
    public Reason reason() {
        return reason;
    }
}
