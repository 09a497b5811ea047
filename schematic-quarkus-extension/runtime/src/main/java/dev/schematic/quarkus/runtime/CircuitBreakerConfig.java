package dev.schematic.quarkus.runtime;

import dev.schematic.quarkus.runtime.ConfigConverters.Durations;
import dev.schematic.quarkus.runtime.ConfigConverters.Integers;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The circuit breaker on the API path of flag checks. */
public interface CircuitBreakerConfig {
    /** Failed checks in a row (refused, timeout, 408, 5xx) that open it (0 to 1000; 0 turns it off). */
    @WithDefault("5")
    @WithConverter(Integers.class)
    int failureThreshold();

    /** How long it stays open, answering checks without the API, before one probe (at least 1ms). */
    @WithDefault("10s")
    @WithConverter(Durations.class)
    Duration openDuration();
}
