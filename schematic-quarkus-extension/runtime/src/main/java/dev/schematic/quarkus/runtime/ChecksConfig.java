package dev.schematic.quarkus.runtime;

import dev.schematic.quarkus.runtime.ConfigConverters.Durations;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Flag checks through the API. */
public interface ChecksConfig {
    /** The most one check may take, retries and Retry-After waits included (at least 10ms). */
    @WithDefault("1s")
    @WithConverter(Durations.class)
    Duration deadline();
}
