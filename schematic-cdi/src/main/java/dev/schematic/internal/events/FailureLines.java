package dev.schematic.internal.events;

import java.lang.System.Logger.Level;
import java.time.Duration;

/** The ERROR lines of the event buffer for events that were not delivered (docs/events.md lists them). */
final class FailureLines {
    private static final System.Logger LOG = System.getLogger(EventBuffer.class.getName());

    private FailureLines() {}

    /** A 4xx other than 408/429 (or an error retried {@code max-retries} times) rejected a batch. */
    static void rejected(int events, Throwable failure) {
        LOG.log(
                Level.ERROR,
                "Schematic event capture rejected a batch; {0} event(s) not delivered (counted in"
                        + " eventStats().failed()): {1}",
                events,
                CaptureOutcome.describe(failure));
    }

    /** While closing, a failure that cannot heal (a Java {@code Error}) ended the final flush at once. */
    static void givenUpAtClose(int events, Throwable failure) {
        LOG.log(
                Level.ERROR,
                "Schematic event buffer closing: {0} event(s) not delivered, given up at once (counted in"
                        + " eventStats().failed()): {1}",
                events,
                CaptureOutcome.describe(failure));
    }

    /** The shutdown timeout ran out with events still undelivered. */
    static void closedWith(int events, Duration shutdownTimeout) {
        LOG.log(
                Level.ERROR,
                "Schematic event buffer closed with {0} event(s) undelivered after retrying for {1}; counted in"
                        + " eventStats().failed()",
                events,
                shutdownTimeout);
    }
}
