package dev.schematic.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ImmutableStructure;
import dev.openfeature.sdk.MutableTrackingEventDetails;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderState;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import dev.schematic.Schematic;
import dev.schematic.testkit.CapturedEvent;
import dev.schematic.testkit.FakeSchematic;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With schematic-openfeature on the class path, the extension registers the {@code schematic} provider over its
 * {@code Schematic} bean at startup and an OpenFeature {@link Client} can be injected (docs/openfeature.md, Quarkus).
 * The typed {@code schematic.openfeature.*} keys reach the provider. At shutdown the provider flushes the events
 * tracked through OpenFeature, and the client is closed once afterwards: each event reaches the fake exactly once.
 */
class OpenFeatureClientTest {
    // Each class loader's copy of this class starts and programs its own fake; the application talks to the JVM class
    // loader's copy (the one that configures and undeploys it), so flags are defined here, in both, and the requests
    // the application made are read only after undeploy, in that copy.
    static final FakeSchematic FAKE = FakeSchematic.start();
    static final String FLAG = "of-new-checkout";

    static {
        FAKE.flag(FLAG).defaultValue(false).forCompany(Map.of("id", "acme"), true);
        FAKE.flag("of-targeted").defaultValue(false).forUser(Map.of("id", "ada-42"), true);
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("schematic.api-key", "sch_dev_openfeature")
            .overrideConfigKey("schematic.base-url", FAKE.baseUrl())
            .overrideConfigKey("schematic.event-capture-url", FAKE.baseUrl())
            .overrideConfigKey("schematic.cache.enabled", "false")
            // only the shutdown can send the tracked events
            .overrideConfigKey("schematic.events.flush-interval", "1h")
            .overrideConfigKey("schematic.openfeature.targeting-key-as-user-key", "id")
            .setAfterUndeployListener(OpenFeatureClientTest::trackedEventsWereFlushedOnce);

    @Inject
    Client features;

    @Inject
    Schematic schematic;

    static ImmutableContext company(String id) {
        return new ImmutableContext(Map.of("company", new Value(new ImmutableStructure(Map.of("id", new Value(id))))));
    }

    @Test
    void theProviderIsRegisteredAtStartupOverTheExtensionsClient() {
        // no injected Client was touched yet: the startup registration did it
        assertEquals(
                "schematic", OpenFeatureAPI.getInstance().getProviderMetadata().getName());
        assertEquals(ProviderState.READY, features.getProviderState());
    }

    @Test
    void anInjectedClientAnswersFromASchematicFlag() {
        FlagEvaluationDetails<Boolean> acme = features.getBooleanDetails(FLAG, false, company("acme"));
        assertTrue(acme.getValue(), acme::toString);
        assertEquals(Reason.TARGETING_MATCH.name(), acme.getReason(), acme::toString);
        assertEquals("API", acme.getFlagMetadata().getString("source"), acme::toString);

        FlagEvaluationDetails<Boolean> globex = features.getBooleanDetails(FLAG, false, company("globex"));
        assertFalse(globex.getValue(), globex::toString);
        assertEquals(Reason.DEFAULT.name(), globex.getReason(), globex::toString);

        FlagEvaluationDetails<Boolean> missing = features.getBooleanDetails("of-no-such-flag", true, company("acme"));
        assertTrue(missing.getValue(), "the caller's default");
        assertEquals(ErrorCode.FLAG_NOT_FOUND, missing.getErrorCode(), missing::toString);
    }

    @Test
    void theTargetingKeyBecomesTheConfiguredUserKey() {
        // the fake's user rule matches only a user with id ada-42: the targeting key alone must have become it
        FlagEvaluationDetails<Boolean> d =
                features.getBooleanDetails("of-targeted", false, new ImmutableContext("ada-42"));
        assertTrue(d.getValue(), d::toString);
        assertEquals(Reason.TARGETING_MATCH.name(), d.getReason(), d::toString);
        assertFalse(features.getBooleanValue("of-targeted", false, new ImmutableContext("bob-7")));
    }

    @Test
    void trackingThroughOpenFeatureQueuesASchematicEvent() {
        long before = schematic.eventStats().submitted();
        features.track("pages-printed", company("acme"), new MutableTrackingEventDetails(7));
        assertEquals(before + 1, schematic.eventStats().submitted());
        assertEquals(0, schematic.eventStats().delivered(), "queued, not sent before shutdown");
    }

    static void trackedEventsWereFlushedOnce() {
        try {
            List<CapturedEvent> tracked = FAKE.events("track");
            assertEquals(1, tracked.size(), tracked::toString);
            assertEquals("pages-printed", tracked.get(0).eventName());
            assertEquals(Map.of("id", "acme"), tracked.get(0).companyKeys());
            assertEquals(0, FAKE.duplicateEventCount());
        } finally {
            FAKE.close();
        }
    }
}
