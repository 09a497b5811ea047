package dev.schematic.quarkus.runtime;

import dev.schematic.quarkus.runtime.ConfigConverters.Booleans;
import dev.schematic.quarkus.runtime.ConfigConverters.Durations;
import dev.schematic.quarkus.runtime.ConfigConverters.Integers;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The local cache of flag-check answers. */
public interface CacheConfig {
    /** Caches flag-check answers for {@code schematic.cache.ttl}. */
    @WithDefault("true")
    @WithConverter(Booleans.class)
    boolean enabled();

    /** The most answers kept (0 or more); the least recently used go first. */
    @WithDefault("1000")
    @WithConverter(Integers.class)
    int maxSize();

    /** How long an answer is reused (0 or more). */
    @WithDefault("5s")
    @WithConverter(Durations.class)
    Duration ttl();

    /** How long past its TTL an answer is served (marked stale) while the API fails (0 or more; 0 = never). */
    @WithDefault("5m")
    @WithConverter(Durations.class)
    Duration maxStale();
}
