package dev.schematic.quarkus.runtime;

import dev.schematic.quarkus.runtime.ConfigConverters.Durations;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The OpenFeature provider of {@code schematic-openfeature} (see docs/openfeature.md). Mapped so that Quarkus accepts
 * the keys; the provider reads them through the catalogue.
 */
public interface OpenFeatureConfig {
    /** Register the OpenFeature provider at startup (schematic-openfeature). */
    @WithDefault("true")
    boolean enabled();

    /** How long the provider waits for the DataStream. */
    @WithDefault("10s")
    @WithConverter(Durations.class)
    Duration initTimeout();

    /** How often the provider reads the DataStream state. */
    @WithDefault("500ms")
    @WithConverter(Durations.class)
    Duration pollInterval();

    /** The user key an OpenFeature targeting key becomes (e.g. {@code id}). */
    Optional<String> targetingKeyAsUserKey();
}
