package dev.schematic.internal.events;

import dev.schematic.internal.concurrent.Backoff;
import dev.schematic.internal.http.RetryPolicy;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * The pause of the event buffer while the capture service fails: after a failed attempt, nothing is sent until the
 * wait of the SDK's one {@link RetryPolicy} has passed ({@code Retry-After} when the answer has one, else the SDK's
 * one {@link Backoff}: {@code backoff × 2^n} ±10%, at most 2^{@value #MAX_DOUBLINGS} × {@code backoff}); then one probe batch goes, and the first answer ends
 * the pause. Logs a WARNING when an outage starts and an INFO when it ends (attempts in between at DEBUG). Not
 * thread-safe: called under the buffer's lock.
 */
final class CapturePause {
    /**
     * At most 2^3 = 8 × the first backoff between attempts (8 s by default), unless Retry-After says otherwise: a
     * probe is one small request, and while the queue overflows every second of waiting after the service is back
     * loses events (with 32 s, a 20 s outage was noticed as over 11 s late).
     */
    static final int MAX_DOUBLINGS = 3;

    private static final System.Logger LOG = System.getLogger(EventBuffer.class.getName());

    private final RetryPolicy policy;
    private boolean active;
    private long until;
    private long consecutiveFailures;

    CapturePause(Duration first) {
        this.policy = new RetryPolicy(
                0, new Backoff(first, first.multipliedBy(1L << MAX_DOUBLINGS), Backoff.Jitter.PROPORTIONAL));
    }

    /** Whether the service is failing: only one probe batch may be in flight. */
    boolean active() {
        return active;
    }

    /** Whether sending must wait now ({@link #until()}). */
    boolean waiting(long now) {
        return active && now - until < 0;
    }

    /** When the next attempt may go (System.nanoTime), while {@link #active()}. */
    long until() {
        return until;
    }

    long consecutiveFailures() {
        return consecutiveFailures;
    }

    /**
     * An attempt failed with an outage (or an unexpected error); {@code waitingEvents} are queued now. A batch sent
     * before the pause began ({@code !probe} while active) does not lengthen it.
     */
    void failed(boolean probe, Throwable failure, int waitingEvents) {
        if (active && !probe) {
            return;
        }
        consecutiveFailures++;
        Duration wait = policy.delay((int) Math.min(consecutiveFailures - 1, 30), failure);
        active = true;
        until = System.nanoTime() + wait.toNanos();
        LOG.log(
                consecutiveFailures == 1 ? Level.WARNING : Level.DEBUG,
                "Schematic event capture failed ({0}); {1} event(s) kept in the queue, next attempt in {2} ms"
                        + " (attempt {3})",
                CaptureOutcome.describe(failure),
                waitingEvents,
                wait.toMillis(),
                consecutiveFailures + 1);
    }

    /** The service answered (acknowledged or rejected a batch): the pause, if any, is over. */
    void answered(int waitingEvents) {
        if (active || consecutiveFailures > 0) {
            LOG.log(
                    Level.INFO,
                    "Schematic event capture is answering again after {0} failed attempt(s); sending {1} queued"
                            + " event(s)",
                    consecutiveFailures,
                    waitingEvents);
        }
        active = false;
        consecutiveFailures = 0;
    }
}
