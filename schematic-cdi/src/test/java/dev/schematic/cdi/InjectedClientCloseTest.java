package dev.schematic.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.EvaluationContext;
import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
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

/** Application code cannot close the injected client; the container closes it (issue 14). */
class InjectedClientCloseTest {
    private static final Set<String> KEYS = Set.of(
            "schematic.api-key",
            "schematic.base-url",
            "schematic.event-capture-url",
            "schematic.events.flush-interval");

    FakeSchematic fake;

    @BeforeEach
    void configure() {
        fake = FakeSchematic.start();
        System.setProperty("schematic.api-key", "sch_dev_cdi");
        System.setProperty("schematic.base-url", fake.baseUrl());
        System.setProperty("schematic.event-capture-url", fake.baseUrl());
        System.setProperty("schematic.events.flush-interval", "1h");
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
    }

    @AfterEach
    void clear() {
        KEYS.forEach(System::clearProperty);
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        fake.close();
    }

    @Test
    void tryWithResourcesOnTheInjectedClientLeavesItWorking() {
        fake.flag("new-checkout").defaultValue(false).forCompany(Map.of("id", "acme"), true);
        try (WeldContainer container = new Weld().initialize()) {
            CheckoutService service = container.select(CheckoutService.class).get();
            try (Schematic injected = service.schematic()) {
                injected.track("purchase", EvaluationContext.company("id", "acme"), 1);
            } // close() here must not shut the application's client down
            service.schematic().close();

            FlagCheck check =
                    service.schematic().checkFlagDetailed("new-checkout", EvaluationContext.company("id", "acme"));
            assertTrue(check.value(), "answered by the API, not the closed client's default: " + check.reason());
            assertTrue(service.newCheckoutEnabled("acme"));
            service.recordPurchase("acme");
            assertEquals(0, fake.eventCount(), "still queued (flush interval is an hour)");
        }
        assertEquals(2, fake.eventCount(), "the container closed the client and flushed both events");
        assertTrue(
                Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.isAlive() && t.getName().startsWith("schematic-event")),
                "the container's close stopped the event threads");
    }
}
