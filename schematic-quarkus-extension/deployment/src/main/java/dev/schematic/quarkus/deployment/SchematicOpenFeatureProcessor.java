package dev.schematic.quarkus.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.ExcludedTypeBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;

/**
 * OpenFeature (docs/openfeature.md): when the application has schematic-openfeature (and so OpenFeature's SDK) on its
 * class path, the extension registers the {@code schematic} provider over its {@code Schematic} bean and lets beans
 * inject OpenFeature's {@code Client} ({@code dev.schematic.quarkus.runtime.openfeature.SchematicOpenFeature}, read
 * from the typed {@code schematic.openfeature.*} mapping). Without the module nothing is added and no OpenFeature
 * class is loaded.
 */
class SchematicOpenFeatureProcessor {
    static final String PROVIDER = "dev.schematic.openfeature.SchematicProvider";
    static final String OPENFEATURE_API = "dev.openfeature.sdk.OpenFeatureAPI";
    /** Named as text: the class needs schematic-openfeature, which the extension depends on only optionally. */
    static final String REGISTRATION = "dev.schematic.quarkus.runtime.openfeature.SchematicOpenFeature";

    @BuildStep
    void openFeature(BuildProducer<AdditionalBeanBuildItem> beans, BuildProducer<ExcludedTypeBuildItem> excluded) {
        // the module's producer for Jakarta EE servers reads MicroProfile Config; in Quarkus this one registers
        excluded.produce(new ExcludedTypeBuildItem("dev.schematic.openfeature.cdi.**"));
        if (QuarkusClassLoader.isClassPresentAtRuntime(PROVIDER)
                && QuarkusClassLoader.isClassPresentAtRuntime(OPENFEATURE_API)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(REGISTRATION));
        }
    }
}
