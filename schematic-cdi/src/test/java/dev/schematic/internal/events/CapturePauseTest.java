package dev.schematic.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.SchematicApiException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pause between attempts: doubling, capped at 8 x the first wait, Retry-After first, stale failures ignored. */
class CapturePauseTest {

    private static long waitMillis(CapturePause b) {
        return (b.until() - System.nanoTime()) / 1_000_000;
    }

    @Test
    void waitsDoubleUpTo8TimesTheFirstWait() {
        CapturePause b = new CapturePause(Duration.ofMillis(100));
        IOException refused = new IOException("refused");
        for (int i = 0; i < 12; i++) {
            b.failed(true, refused, 0);
        }
        long wait = waitMillis(b);
        assertTrue(wait > 650 && wait <= 880, "8 x 100 ms +-10%, got " + wait + " ms");
        assertEquals(12, b.consecutiveFailures());
    }

    @Test
    void retryAfterWinsOverTheExponentialWait() {
        CapturePause b = new CapturePause(Duration.ofMillis(10));
        b.failed(true, new SchematicApiException(503, "", Map.of("Retry-After", List.of("3"))), 0);
        long wait = waitMillis(b);
        assertTrue(wait > 2_800 && wait <= 3_000, "Retry-After: 3, got " + wait + " ms");
    }

    @Test
    void aFailureOfABatchSentBeforeThePauseDoesNotLengthenIt() {
        CapturePause b = new CapturePause(Duration.ofSeconds(1));
        b.failed(true, new IOException("refused"), 0);
        long until = b.until();
        b.failed(false, new IOException("refused"), 0);
        assertEquals(until, b.until());
        assertEquals(1, b.consecutiveFailures());
        assertTrue(b.waiting(System.nanoTime()));
        b.answered(0);
        assertFalse(b.active());
        assertEquals(0, b.consecutiveFailures());
    }
}
