package dev.schematic.events;

import dev.schematic.SchematicApiException;
import dev.schematic.http.RetryPolicy;
import dev.schematic.internal.DaemonThreads;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Batches events and posts them to the capture service without blocking the caller.
 *
 * <p>Threads: {@link #submit} runs on the caller's thread and only enqueues (a lock-free queue; when it holds
 * {@code maxQueue} events the oldest is dropped and counted). One daemon thread, {@code schematic-event-flusher},
 * takes batches of {@code batchSize} every {@code flushInterval}, or as soon as a full batch is waiting, and hands
 * them to {@value #SENDERS} {@code schematic-event-sender} threads (at most {@value #MAX_IN_FLIGHT} batches in flight).
 * A failed batch is re-sent up to {@code maxRetries} times after {@code backoff × 2^n} ±25% by the
 * {@code schematic-event-retry} thread; 4xx answers other than 408/429 are not retried. Threads start with the first
 * event. {@link #close()} sends everything still queued, waits for in-flight batches and retries up to
 * {@code shutdownTimeout}, then stops all threads; what could not be sent by then is counted as failed and logged.
 */
public final class EventBuffer implements AutoCloseable {
    static final int SENDERS = 2;
    static final int MAX_IN_FLIGHT = 4;
    private static final System.Logger LOG = System.getLogger(EventBuffer.class.getName());

    private final EventSender sender;
    private final int batchSize;
    private final long flushIntervalNanos;
    private final int maxQueue;
    private final int maxRetries;
    private final Duration backoff;
    private final Duration shutdownTimeout;

    private final ConcurrentLinkedQueue<CaptureEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicLong outstandingEvents = new AtomicLong();
    private final java.util.Set<CompletableFuture<Void>> pending = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Object outstandingMonitor = new Object();

    // counted on callers' threads: adders, so that concurrent submits do not contend on one counter
    private final LongAdder submitted = new LongAdder();
    private final AtomicLong delivered = new AtomicLong();
    private final LongAdder dropped = new LongAdder();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong offline = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicInteger overflowWarnings = new AtomicInteger();

    private volatile boolean started;
    /**
     * The flusher is parked (or about to park) waiting for a full batch: only then do submits wake it. While it is
     * busy (taking batches, waiting for a free in-flight slot) a wake-up would only cost the caller a system call.
     */
    private volatile boolean flusherIdle;

    private volatile boolean stopped;
    private Thread flusher;
    private ExecutorService senders;
    private ScheduledExecutorService retryScheduler;

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
        this.maxQueue = maxQueue;
        this.maxRetries = maxRetries;
        this.backoff = backoff;
        this.shutdownTimeout = shutdownTimeout;
    }

    /** Queues an event; never blocks. Returns false when the buffer is closed (the event is counted as dropped). */
    public boolean submit(CaptureEvent event) {
        if (stopped) {
            dropped.increment();
            LOG.log(Level.WARNING, "Schematic event buffer is closed; dropped a {0} event", event.type());
            return false;
        }
        if (!started) {
            start();
        }
        queue.add(event);
        submitted.increment();
        int n = size.incrementAndGet();
        while (n > maxQueue) {
            if (queue.poll() != null) {
                n = size.decrementAndGet();
                dropped.increment();
                if (overflowWarnings.get() == 0 && overflowWarnings.getAndIncrement() == 0) {
                    long lost = dropped.sum();
                    LOG.log(
                            Level.WARNING,
                            "Schematic event queue is full ({0} events): dropping the oldest; {1} dropped so far",
                            maxQueue,
                            lost);
                }
            } else {
                break;
            }
        }
        if (n % batchSize == 0 && flusherIdle) {
            LockSupport.unpark(flusher);
        }
        return true;
    }

    /** Counts an event discarded because the client is offline. */
    public void discardOffline() {
        offline.incrementAndGet();
    }

    /**
     * Sends everything queued now, in batches, and completes when those batches and the ones already in flight (or
     * waiting for a retry) are delivered or given up on.
     */
    public CompletableFuture<Void> flush() {
        if (!started) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<Void>> sent = new ArrayList<>(pending);
        List<CaptureEvent> batch;
        while (!(batch = take(batchSize)).isEmpty()) {
            sent.add(dispatch(batch));
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    public EventStats stats() {
        return new EventStats(
                submitted.sum(),
                delivered.get(),
                dropped.sum(),
                failed.get(),
                offline.get(),
                size.get(),
                batches.get(),
                retries.get());
    }

    private synchronized void start() {
        if (started || stopped) {
            return;
        }
        senders = new ThreadPoolExecutor(
                SENDERS,
                SENDERS,
                0,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(),
                DaemonThreads.named("schematic-event-sender"));
        ScheduledThreadPoolExecutor scheduler =
                new ScheduledThreadPoolExecutor(1, DaemonThreads.named("schematic-event-retry"));
        scheduler.setRemoveOnCancelPolicy(true);
        retryScheduler = scheduler;
        flusher = DaemonThreads.named("schematic-event-flusher").newThread(this::flushLoop);
        flusher.start();
        started = true;
    }

    private void flushLoop() {
        long nextTimedFlush = System.nanoTime() + flushIntervalNanos;
        while (!stopped) {
            long now = System.nanoTime();
            if (size.get() >= batchSize || now >= nextTimedFlush) {
                List<CaptureEvent> batch;
                while (!stopped && !(batch = take(batchSize)).isEmpty()) {
                    dispatch(batch);
                    if (size.get() < batchSize) {
                        break;
                    }
                }
                if (now >= nextTimedFlush) {
                    nextTimedFlush = now + flushIntervalNanos;
                }
            }
            flusherIdle = true;
            if (size.get() < batchSize) {
                LockSupport.parkNanos(this, Math.max(0, nextTimedFlush - System.nanoTime()));
            }
            flusherIdle = false;
        }
    }

    private List<CaptureEvent> take(int max) {
        List<CaptureEvent> batch = new ArrayList<>(Math.min(max, Math.max(size.get(), 1)));
        CaptureEvent e;
        while (batch.size() < max && (e = queue.poll()) != null) {
            size.decrementAndGet();
            batch.add(e);
        }
        return batch;
    }

    private CompletableFuture<Void> dispatch(List<CaptureEvent> batch) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.add(done);
        done.whenComplete((ignored, failure) -> pending.remove(done));
        outstanding.incrementAndGet();
        outstandingEvents.addAndGet(batch.size());
        inFlight.acquireUninterruptibly();
        senders.execute(() -> attempt(batch, 0, done));
        return done;
    }

    private void attempt(List<CaptureEvent> batch, int attempt, CompletableFuture<Void> done) {
        try {
            sender.send(batch);
            delivered.addAndGet(batch.size());
            batches.incrementAndGet();
            finish(done, batch.size());
        } catch (Exception failure) {
            boolean retryable = !(failure instanceof SchematicApiException) || RetryPolicy.isRetryable(failure);
            if (retryable && attempt < maxRetries && !retryScheduler.isShutdown()) {
                retries.incrementAndGet();
                inFlight.release();
                long base = backoff.toMillis() << attempt;
                long wait =
                        Math.round(base * (0.75 + ThreadLocalRandom.current().nextDouble() * 0.5));
                retryScheduler.schedule(
                        () -> {
                            inFlight.acquireUninterruptibly();
                            senders.execute(() -> attempt(batch, attempt + 1, done));
                        },
                        wait,
                        TimeUnit.MILLISECONDS);
                return;
            }
            failed.addAndGet(batch.size());
            LOG.log(
                    Level.ERROR,
                    "Schematic event capture failed after {0} attempt(s); {1} event(s) lost: {2}",
                    attempt + 1,
                    batch.size(),
                    failure.toString());
            finish(done, batch.size());
        }
    }

    private void finish(CompletableFuture<Void> done, int events) {
        inFlight.release();
        outstandingEvents.addAndGet(-events);
        if (outstanding.decrementAndGet() == 0) {
            synchronized (outstandingMonitor) {
                outstandingMonitor.notifyAll();
            }
        }
        done.complete(null);
    }

    /**
     * Stops accepting events, sends everything queued (not just one batch), waits up to the shutdown timeout for
     * deliveries and retries, and stops the buffer's threads. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        if (!started) {
            return;
        }
        flusher.interrupt();
        LockSupport.unpark(flusher);
        try {
            flusher.join(shutdownTimeout.toMillis() + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        synchronized (outstandingMonitor) {
            while (outstanding.get() > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                try {
                    outstandingMonitor.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        List<Runnable> pendingRetries = retryScheduler.shutdownNow();
        senders.shutdown();
        try {
            senders.awaitTermination(Math.max(1, shutdownTimeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        senders.shutdownNow();
        long lost = outstandingEvents.getAndSet(0);
        if (lost > 0 || !pendingRetries.isEmpty()) {
            failed.addAndGet(lost);
            LOG.log(
                    Level.ERROR,
                    "Schematic event buffer closed with {0} event(s) undelivered after waiting {1}; counted as failed",
                    lost,
                    shutdownTimeout);
        }
    }
}
