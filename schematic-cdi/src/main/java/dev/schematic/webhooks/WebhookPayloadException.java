package dev.schematic.webhooks;

/** A webhook body is not the JSON Schematic sends: not JSON, not an object, or without an {@code action}. */
public class WebhookPayloadException extends RuntimeException {
    public WebhookPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
