package dev.schematic.internal.events;

import dev.schematic.EventStats;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The event buffer's counts, as {@code eventStats()} reports them. Not thread-safe except {@link #offline}: the
 * buffer updates the others under its lock.
 */
final class EventCounters {
    long submitted;
    long delivered;
    long dropped;
    long failed;
    long batches;
    long retries;
    final AtomicLong offline = new AtomicLong();

    /** A snapshot with the queue's and the pause's figures. */
    EventStats stats(EventQueue queue, long overflows, long consecutiveFailures) {
        return new EventStats(
                submitted,
                delivered,
                dropped,
                failed,
                offline.get(),
                queue.waiting(),
                batches,
                retries,
                queue.inFlightEvents(),
                overflows,
                consecutiveFailures);
    }
}
