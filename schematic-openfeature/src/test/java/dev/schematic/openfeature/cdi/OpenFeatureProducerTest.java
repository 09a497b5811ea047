package dev.schematic.openfeature.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openfeature.sdk.OpenFeatureAPI;
import dev.schematic.SchematicConfigException;
import dev.schematic.testkit.FakeSchematic;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With the module on the class path, CDI registers the provider and injects OpenFeature's client (Weld SE). */
class OpenFeatureProducerTest {
    private static final Set<String> KEYS = Set.of(
            "schematic.api-key",
            "schematic.base-url",
            "schematic.event-capture-url",
            "schematic.openfeature.enabled",
            "schematic.openfeature.init-timeout");

    FakeSchematic fake;

    @BeforeEach
    void configure() {
        fake = FakeSchematic.start();
        System.setProperty("schematic.api-key", "sch_dev_cdi");
        System.setProperty("schematic.base-url", fake.baseUrl());
        System.setProperty("schematic.event-capture-url", fake.baseUrl());
        releaseConfig();
    }

    @AfterEach
    void clear() {
        KEYS.forEach(System::clearProperty);
        releaseConfig();
        OpenFeatureAPI.getInstance().shutdown();
        fake.close();
    }

    private static void releaseConfig() {
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
    }

    @Test
    void req_1_1_2_1_theProviderIsRegisteredAtStartupAndTheClientCanBeInjected() {
        fake.flag("new-checkout").defaultValue(false).forCompany(Map.of("id", "acme"), true);
        try (WeldContainer container = new Weld().initialize()) {
            assertEquals(
                    "schematic",
                    OpenFeatureAPI.getInstance().getProviderMetadata().getName(),
                    "registered when the application started, before any injection");
            FeatureService service = container.select(FeatureService.class).get();
            assertTrue(service.newCheckout("acme"));
            assertFalse(service.newCheckout("globex"));
            assertEquals("sch_dev_cdi", fake.requests().get(0).header("X-Schematic-Api-Key"));
        }
        assertNotEquals(
                "schematic",
                OpenFeatureAPI.getInstance().getProviderMetadata().getName(),
                "shut down with the application");
    }

    @Test
    void disabledRegistersNothing() {
        System.setProperty("schematic.openfeature.enabled", "false");
        releaseConfig();
        try (WeldContainer ignored = new Weld().initialize()) {
            assertNotEquals(
                    "schematic",
                    OpenFeatureAPI.getInstance().getProviderMetadata().getName());
        }
    }

    @Test
    void aBadInitTimeoutNamesTheKey() {
        SchematicConfigException e = assertThrows(
                SchematicConfigException.class,
                () -> OpenFeatureSettings.duration(OpenFeatureSettings.INIT_TIMEOUT, "soon"));
        assertTrue(e.getMessage().contains("schematic.openfeature.init-timeout"), e::getMessage);
        assertEquals(
                java.time.Duration.ofMillis(250),
                OpenFeatureSettings.duration(OpenFeatureSettings.INIT_TIMEOUT, "250ms"));
    }
}
