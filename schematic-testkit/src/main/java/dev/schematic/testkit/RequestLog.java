package dev.schematic.testkit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** Every request the fake received, in arrival order (recording can be turned off for load tests). */
final class RequestLog {
    private final ConcurrentLinkedQueue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
    private final AtomicLong count = new AtomicLong();
    private volatile boolean record = true;

    void add(RecordedRequest request) {
        count.incrementAndGet();
        if (record) {
            requests.add(request);
        }
    }

    void clear() {
        requests.clear();
        count.set(0);
        record = true;
    }

    void record(boolean on) {
        this.record = on;
    }

    long count() {
        return count.get();
    }

    List<RecordedRequest> all() {
        return List.copyOf(requests);
    }

    List<RecordedRequest> matching(String method, String pathPrefix) {
        return requests.stream()
                .filter(r -> method == null || r.method().equalsIgnoreCase(method))
                .filter(r -> pathPrefix == null || r.path().startsWith(pathPrefix))
                .toList();
    }

    List<RecordedRequest> await(String method, String pathPrefix, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<RecordedRequest> found = matching(method, pathPrefix);
            if (found.size() >= count) {
                return found;
            }
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("Expected at least " + count + " " + (method == null ? "" : method + " ")
                        + "requests to " + (pathPrefix == null ? "any path" : pathPrefix + "*") + " within "
                        + timeout.toMillis() + " ms but received " + found.size());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for requests", e);
            }
        }
    }
}
