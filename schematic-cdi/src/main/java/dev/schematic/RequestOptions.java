package dev.schematic;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-request overrides of the client-wide {@code schematic.timeout} and {@code schematic.max-retries}.
 *
 * <pre>{@code
 * schematic.withOptions(RequestOptions.timeout(Duration.ofSeconds(2)).withMaxRetries(0))
 *          .companies().getCompany("comp_1");
 * }</pre>
 *
 * @param timeout connect and read timeout of each attempt; empty means the client's
 * @param maxRetries retries after the first attempt; empty means the client's
 */
public record RequestOptions(Optional<Duration> timeout, Optional<Integer> maxRetries) {
    /** No overrides. */
    public static final RequestOptions DEFAULTS = new RequestOptions(Optional.empty(), Optional.empty());

    public RequestOptions {
        timeout.ifPresent(t -> {
            if (t.isNegative() || t.isZero()) {
                throw new IllegalArgumentException("timeout: expected a positive duration, got " + t);
            }
        });
        maxRetries.ifPresent(n -> {
            if (n < 0) {
                throw new IllegalArgumentException("maxRetries: expected 0 or more, got " + n);
            }
        });
    }

    /** Overrides the timeout only. */
    public static RequestOptions timeout(Duration timeout) {
        return DEFAULTS.withTimeout(timeout);
    }

    /** Overrides the number of retries only. */
    public static RequestOptions maxRetries(int maxRetries) {
        return DEFAULTS.withMaxRetries(maxRetries);
    }

    public RequestOptions withTimeout(Duration timeout) {
        return new RequestOptions(
                Optional.of(Objects.requireNonNull(timeout, "timeout: expected a positive duration, got null")),
                maxRetries);
    }

    public RequestOptions withMaxRetries(int maxRetries) {
        return new RequestOptions(timeout, Optional.of(maxRetries));
    }
}
