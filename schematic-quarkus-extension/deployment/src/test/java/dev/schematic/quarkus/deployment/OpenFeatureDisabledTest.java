package dev.schematic.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.OpenFeatureAPI;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code schematic.openfeature.enabled=false}: no provider is registered; the injected client still exists and
 * answers with the caller's default, as OpenFeature's no-op provider does.
 */
class OpenFeatureDisabledTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("schematic.api-key", "sch_dev_openfeature_off")
            .overrideConfigKey("schematic.offline", "true")
            .overrideConfigKey("schematic.openfeature.enabled", "false");

    @Inject
    Client features;

    @Test
    void noProviderIsRegistered() {
        assertNotEquals(
                "schematic", OpenFeatureAPI.getInstance().getProviderMetadata().getName());
        FlagEvaluationDetails<Boolean> d = features.getBooleanDetails("anything", true);
        assertEquals(true, d.getValue());
        // the Schematic provider tags every answer with its source; OpenFeature's no-op provider does not
        assertNull(d.getFlagMetadata().getString("source"), d::toString);
    }
}
