package dev.schematic.openfeature.cdi;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ImmutableStructure;
import dev.openfeature.sdk.Value;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/** An application bean using OpenFeature's injected client. */
@ApplicationScoped
public class FeatureService {
    @Inject
    Client features;

    boolean newCheckout(String companyId) {
        return features.getBooleanValue(
                "new-checkout",
                false,
                new ImmutableContext(
                        Map.of("company", new Value(new ImmutableStructure(Map.of("id", new Value(companyId)))))));
    }

    Client client() {
        return features;
    }
}
