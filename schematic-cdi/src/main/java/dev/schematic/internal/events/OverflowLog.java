package dev.schematic.internal.events;

import java.lang.System.Logger.Level;

/**
 * Logs queue overflows once per episode: a WARNING when the first event of an episode is dropped, and a WARNING
 * summary with the episode's count when it ends, that is when the queue has drained to half of {@code max-queue} or
 * less (or the buffer closes). Half, not just under the limit, so that a producer that keeps the queue at its limit
 * makes one long episode rather than a pair of lines per batch sent. Not thread-safe: called under the buffer's lock.
 */
final class OverflowLog {
    private static final System.Logger LOG = System.getLogger(EventBuffer.class.getName());

    private final int maxQueue;
    private boolean active;
    private long episodes;
    private long droppedInEpisode;
    private long startedNanos;

    OverflowLog(int maxQueue) {
        this.maxQueue = maxQueue;
    }

    /** {@code n} events were just dropped because the queue was full. */
    void dropped(int n) {
        if (n <= 0) {
            return;
        }
        if (!active) {
            active = true;
            episodes++;
            droppedInEpisode = 0;
            startedNanos = System.nanoTime();
            LOG.log(
                    Level.WARNING,
                    "Schematic event queue is full ({0} events): dropping the oldest events until it drains"
                            + " (overflow #{1}; counted in eventStats().dropped())",
                    maxQueue,
                    episodes);
        }
        droppedInEpisode += n;
    }

    /** The queue now holds {@code waiting} events: ends the episode when that is half the limit or less. */
    void waiting(int waiting, long droppedTotal) {
        if (active && waiting <= maxQueue / 2) {
            end(droppedTotal);
        }
    }

    /** Ends the current episode, if any, with its summary line. */
    void end(long droppedTotal) {
        if (!active) {
            return;
        }
        active = false;
        LOG.log(
                Level.WARNING,
                "Schematic event queue overflow #{0} over: {1} event(s) dropped in {2} ms; {3} dropped in total",
                episodes,
                droppedInEpisode,
                (System.nanoTime() - startedNanos) / 1_000_000,
                droppedTotal);
    }

    long episodes() {
        return episodes;
    }
}
