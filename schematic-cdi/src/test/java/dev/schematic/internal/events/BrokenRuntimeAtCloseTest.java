package dev.schematic.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schematic.Track;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ServiceConfigurationError;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A final flush whose sends fail because the SDK's own runtime is broken (Payara Micro deleting its jars while it
 * stops: ServiceConfigurationError caused by NoSuchFileException) gives up at once instead of re-sending for the
 * whole shutdown timeout, and says how many events were not delivered and why, in one line.
 */
class BrokenRuntimeAtCloseTest {

    @Test
    void closeGivesUpAfterOneAttemptAndLogsOneLine() {
        AtomicInteger attempts = new AtomicInteger();
        EventBuffer buffer = new EventBuffer(
                batch -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException(new ServiceConfigurationError(
                            "org.glassfish.jersey.internal.inject.InjectionManagerFactory",
                            new NoSuchFileException("/tmp/payaramicro-rt1/runtime/jersey-hk2.jar")));
                },
                100,
                Duration.ofHours(1),
                1000,
                3,
                Duration.ofMillis(50),
                Duration.ofSeconds(30));
        try (LogRecorder log = new LogRecorder()) {
            for (int i = 0; i < 3; i++) {
                buffer.submit(EventBodies.track("k", Track.event("e" + i).build()));
            }
            buffer.close();
            assertEquals(1, attempts.get(), "no re-send: the error cannot heal");
            assertEquals(3, buffer.stats().failed(), () -> buffer.stats().toString());
            assertEquals(0, buffer.stats().delivered());
            assertEquals(
                    1,
                    log.containing("3 event(s) not delivered, given up at once").stream()
                            .filter(l -> l.contains("jersey-hk2.jar"))
                            .count(),
                    () -> "one line naming the count and the cause: " + log.lines());
            assertEquals(
                    0, log.containing("undelivered after retrying").size(), () -> "no second line: " + log.lines());
        }
    }

    @Test
    void whileRunningABrokenRuntimeUnderAnIoExceptionIsRetriedMaxRetriesTimesNotForeverAsAnOutage() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        EventBuffer buffer = new EventBuffer(
                batch -> {
                    attempts.incrementAndGet();
                    throw new UncheckedIOException(
                            new IOException(new NoClassDefFoundError("jakarta/ws/rs/core/Response")));
                },
                100,
                Duration.ofHours(1),
                1000,
                2,
                Duration.ofMillis(10),
                Duration.ofSeconds(30));
        try {
            buffer.submit(EventBodies.track("k", Track.event("e").build()));
            buffer.flush().get(20, TimeUnit.SECONDS); // completes once the event is given up on
            assertEquals(3, attempts.get(), "one attempt and events.max-retries = 2 retries");
            assertEquals(1, buffer.stats().failed(), () -> buffer.stats().toString());
        } finally {
            buffer.close();
        }
    }

    @Test
    void aServiceConfigurationErrorThrownAsItIsIsCaughtAndCounted() {
        AtomicInteger attempts = new AtomicInteger();
        EventBuffer buffer = new EventBuffer(
                batch -> {
                    attempts.incrementAndGet();
                    throw new ServiceConfigurationError("jakarta.json.bind.spi.JsonbProvider");
                },
                100,
                Duration.ofHours(1),
                1000,
                3,
                Duration.ofMillis(50),
                Duration.ofSeconds(30));
        buffer.submit(EventBodies.track("k", Track.event("e").build()));
        buffer.close();
        assertEquals(1, attempts.get());
        assertEquals(1, buffer.stats().failed(), () -> buffer.stats().toString());
    }
}
