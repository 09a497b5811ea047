package dev.schematic.internal.flags;

import dev.schematic.internal.http.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one API call with retries inside a whole-call deadline. Each attempt gets a timeout (connect and read) no
 * longer than the time left, taken from a short ladder of steps ({@code deadline}, ½ and ¼ of it, at least 10 ms) so
 * that only a few REST clients are ever built per deadline. A retry (per the {@link RetryPolicy}: refused, 408, 429,
 * 5xx) happens only when its wait ({@code Retry-After} included) still leaves at least the smallest step (a quarter
 * of the deadline) for the attempt; otherwise the last failure is thrown at once, without waiting. So a call never takes much longer than its deadline, however
 * the server behaves (a server that never answers costs one read timeout).
 */
final class DeadlineCall {
    static final int STEPS = 3;
    static final long MIN_STEP_NANOS = Duration.ofMillis(10).toNanos();

    /** One attempt with the given per-attempt timeout. */
    @FunctionalInterface
    interface Attempt<R> {
        R run(Duration timeout);
    }

    private DeadlineCall() {}

    static <R> R call(Duration deadline, int maxRetries, RetryPolicy policy, Attempt<R> attempt) {
        long start = System.nanoTime();
        long total = deadline.toNanos();
        for (int retries = 0; ; retries++) {
            Duration step = retries == 0 ? deadline : step(total, total - (System.nanoTime() - start));
            try {
                return attempt.run(step == null ? smallest(total) : step);
            } catch (RuntimeException failure) {
                if (retries >= maxRetries || !RetryPolicy.isRetryable(failure)) {
                    throw failure;
                }
                long wait = policy.delay(retries, failure).toNanos();
                long leftAfterWait = total - (System.nanoTime() - start) - wait;
                if (leftAfterWait < smallest(total).toNanos()) {
                    throw failure; // no room for another attempt inside the deadline
                }
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw failure;
                }
            }
        }
    }

    /** The largest step of the ladder that fits in {@code leftNanos}, or null when none does. */
    static Duration step(long totalNanos, long leftNanos) {
        for (int k = 0; k < STEPS; k++) {
            long step = totalNanos >> k;
            if (step < MIN_STEP_NANOS && k > 0) {
                break;
            }
            if (step <= leftNanos) {
                return Duration.ofMillis(Math.max(1, step / 1_000_000));
            }
        }
        return null;
    }

    /** Every step of the ladder of a deadline, largest first. */
    static List<Duration> ladder(Duration deadline) {
        long total = deadline.toNanos();
        List<Duration> steps = new ArrayList<>();
        for (int k = 0; k < STEPS && (k == 0 || (total >> k) >= MIN_STEP_NANOS); k++) {
            steps.add(k == 0 ? deadline : Duration.ofMillis(Math.max(1, (total >> k) / 1_000_000)));
        }
        return steps;
    }

    /** The smallest step of the ladder. */
    static Duration smallest(long totalNanos) {
        long step = totalNanos;
        for (int k = 1; k < STEPS && (totalNanos >> k) >= MIN_STEP_NANOS; k++) {
            step = totalNanos >> k;
        }
        return Duration.ofMillis(Math.max(1, step / 1_000_000));
    }
}
