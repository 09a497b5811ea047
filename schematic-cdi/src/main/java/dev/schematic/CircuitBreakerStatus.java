package dev.schematic;

import java.time.Instant;

/**
 * The state of the circuit breaker in front of the API path of flag checks (see docs/flag-checks.md), as the
 * readiness check {@code schematic-datastream} reports it under {@code apiCircuit*}.
 *
 * @param state closed (checks call the API), open (checks answer at once from the cache or defaults) or half-open (one
 *     probe check is calling the API to find out whether it recovered)
 * @param since when the breaker entered this state
 * @param consecutiveFailures failed API checks in a row (reset by any answer)
 * @param failureThreshold failures in a row that open the breaker (0: the breaker is off)
 * @param timesOpened how often the breaker went from closed to open since the client started
 * @param lastFailure what the last failure was, or null
 * @param probeAfter while open: when the next probe may go; otherwise null
 */
public record CircuitBreakerStatus(
        State state,
        Instant since,
        int consecutiveFailures,
        int failureThreshold,
        long timesOpened,
        String lastFailure,
        Instant probeAfter) {

    /** The breaker's states. */
    public enum State {
        /** Checks call the API. */
        CLOSED,
        /** Checks do not call the API; they answer at once from the cache (fresh or stale) or with defaults. */
        OPEN,
        /** One probe check is calling the API; every other check answers as when open. */
        HALF_OPEN
    }

    /** The status of a client without a breaker (offline, or the breaker turned off). */
    public static CircuitBreakerStatus closed() {
        return new CircuitBreakerStatus(State.CLOSED, Instant.EPOCH, 0, 0, 0, null, null);
    }
}
