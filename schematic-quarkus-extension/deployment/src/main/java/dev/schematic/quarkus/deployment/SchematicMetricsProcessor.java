package dev.schematic.quarkus.deployment;

import dev.schematic.quarkus.runtime.SchematicMicrometerMeters;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;

/**
 * The client's meters on Quarkus' Micrometer registry (docs/observability.md), when the application has
 * quarkus-micrometer. OpenTelemetry needs no build step: the client finds quarkus-opentelemetry's
 * {@code OpenTelemetry} bean itself.
 */
class SchematicMetricsProcessor {
    @BuildStep
    void micrometerMeters(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        // quarkus-micrometer provides io.quarkus.metrics (the only metrics extension of Quarkus 3)
        if (capabilities.isPresent(Capability.METRICS)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(SchematicMicrometerMeters.class));
        }
    }
}
