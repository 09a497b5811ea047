package dev.schematic.internal.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The SDK's one exponential backoff (REST retries, the capture pause, DataStream reconnects). */
class BackoffTest {

    @Test
    void proportionalJitterDoublesUpToTheCapWithin10Percent() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(800), Backoff.Jitter.PROPORTIONAL);
        for (int i = 0; i < 50; i++) {
            long d0 = b.delay(0).toMillis();
            long d2 = b.delay(2).toMillis();
            long d10 = b.delay(10).toMillis();
            assertTrue(d0 >= 90 && d0 <= 110, "" + d0);
            assertTrue(d2 >= 360 && d2 <= 440, "" + d2);
            assertTrue(d10 >= 720 && d10 <= 880, "capped at 800 ms +-10%: " + d10);
        }
    }

    @Test
    void jitterBelowTheFirstWaitIsAddedOnTop() {
        // datastream.md 1.4: min(2^(attempt-1) x min, max) + uniform [0, min); attempt 1 is wait 0
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), Backoff.Jitter.BELOW_FIRST);
        for (int i = 0; i < 50; i++) {
            long d0 = b.delay(0).toMillis();
            long d2 = b.delay(2).toMillis();
            long d29 = b.delay(29).toMillis();
            assertTrue(d0 >= 100 && d0 < 200, "" + d0);
            assertTrue(d2 >= 400 && d2 < 500, "" + d2);
            assertTrue(d29 >= 1000 && d29 < 1100, "" + d29);
        }
    }

    @Test
    void hugeExponentsAndTinyWaitsStayInRange() {
        Backoff b = new Backoff(Duration.ZERO, Duration.ofSeconds(60), Backoff.Jitter.BELOW_FIRST);
        assertEquals(1, b.delay(0).toMillis(), "at least 1 ms");
        Backoff b60 = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), Backoff.Jitter.PROPORTIONAL);
        assertTrue(b60.delay(Integer.MAX_VALUE).toMillis() <= 66_000, "no overflow past the cap");
        assertTrue(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), Backoff.Jitter.PROPORTIONAL)
                        .delay(-3)
                        .toMillis()
                <= 1100);
        assertThrows(
                IllegalArgumentException.class, () -> new Backoff(null, Duration.ZERO, Backoff.Jitter.PROPORTIONAL));
    }
}
