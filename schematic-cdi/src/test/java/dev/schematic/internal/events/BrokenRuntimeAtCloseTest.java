package dev.schematic.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schematic.Track;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ServiceConfigurationError;
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
