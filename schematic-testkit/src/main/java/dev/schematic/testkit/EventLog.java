package dev.schematic.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The events the capture endpoint counted, with the counters tests assert on. Events dropped as duplicates (same
 * {@code idempotency_key}) are counted separately and never recorded. All access is synchronized on this object.
 */
final class EventLog {
    private final ArrayList<CapturedEvent> events = new ArrayList<>();
    private final ArrayList<Integer> batchSizes = new ArrayList<>();
    private long counted;
    private long duplicates;
    private boolean record = true;

    synchronized void clear() {
        events.clear();
        batchSizes.clear();
        counted = 0;
        duplicates = 0;
        record = true;
    }

    synchronized void record(boolean on) {
        this.record = on;
    }

    /** One accepted batch: {@code size} events received, of which {@code fresh} were not duplicates. */
    synchronized void accepted(int size, List<CapturedEvent> fresh) {
        if (record) {
            events.addAll(fresh);
        }
        batchSizes.add(size);
        counted += fresh.size();
        duplicates += size - fresh.size();
        notifyAll();
    }

    synchronized List<CapturedEvent> all() {
        return List.copyOf(events);
    }

    synchronized List<CapturedEvent> ofType(String type) {
        return events.stream().filter(e -> type.equals(e.type())).toList();
    }

    synchronized long count() {
        return counted;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    synchronized List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    synchronized List<CapturedEvent> await(Predicate<CapturedEvent> filter, String what, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!record) {
                throw new IllegalStateException("event recording is off (recordEvents(false)): use awaitEventCount");
            }
            List<CapturedEvent> matching = events.stream().filter(filter).toList();
            if (matching.size() >= count) {
                return matching;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Expected at least " + count + " " + what + " within " + timeout.toMillis()
                        + " ms but received " + matching.size() + " (all events by type: " + countByType(events)
                        + ", batches: " + batchSizes.size() + ", duplicates dropped: " + duplicates + ")");
            }
            waitNanos(left, what);
        }
    }

    synchronized long awaitCount(long count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (counted < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Expected at least " + count + " events within " + timeout.toMillis()
                        + " ms but received " + counted + " (duplicates dropped: " + duplicates + ")");
            }
            waitNanos(left, "events");
        }
        return counted;
    }

    private void waitNanos(long nanos, String what) {
        try {
            TimeUnit.NANOSECONDS.timedWait(this, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }

    private static String countByType(List<CapturedEvent> list) {
        Map<String, Long> counts = list.stream()
                .collect(Collectors.groupingBy(e -> String.valueOf(e.type()), TreeMap::new, Collectors.counting()));
        return counts.toString();
    }
}
