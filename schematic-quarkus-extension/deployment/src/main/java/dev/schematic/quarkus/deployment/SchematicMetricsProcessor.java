package dev.schematic.quarkus.deployment;

import dev.schematic.quarkus.runtime.SchematicMicrometerMeters;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;

/**
 * The client's meters on Quarkus' Micrometer registry (docs/observability.md), when the application has
 * quarkus-micrometer. OpenTelemetry needs no build step: the client finds quarkus-opentelemetry's
 * {@code OpenTelemetry} bean itself.
 */
class SchematicMetricsProcessor {
    /** The capability quarkus-micrometer provides (Quarkus 3.33 has no constant for it). */
    static final String MICROMETER = "io.quarkus.micrometer";

    @BuildStep
    void micrometerMeters(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(MICROMETER)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(SchematicMicrometerMeters.class));
        }
    }
}
