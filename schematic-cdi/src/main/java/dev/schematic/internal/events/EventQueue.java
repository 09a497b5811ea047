package dev.schematic.internal.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The events not yet delivered, in submission order as far as retries allow: new events, batches put back after a
 * failed attempt (sent again first, oldest first), and batches in flight. Every event gets a sequence number, so that
 * {@link #oldestUnresolved()} tells whether everything submitted up to some point is resolved (for flush).
 *
 * <p>The bound {@code maxQueue} covers new and put-back events (not the at most few batches in flight); beyond it
 * the oldest waiting event is dropped. Not thread-safe: {@link EventBuffer} calls it under its lock.
 */
final class EventQueue {
    record Entry(long seq, CaptureEvent event) {}

    /** Events sent (and possibly re-sent) together; keeps its events, and so their idempotency keys, across retries. */
    static final class Batch {
        final List<Entry> entries;
        /** Sent as the one probe while the capture service was failing. */
        boolean probe;
        /** Attempts that failed with an error that is neither an HTTP status nor a network failure. */
        int unexpectedFailures;

        Batch(List<Entry> entries) {
            this.entries = entries;
        }

        long firstSeq() {
            return entries.get(0).seq();
        }

        int size() {
            return entries.size();
        }

        List<CaptureEvent> events() {
            List<CaptureEvent> events = new ArrayList<>(entries.size());
            for (Entry e : entries) {
                events.add(e.event());
            }
            return events;
        }
    }

    private final int maxQueue;
    private final ArrayDeque<Entry> fresh = new ArrayDeque<>();
    private final PriorityQueue<Batch> putBack = new PriorityQueue<>(Comparator.comparingLong(Batch::firstSeq));
    private final Set<Batch> inFlight = Collections.newSetFromMap(new IdentityHashMap<>());
    private int waiting;
    private int inFlightEvents;
    private long lastSeq;

    EventQueue(int maxQueue) {
        this.maxQueue = maxQueue;
    }

    /** Adds a new event; returns how many old events were dropped to make room (0 or 1). */
    int add(CaptureEvent event) {
        fresh.addLast(new Entry(++lastSeq, event));
        waiting++;
        return trim();
    }

    /**
     * Takes the next batch to send and marks it in flight: a put-back batch if there is one (oldest first), else up to
     * {@code max} new events; null when nothing waits.
     */
    Batch take(int max) {
        Batch batch = putBack.poll();
        if (batch == null) {
            if (fresh.isEmpty()) {
                return null;
            }
            List<Entry> entries = new ArrayList<>(Math.min(max, fresh.size()));
            while (entries.size() < max && !fresh.isEmpty()) {
                Entry e = fresh.pollFirst();
                if (e.event().idempotencyKey() == null) { // flag_check events: keyed here, once, before any attempt
                    e = new Entry(e.seq(), e.event().withIdempotencyKey(EventBodies.newIdempotencyKey()));
                }
                entries.add(e);
            }
            batch = new Batch(entries);
        }
        waiting -= batch.size();
        inFlight.add(batch);
        inFlightEvents += batch.size();
        return batch;
    }

    /** A batch in flight is done with (delivered or given up on). */
    void resolve(Batch batch) {
        if (inFlight.remove(batch)) {
            inFlightEvents -= batch.size();
        }
    }

    /** Puts a batch in flight back to be sent again; returns how many of the oldest waiting events were dropped. */
    int putBack(Batch batch) {
        resolve(batch);
        putBack.add(batch);
        waiting += batch.size();
        return trim();
    }

    private int trim() {
        int dropped = 0;
        while (waiting > maxQueue) {
            Batch oldest = putBack.peek();
            if (oldest != null
                    && (fresh.isEmpty() || oldest.firstSeq() < fresh.peekFirst().seq())) {
                putBack.poll();
                oldest.entries.remove(0);
                if (!oldest.entries.isEmpty()) {
                    putBack.add(oldest);
                }
            } else {
                fresh.pollFirst();
            }
            waiting--;
            dropped++;
        }
        return dropped;
    }

    /** Events waiting to be sent (new and put back), not counting those in flight. */
    int waiting() {
        return waiting;
    }

    int inFlightEvents() {
        return inFlightEvents;
    }

    int inFlightBatches() {
        return inFlight.size();
    }

    boolean hasPutBack() {
        return !putBack.isEmpty();
    }

    /** The sequence number of the last event added (0 before the first). */
    long lastSeq() {
        return lastSeq;
    }

    /** The sequence number of the oldest waiting event, or {@link Long#MAX_VALUE} when none waits. */
    long oldestWaiting() {
        long oldest = Long.MAX_VALUE;
        if (!putBack.isEmpty()) {
            oldest = putBack.peek().firstSeq();
        }
        if (!fresh.isEmpty()) {
            oldest = Math.min(oldest, fresh.peekFirst().seq());
        }
        return oldest;
    }

    /** The sequence number of the oldest event waiting or in flight, or {@link Long#MAX_VALUE} when there is none. */
    long oldestUnresolved() {
        long oldest = oldestWaiting();
        for (Batch b : inFlight) {
            oldest = Math.min(oldest, b.firstSeq());
        }
        return oldest;
    }

    /** Empties the queue (close gave up); returns how many events were waiting or in flight. */
    int clear() {
        int left = waiting + inFlightEvents;
        fresh.clear();
        putBack.clear();
        inFlight.clear();
        waiting = 0;
        inFlightEvents = 0;
        return left;
    }
}
