package dev.schematic.internal.flags;

import dev.schematic.internal.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * API checks that run on threads of their own ({@code schematic-check-refresh-<n>}) so that the checking thread waits
 * for them no longer than it chooses: refreshes of cached answers past their TTL (stale-while-revalidate) and the
 * circuit breaker's half-open probe. At most one per key is in flight (a second caller joins the first); at most
 * {@value #THREADS} run at once and {@value #QUEUE} wait, beyond which a refresh is not started (the caller serves
 * what it has; the next check tries again). Threads end after 30 s idle.
 */
final class BackgroundChecks implements AutoCloseable {
    static final int THREADS = 8;
    static final int QUEUE = 256;

    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(
            THREADS,
            THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(QUEUE),
            DaemonThreads.named("schematic-check-refresh"));
    private final ConcurrentHashMap<String, CompletableFuture<ApiCheck.Outcome>> inFlight = new ConcurrentHashMap<>();

    BackgroundChecks() {
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs {@code task} for {@code key} unless one is in flight already (then that one's future is returned and
     * {@code task} does not run: {@code joined} is told so). Null when the pool is full or closed.
     */
    CompletableFuture<ApiCheck.Outcome> run(String key, Supplier<ApiCheck.Outcome> task, Runnable joined) {
        CompletableFuture<ApiCheck.Outcome> mine = new CompletableFuture<>();
        CompletableFuture<ApiCheck.Outcome> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            joined.run();
            return running;
        }
        try {
            pool.execute(() -> {
                try {
                    mine.complete(task.get());
                } catch (RuntimeException | Error e) {
                    mine.complete(ApiCheck.Outcome.failed(String.valueOf(e)));
                    if (e instanceof Error error) {
                        throw error;
                    }
                } finally {
                    inFlight.remove(key, mine);
                }
            });
            return mine;
        } catch (RejectedExecutionException full) {
            inFlight.remove(key, mine);
            return null;
        }
    }

    /** The outcome if it is there within {@code wait}, else null (the task runs on). */
    static ApiCheck.Outcome await(CompletableFuture<ApiCheck.Outcome> future, Duration wait) {
        try {
            return future.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return ApiCheck.Outcome.failed(String.valueOf(e.getCause()));
        }
    }

    /** Checks in flight. */
    int inFlight() {
        return inFlight.size();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
