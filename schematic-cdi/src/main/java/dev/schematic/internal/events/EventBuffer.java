package dev.schematic.internal.events;

import dev.schematic.EventStats;
import dev.schematic.SchematicApiException;
import dev.schematic.internal.concurrent.DaemonThreads;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Batches events and posts them to the capture service without blocking the caller; nothing is lost while the
 * service is down, only when the queue overflows.
 *
 * <p>Threads: {@link #submit} runs on the caller's thread and only enqueues (when {@code maxQueue} events wait, the
 * oldest is dropped, counted and logged once per overflow episode, see {@link OverflowLog}). One daemon thread,
 * {@code schematic-event-flusher}, takes batches of {@code batchSize} as soon as a full batch waits, and everything
 * every {@code flushInterval}, and hands them to {@value #SENDERS} {@code schematic-event-sender} threads: up to
 * {@value #MAX_IN_FLIGHT} full batches in flight, but a partial or re-sent batch only when nothing else is in flight,
 * so that events arrive in order unless the load needs parallel requests.
 *
 * <p>Failures ({@link CaptureOutcome}): a batch that fails with a network error, a timeout or 408/429/5xx goes back
 * to the head of the queue with its events (and their idempotency keys) unchanged, and sending pauses ({@link
 * CapturePause}, with the retry policy and backoff shared with REST); then one batch probes, and the first answer resumes full speed.
 * There is no retry limit for these: the service being down loses nothing. 4xx answers other than 408/429 reject the
 * batch (counted as failed, logged). Other errors (a bug, an event that cannot be serialized) are retried {@code
 * maxRetries} times.
 *
 * <p>{@link #close()} sends everything, retrying, for up to {@code shutdownTimeout}, then counts and logs as failed
 * whatever is left, and stops the threads.
 */
public final class EventBuffer implements AutoCloseable {
    static final int SENDERS = 2;
    static final int MAX_IN_FLIGHT = 4;

    private static final System.Logger LOG = System.getLogger(EventBuffer.class.getName());

    private final EventSender sender;
    private final int batchSize;
    private final long flushIntervalNanos;
    private final int maxRetries;
    private final Duration shutdownTimeout;

    private final Object lock = new Object();
    // everything below is guarded by lock
    private final EventQueue queue;
    private final OverflowLog overflow;
    private final CapturePause backoff;
    private final FlushWaiters waiters = new FlushWaiters();
    private final EventCounters count = new EventCounters();
    private boolean started;
    private boolean stopped;
    private boolean closing;
    private boolean abandoned;
    private boolean idle;
    private long closeDeadline;
    private long nextTimedFlush;
    private long drainThrough;
    private Thread flusher;
    private ExecutorService senders;

    public EventBuffer(
            EventSender sender,
            int batchSize,
            Duration flushInterval,
            int maxQueue,
            int maxRetries,
            Duration backoff,
            Duration shutdownTimeout) {
        this.sender = sender;
        this.batchSize = batchSize;
        this.flushIntervalNanos = flushInterval.toNanos();
        this.maxRetries = maxRetries;
        this.shutdownTimeout = shutdownTimeout;
        this.queue = new EventQueue(maxQueue);
        this.overflow = new OverflowLog(maxQueue);
        this.backoff = new CapturePause(backoff);
    }

    /** Queues an event; never blocks. Returns false when the buffer is closed (the event is counted as dropped). */
    public boolean submit(CaptureEvent event) {
        boolean first;
        synchronized (lock) {
            if (stopped) {
                first = count.dropped++ == 0;
            } else {
                if (!started) {
                    start();
                }
                count.submitted++;
                int lost = queue.add(event);
                if (lost > 0) {
                    count.dropped += lost;
                    overflow.dropped(lost);
                }
                if (idle
                        && !backoff.active()
                        && queue.waiting() >= batchSize
                        && queue.inFlightBatches() < MAX_IN_FLIGHT) {
                    lock.notifyAll();
                }
                return true;
            }
        }
        LOG.log(
                first ? Level.WARNING : Level.DEBUG,
                "Schematic event buffer is closed; dropped a {0} event (counted in eventStats().dropped())",
                event.type());
        return false;
    }

    /** Counts an event discarded because the client is offline. */
    public void discardOffline() {
        count.offline.incrementAndGet();
    }

    /**
     * Sends everything queued now and completes when all events submitted before the call are delivered or given up
     * on, retrying through failures of the capture service for at most the shutdown timeout (after which it completes
     * anyway; what is still undelivered stays queued and is retried).
     */
    public CompletableFuture<Void> flush() {
        synchronized (lock) {
            long through = queue.lastSeq();
            if (!started || abandoned || queue.oldestUnresolved() > through) {
                return CompletableFuture.completedFuture(null);
            }
            drainThrough = Math.max(drainThrough, through);
            lock.notifyAll();
            return waiters.add(through, System.nanoTime() + shutdownTimeout.toNanos());
        }
    }

    public EventStats stats() {
        synchronized (lock) {
            return count.stats(queue, overflow.episodes(), backoff.consecutiveFailures());
        }
    }

    private void start() {
        senders = new ThreadPoolExecutor(
                SENDERS,
                SENDERS,
                0,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(),
                DaemonThreads.named("schematic-event-sender"));
        nextTimedFlush = System.nanoTime() + flushIntervalNanos;
        flusher = DaemonThreads.named("schematic-event-flusher").newThread(this::flushLoop);
        started = true;
        flusher.start();
    }

    private void flushLoop() {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        boolean more = true;
        while (more) {
            synchronized (lock) {
                long now = System.nanoTime();
                more = step(now, done);
                if (more && done.isEmpty()) {
                    idle = true;
                    long wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(wakeAt(now) - now));
                    try {
                        lock.wait(wait);
                    } catch (InterruptedException e) {
                        // only close() stops this thread, through the closing flag
                    }
                    idle = false;
                }
            }
            done.forEach(f -> f.complete(null));
            done.clear();
        }
    }

    /** One round of the flusher, under the lock: returns false when the flusher should exit (closed). */
    private boolean step(long now, List<CompletableFuture<Void>> done) {
        waiters.ready(queue.oldestUnresolved(), now, done);
        if (closing && (queue.waiting() + queue.inFlightEvents() == 0 || now - closeDeadline >= 0)) {
            return false;
        }
        if (backoff.waiting(now)) {
            return true;
        }
        if (now - nextTimedFlush >= 0) {
            drainThrough = Math.max(drainThrough, queue.lastSeq());
            nextTimedFlush = now + flushIntervalNanos;
        }
        int limit = backoff.active() ? 1 : MAX_IN_FLIGHT;
        while (queue.inFlightBatches() < limit && shouldSend()) {
            if (queue.inFlightBatches() > 0 && (queue.waiting() < batchSize || queue.hasPutBack())) {
                break; // only full new batches go in parallel: partial and re-sent ones keep their order
            }
            EventQueue.Batch batch = queue.take(batchSize);
            batch.probe = backoff.active();
            overflow.waiting(queue.waiting(), count.dropped);
            senders.execute(() -> send(batch));
        }
        return true;
    }

    private boolean shouldSend() {
        int waiting = queue.waiting();
        return waiting > 0
                && (waiting >= batchSize
                        || closing
                        || backoff.active()
                        || queue.hasPutBack()
                        || queue.oldestWaiting() <= drainThrough);
    }

    private long wakeAt(long now) {
        // while a probe is in flight its answer wakes the flusher (notifyAll in send): no need to poll
        long at = backoff.waiting(now) ? backoff.until() : nextTimedFlush;
        if (closing && closeDeadline - at < 0) {
            at = closeDeadline;
        }
        return waiters.earliestDeadline(at);
    }

    /** Runs on a sender thread: one attempt of one batch. */
    private void send(EventQueue.Batch batch) {
        Throwable failure = null;
        try {
            sender.send(batch.events());
        } catch (Exception | LinkageError | ServiceConfigurationError e) {
            failure = e;
        }
        synchronized (lock) {
            settle(batch, failure);
            lock.notifyAll();
        }
    }

    private void settle(EventQueue.Batch batch, Throwable failure) {
        int n = batch.size();
        CaptureOutcome outcome = CaptureOutcome.of(failure);
        if (abandoned) { // close() gave up on this batch and counted it as failed; correct that if it got through
            if (outcome == CaptureOutcome.DELIVERED) {
                count.failed -= n;
                count.delivered += n;
                count.batches++;
            }
            return;
        }
        if (closing && outcome == CaptureOutcome.BROKEN_RUNTIME) {
            int left = queue.clear(); // this batch, the waiting ones and those in flight: the final flush ends
            count.failed += left;
            abandoned = true;
            FailureLines.givenUpAtClose(left, failure);
            return;
        }
        if ((outcome == CaptureOutcome.UNEXPECTED || outcome == CaptureOutcome.BROKEN_RUNTIME)
                && ++batch.unexpectedFailures > maxRetries) {
            outcome = CaptureOutcome.REJECTED;
        }
        switch (outcome) {
            case DELIVERED -> {
                queue.resolve(batch);
                count.delivered += n;
                count.batches++;
                backoff.answered(queue.waiting());
            }
            case REJECTED -> {
                queue.resolve(batch);
                count.failed += n;
                FailureLines.rejected(n, failure);
                if (failure instanceof SchematicApiException) {
                    backoff.answered(queue.waiting());
                }
            }
            default -> putBack(batch, failure);
        }
    }

    private void putBack(EventQueue.Batch batch, Throwable failure) {
        count.retries++;
        int lost = queue.putBack(batch);
        if (lost > 0) {
            count.dropped += lost;
            overflow.dropped(lost);
        }
        backoff.failed(batch.probe, failure, queue.waiting());
    }

    /**
     * Stops accepting events, sends everything queued, re-sending through failures, for up to the shutdown timeout;
     * then counts what is left as failed, logs it, and stops the buffer's threads. Idempotent.
     */
    @Override
    public void close() {
        Thread toJoin;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            if (!started) {
                return;
            }
            closing = true;
            closeDeadline = System.nanoTime() + shutdownTimeout.toNanos();
            lock.notifyAll();
            toJoin = flusher;
        }
        try {
            toJoin.join(shutdownTimeout.toMillis() + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left;
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        synchronized (lock) {
            left = queue.clear();
            count.failed += left;
            abandoned = true;
            overflow.end(count.dropped);
            waiters.all(pending);
            lock.notifyAll();
        }
        pending.forEach(f -> f.complete(null));
        if (left > 0) {
            FailureLines.closedWith(left, shutdownTimeout);
        }
        senders.shutdownNow();
        try {
            senders.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
