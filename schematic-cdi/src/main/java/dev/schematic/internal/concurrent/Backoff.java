package dev.schematic.internal.concurrent;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The SDK's one exponential backoff: wait number {@code n} (counting from 0) is {@code min(first × 2^n, max)} plus a
 * jitter. Used by REST retries and the event capture pause ({@link Jitter#PROPORTIONAL}, ±10%, as the official SDKs'
 * retries) and by DataStream reconnects ({@link Jitter#BELOW_FIRST}, datastream.md §1.4).
 *
 * @param first the first wait (at least 1 ms is used)
 * @param max the longest wait before jitter (at least {@code first})
 * @param jitter how the wait is spread
 */
public record Backoff(Duration first, Duration max, Jitter jitter) {
    /** How a wait is spread, so that many clients do not retry in step. */
    public enum Jitter {
        /** The wait × a factor uniform in [0.9, 1.1]. */
        PROPORTIONAL,
        /** The wait + a delay uniform in [0, first). */
        BELOW_FIRST
    }

    public Backoff {
        if (first == null || max == null || jitter == null) {
            throw new IllegalArgumentException("first, max and jitter are required");
        }
    }

    /** Wait number {@code n}: {@code n} waits came before it (0 for the first). */
    public Duration delay(int n) {
        long firstMs = Math.max(1, first.toMillis());
        long maxMs = Math.max(firstMs, max.toMillis());
        int shift = Math.min(Math.max(n, 0), 30);
        long base = firstMs << shift;
        if (base <= 0 || base > maxMs) {
            base = maxMs;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return switch (jitter) {
            case PROPORTIONAL -> Duration.ofMillis(Math.round(base * (0.9 + random.nextDouble() * 0.2)));
            case BELOW_FIRST -> Duration.ofMillis(base + random.nextLong(firstMs));
        };
    }
}
