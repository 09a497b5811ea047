package dev.schematic.internal.flags;

import dev.schematic.CircuitBreakerStatus;
import dev.schematic.CircuitBreakerStatus.State;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;

/**
 * A circuit breaker for the API path of flag checks. Closed: every check calls the API; {@code failureThreshold}
 * failed checks in a row (refused, timed out, 5xx) open it. Open: no check calls the API for {@code openDuration};
 * then the next check becomes the one probe (half-open) while every other check keeps answering at once. The probe's
 * success closes the breaker, its failure opens it again. Every state change is logged once (one line); checks
 * themselves log nothing here.
 *
 * <p>Outcomes of calls that were let through before the breaker opened are ignored once it is open: only the probe
 * decides. A threshold of 0 turns the breaker off (always closed).
 */
public final class CircuitBreaker {
    private static final System.Logger LOG = System.getLogger(CircuitBreaker.class.getName());

    /** What a caller may do. */
    public enum Permit {
        /** Call the API (closed). */
        CALL,
        /** Call the API as the one half-open probe; report the outcome. */
        PROBE,
        /** Do not call the API; answer at once. */
        REJECT
    }

    private final int threshold;
    private final long openNanos;
    private final Duration openDuration;

    // guarded by this; state is also read without the lock on the fast path
    private volatile State state = State.CLOSED;
    private volatile int consecutive;
    private long openedAtNanos;
    private boolean probing;
    private long probeStartedNanos;
    private Instant since = Instant.now();
    private Instant probeAfter;
    private long timesOpened;
    private String lastFailure;

    public CircuitBreaker(int failureThreshold, Duration openDuration) {
        this.threshold = failureThreshold;
        this.openDuration = openDuration;
        this.openNanos = openDuration.toNanos();
    }

    /** Whether a check may call the API now. */
    public Permit acquire() {
        if (threshold == 0 || state == State.CLOSED) {
            return Permit.CALL;
        }
        String message;
        synchronized (this) {
            if (state == State.CLOSED) {
                return Permit.CALL;
            }
            long now = System.nanoTime();
            // a probe that never reported back (an Error on its thread) is given up after one open-duration
            if ((probing && now - probeStartedNanos < openNanos) || now - openedAtNanos < openNanos) {
                return Permit.REJECT;
            }
            probing = true;
            probeStartedNanos = now;
            if (state == State.HALF_OPEN) {
                // a probe ended without a verdict (e.g. 429); this caller probes again, no new state to log
                return Permit.PROBE;
            }
            move(State.HALF_OPEN);
            message = "Schematic API circuit breaker half-open: one flag check probes the API";
        }
        LOG.log(Level.INFO, message);
        return Permit.PROBE;
    }

    /**
     * Whether a call holding {@code permit} may still go: a probe may; a closed-state call only while the breaker is
     * still closed (a call that waited in a queue while the breaker opened must not wait on the API again).
     */
    public boolean admits(Permit permit) {
        return permit == Permit.PROBE || (permit == Permit.CALL && (threshold == 0 || state == State.CLOSED));
    }

    /** The API answered (any status that says it works: 2xx, 4xx other than 429). */
    public void success(Permit permit) {
        if (threshold == 0 || permit == Permit.REJECT) {
            return;
        }
        if (permit == Permit.CALL && state == State.CLOSED && consecutive == 0) {
            return; // the fast path of a healthy API: no lock
        }
        String message = null;
        synchronized (this) {
            if (permit == Permit.PROBE) {
                probing = false;
                consecutive = 0;
                move(State.CLOSED);
                message =
                        "Schematic API circuit breaker closed: the probe check succeeded; flag checks call the API again";
            } else if (state == State.CLOSED) {
                consecutive = 0;
            }
        }
        if (message != null) {
            LOG.log(Level.INFO, message);
        }
    }

    /** The API failed: refused, timed out, 5xx. */
    public void failure(Permit permit, String detail) {
        if (threshold == 0 || permit == Permit.REJECT) {
            return;
        }
        String message = null;
        Level level = Level.WARNING;
        synchronized (this) {
            lastFailure = detail;
            if (permit == Permit.PROBE) {
                probing = false;
                open();
                level = Level.INFO;
                message = "Schematic API circuit breaker open again: the probe check failed (" + detail
                        + "); next probe in " + openDuration.toMillis() + " ms";
            } else if (state == State.CLOSED) {
                consecutive++;
                if (consecutive >= threshold) {
                    timesOpened++;
                    open();
                    message = "Schematic API circuit breaker open after " + consecutive
                            + " failed flag checks in a row (last: " + detail + "); checks answer from the cache or"
                            + " defaults without calling the API, next probe in " + openDuration.toMillis() + " ms";
                }
            }
        }
        if (message != null) {
            LOG.log(level, message);
        }
    }

    /** The call ended without saying anything about the API's health (429, an interrupt): frees the probe. */
    public void neutral(Permit permit) {
        if (permit == Permit.PROBE) {
            synchronized (this) {
                probing = false;
            }
        }
    }

    public synchronized CircuitBreakerStatus status() {
        return new CircuitBreakerStatus(
                state,
                since,
                consecutive,
                threshold,
                timesOpened,
                lastFailure,
                state == State.OPEN ? probeAfter : null);
    }

    private void open() {
        openedAtNanos = System.nanoTime();
        probeAfter = Instant.now().plus(openDuration);
        move(State.OPEN);
    }

    private void move(State next) {
        if (state != next) {
            state = next;
            since = Instant.now();
        }
    }
}
