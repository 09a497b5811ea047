package dev.schematic.internal.flags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.schematic.SchematicApiException;
import dev.schematic.internal.http.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadlineCallTest {
    static final long MS = 1_000_000;

    @Test
    void attemptTimeoutsComeFromAShortLadderThatFitsTheTimeLeft() {
        long total = 1000 * MS;
        assertEquals(Duration.ofMillis(1000), DeadlineCall.step(total, 1000 * MS));
        assertEquals(Duration.ofMillis(500), DeadlineCall.step(total, 999 * MS));
        assertEquals(Duration.ofMillis(250), DeadlineCall.step(total, 300 * MS));
        assertNull(DeadlineCall.step(total, 200 * MS), "no room for the smallest step");
        assertEquals(Duration.ofMillis(250), DeadlineCall.smallest(total));
        assertEquals(Duration.ofMillis(10), DeadlineCall.smallest(20 * MS), "never below 10 ms");
    }

    @Test
    void theLadderHasTheDeadlineAndTwoSmallerSteps() {
        assertEquals(
                List.of(Duration.ofMillis(1000), Duration.ofMillis(500), Duration.ofMillis(250)),
                DeadlineCall.ladder(Duration.ofSeconds(1)));
        assertEquals(List.of(Duration.ofMillis(15)), DeadlineCall.ladder(Duration.ofMillis(15)));
    }

    @Test
    void retriesStopWhenTheWaitWouldPassTheDeadline() {
        List<Duration> timeouts = new ArrayList<>();
        SchematicApiException unavailable = SchematicApiException.of(503, "{}", Map.of("Retry-After", List.of("5")));
        var thrown = assertThrows(
                SchematicApiException.class,
                () -> DeadlineCall.call(Duration.ofMillis(800), 2, new RetryPolicy(2, Duration.ofMillis(1)), t -> {
                    timeouts.add(t);
                    throw unavailable;
                }));
        assertSame(unavailable, thrown);
        assertEquals(List.of(Duration.ofMillis(800)), timeouts, "one attempt: a 5 s wait does not fit");
    }

    @Test
    void aRetryInsideTheDeadlineGetsATimeoutThatFitsWhatIsLeft() {
        List<Duration> timeouts = new ArrayList<>();
        String answer = DeadlineCall.call(Duration.ofMillis(800), 2, new RetryPolicy(2, Duration.ofMillis(1)), t -> {
            timeouts.add(t);
            if (timeouts.size() == 1) {
                throw SchematicApiException.of(502, "{}", Map.of());
            }
            return "ok";
        });
        assertEquals("ok", answer);
        assertEquals(2, timeouts.size());
        assertEquals(Duration.ofMillis(400), timeouts.get(1), "the largest step below the time left");
    }
}
