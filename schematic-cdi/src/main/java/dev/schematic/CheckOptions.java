package dev.schematic;

import java.time.Duration;
import java.util.Optional;

/**
 * Per-check overrides: the value to return if the check cannot be answered, and the request's timeout and retries.
 *
 * <pre>{@code
 * schematic.checkFlag("new-editor", context, CheckOptions.defaultValue(true).withTimeout(Duration.ofMillis(300)));
 * }</pre>
 */
public record CheckOptions(Optional<Boolean> defaultValue, RequestOptions request) {
    /** No overrides. */
    public static final CheckOptions NONE = new CheckOptions(Optional.empty(), RequestOptions.DEFAULTS);

    public CheckOptions {
        request = request == null ? RequestOptions.DEFAULTS : request;
    }

    public static CheckOptions defaultValue(boolean value) {
        return NONE.withDefaultValue(value);
    }

    public static CheckOptions timeout(Duration timeout) {
        return NONE.withTimeout(timeout);
    }

    public CheckOptions withDefaultValue(boolean value) {
        return new CheckOptions(Optional.of(value), request);
    }

    public CheckOptions withTimeout(Duration timeout) {
        return new CheckOptions(defaultValue, request.withTimeout(timeout));
    }

    public CheckOptions withMaxRetries(int maxRetries) {
        return new CheckOptions(defaultValue, request.withMaxRetries(maxRetries));
    }
}
