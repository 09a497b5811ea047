package dev.schematic.quarkus.runtime;

import dev.schematic.quarkus.runtime.ConfigConverters.Durations;
import dev.schematic.quarkus.runtime.ConfigConverters.Integers;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The event buffer that batches identify and track events to the capture service. */
public interface EventsConfig {
    /** Events per request to the capture service (1 to 100). */
    @WithDefault("100")
    @WithConverter(Integers.class)
    int batchSize();

    /** The longest an event waits before its batch is sent (at least 1ms). */
    @WithDefault("5s")
    @WithConverter(Durations.class)
    Duration flushInterval();

    /** The most events queued (at least 1); beyond it the oldest are dropped, counted and logged. */
    @WithDefault("100000")
    @WithConverter(Integers.class)
    int maxQueue();

    /** How many times a batch failing with an unexpected error is re-sent (0 to 10). */
    @WithDefault("3")
    @WithConverter(Integers.class)
    int maxRetries();

    /** The first wait between batch retries; it doubles on each retry. */
    @WithDefault("1s")
    @WithConverter(Durations.class)
    Duration retryBackoff();

    /** Connect and read timeout of each request to the capture service (at least 1ms). */
    @WithDefault("10s")
    @WithConverter(Durations.class)
    Duration timeout();

    /** At shutdown, how long queued events may take to be delivered before they are given up on (0 or more). */
    @WithDefault("30s")
    @WithConverter(Durations.class)
    Duration shutdownTimeout();
}
