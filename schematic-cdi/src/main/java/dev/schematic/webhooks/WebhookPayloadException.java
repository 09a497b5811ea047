package dev.schematic.webhooks;

import dev.schematic.SchematicException;

/**
 * A webhook body is not what Schematic sends: empty, not JSON, not a JSON object, nested too deeply, without an
 * {@code action}, or with a body that does not fit the record of its action. The message is the SDK's own and never
 * quotes the body; the parser's exception, when there is one, is the cause. The {@code schematic-cdi} JAX-RS provider
 * {@link WebhookPayloadExceptionMapper} answers it with 400 and {@code {"error":"<message>"}}.
 */
public class WebhookPayloadException extends SchematicException {
    /** What is wrong with the payload. */
    public enum Reason {
        /** No bytes, or only whitespace. */
        EMPTY,
        /** Not well-formed JSON. */
        NOT_JSON,
        /** JSON, but not an object (an array, a string, a number...). */
        NOT_AN_OBJECT,
        /** Arrays and objects nested deeper than {@link WebhookEvents#MAX_DEPTH}. */
        TOO_DEEP,
        /** No {@code action}, or an envelope field of the wrong JSON type. */
        NOT_AN_ENVELOPE,
        /** The {@code body} does not fit the record documented for the action (or the type asked for). */
        BODY_MISMATCH
    }

    private final Reason reason;

    public WebhookPayloadException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Kept for callers of the first release: the reason is {@link Reason#NOT_AN_ENVELOPE}. */
    public WebhookPayloadException(String message, Throwable cause) {
        this(Reason.NOT_AN_ENVELOPE, message, cause);
    }

    public Reason reason() {
        return reason;
    }
}
