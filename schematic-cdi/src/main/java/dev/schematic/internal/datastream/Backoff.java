package dev.schematic.internal.datastream;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays: {@code min(2^(attempt-1) × min, max)} plus a jitter uniform in {@code [0, min)}, attempt
 * counting from 1 (datastream.md §1.4, without the official SDKs' limit of 10 attempts).
 */
record Backoff(Duration min, Duration max) {

    Duration delay(int attempt) {
        long minMs = Math.max(1, min.toMillis());
        long maxMs = Math.max(minMs, max.toMillis());
        int shift = Math.min(Math.max(attempt, 1) - 1, 30);
        long base = minMs << shift;
        if (base <= 0 || base > maxMs) {
            base = maxMs;
        }
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(minMs));
    }
}
