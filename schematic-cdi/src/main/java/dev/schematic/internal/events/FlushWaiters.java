package dev.schematic.internal.events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The pending {@link EventBuffer#flush()} calls: each waits until every event up to its sequence number is resolved
 * (see {@link EventQueue#oldestUnresolved()}), or until its deadline. Not thread-safe: used under the buffer's lock;
 * the futures are completed by the caller after releasing it.
 */
final class FlushWaiters {
    private record Waiter(long seq, long deadline, CompletableFuture<Void> done) {}

    private final List<Waiter> waiters = new ArrayList<>();

    CompletableFuture<Void> add(long throughSeq, long deadline) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        waiters.add(new Waiter(throughSeq, deadline, done));
        return done;
    }

    /** The earlier of {@code at} and the earliest deadline (System.nanoTime). */
    long earliestDeadline(long at) {
        for (Waiter w : waiters) {
            if (w.deadline() - at < 0) {
                at = w.deadline();
            }
        }
        return at;
    }

    /** Moves to {@code done} the waiters whose events are all resolved or whose deadline has passed. */
    void ready(long oldestUnresolved, long now, List<CompletableFuture<Void>> done) {
        waiters.removeIf(w -> {
            boolean complete = oldestUnresolved > w.seq() || now - w.deadline() >= 0;
            if (complete) {
                done.add(w.done());
            }
            return complete;
        });
    }

    /** Moves every waiter to {@code done} (the buffer closed). */
    void all(List<CompletableFuture<Void>> done) {
        waiters.forEach(w -> done.add(w.done()));
        waiters.clear();
    }
}
