package dev.schematic.internal.config;

import java.time.Duration;

/**
 * How flag checks use the API when it is slow or failing.
 *
 * @param deadline the most one check may take through the API, retries and {@code Retry-After} waits included
 *     ({@code schematic.checks.deadline})
 * @param failureThreshold consecutive failed checks (refused, timed out, 5xx) that open the circuit breaker; 0 turns
 *     the breaker off ({@code schematic.circuit-breaker.failure-threshold})
 * @param openDuration how long an open breaker answers without calling the API before one probe may go
 *     ({@code schematic.circuit-breaker.open-duration})
 * @param maxStale how long past its TTL a cached answer may be served while the API is failing; zero turns
 *     stale-if-error off ({@code schematic.cache.max-stale})
 */
public record FlagCheckSettings(Duration deadline, int failureThreshold, Duration openDuration, Duration maxStale) {
    /** The documented defaults. */
    public static final FlagCheckSettings DEFAULTS =
            new FlagCheckSettings(Duration.ofSeconds(1), 5, Duration.ofSeconds(10), Duration.ofMinutes(5));

    public FlagCheckSettings {
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive, got " + deadline);
        }
        if (failureThreshold < 0) {
            throw new IllegalArgumentException("failureThreshold must be 0 or more, got " + failureThreshold);
        }
        if (openDuration == null || openDuration.isNegative() || openDuration.isZero()) {
            throw new IllegalArgumentException("openDuration must be positive, got " + openDuration);
        }
        if (maxStale == null || maxStale.isNegative()) {
            throw new IllegalArgumentException("maxStale must be zero or more, got " + maxStale);
        }
    }
}
