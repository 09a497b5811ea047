package dev.schematic.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.SchematicClientCustomizer;
import dev.schematic.testkit.FakeSchematic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchematicProducerTest {
    private static final Set<String> KEYS = Set.of(
            "schematic.api-key",
            "schematic.base-url",
            "schematic.event-capture-url",
            "schematic.events.flush-interval",
            "schematic.flag-defaults.new-checkout",
            "schematic.timeout",
            "schematic.eager");

    FakeSchematic fake;

    @BeforeEach
    void configure() {
        fake = FakeSchematic.start();
        System.setProperty("schematic.api-key", "sch_dev_cdi");
        System.setProperty("schematic.base-url", fake.baseUrl());
        System.setProperty("schematic.event-capture-url", fake.baseUrl());
        System.setProperty("schematic.events.flush-interval", "1h");
        releaseConfig();
    }

    @AfterEach
    void clear() {
        KEYS.forEach(System::clearProperty);
        releaseConfig();
        fake.close();
    }

    private static void releaseConfig() {
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
    }

    /** Discovery as in an application: the test classes are an annotated bean archive, the SDK is found by its extension. */
    private static Weld weld() {
        return new Weld();
    }

    @Test
    void anApplicationBeanGetsAClientConfiguredFromMicroProfileConfig() {
        fake.flag("new-checkout").defaultValue(false).forCompany(Map.of("id", "acme"), true);
        try (WeldContainer container = weld().initialize()) {
            CheckoutService service = container.select(CheckoutService.class).get();
            assertTrue(service.newCheckoutEnabled("acme"));
            assertFalse(service.newCheckoutEnabled("globex"));
            assertEquals("sch_dev_cdi", fake.requests().get(0).header("X-Schematic-Api-Key"));
            assertEquals(fake.baseUrl(), service.schematic().config().baseUrl().toString());
        }
    }

    @Test
    void flagDefaultsComeFromConfigKeys() {
        System.setProperty("schematic.flag-defaults.new-checkout", "true");
        releaseConfig();
        fake.close();
        try (WeldContainer container = weld().initialize()) {
            assertTrue(container.select(CheckoutService.class).get().newCheckoutEnabled("acme"));
        }
    }

    @Test
    void theAsyncClientSharesTheSyncClientsLifecycle() throws Exception {
        fake.flag("new-checkout").defaultValue(true);
        try (WeldContainer container = weld().initialize()) {
            CheckoutService service = container.select(CheckoutService.class).get();
            assertTrue(service.async()
                    .checkFlag("new-checkout", Map.of("id", "acme"), Map.of())
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS));
            assertSame(service.schematic().config(), service.async().sync().config());
        }
    }

    @Test
    void shuttingTheContainerDownFlushesQueuedEvents() {
        try (WeldContainer container = weld().initialize()) {
            CheckoutService service = container.select(CheckoutService.class).get();
            for (int i = 0; i < 150; i++) {
                service.recordPurchase("acme");
            }
            assertEquals(0, fake.eventCount(), "flush interval is an hour");
        }
        assertEquals(150, fake.eventCount());
        assertTrue(
                Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.isAlive() && t.getName().startsWith("schematic-event")),
                "event threads stopped");
    }

    @Test
    void anInvalidValueFailsStartupNamingTheKey() {
        System.setProperty("schematic.timeout", "sometimes");
        releaseConfig();
        RuntimeException e = assertThrows(RuntimeException.class, () -> weld().initialize());
        assertTrue(messages(e).contains("SCHEM102 schematic.timeout: expected a duration"), messages(e));
    }

    @Test
    void aMissingApiKeyFailsStartupNamingTheKey() {
        System.clearProperty("schematic.api-key");
        releaseConfig();
        RuntimeException e = assertThrows(RuntimeException.class, () -> weld().initialize());
        assertTrue(messages(e).contains("SCHEM100 schematic.api-key"), messages(e));
    }

    @Test
    void customizerBeansAreApplied() {
        fake.flag("new-checkout").defaultValue(true);
        try (WeldContainer container = weld().initialize()) {
            container.select(CheckoutService.class).get().newCheckoutEnabled("acme");
        }
        assertEquals("cdi", fake.requests().get(0).header("X-Customized-By"));
    }

    @Test
    void eagerStartHasTheCheckCacheReadyBeforeTheFirstCheck() {
        System.setProperty("schematic.eager", "true");
        releaseConfig();
        fake.flag("new-checkout").defaultValue(true);
        try (WeldContainer container = weld().initialize()) {
            var schematic = container.select(CheckoutService.class).get().schematic();
            assertTrue(schematic.config().eager());
            schematic.checkFlag("new-checkout", Map.of("id", "acme"), Map.of());
            assertEquals(
                    dev.schematic.FlagCheck.Source.CACHE,
                    schematic
                            .checkFlagDetailed("new-checkout", Map.of("id", "acme"), Map.of())
                            .source());
        }
    }

    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append(" | ");
        }
        return sb.toString();
    }

    /** A user's customizer bean. */
    @ApplicationScoped
    public static class HeaderCustomizer {
        @Produces
        SchematicClientCustomizer customizer() {
            return builder -> builder.register((jakarta.ws.rs.client.ClientRequestFilter)
                    request -> request.getHeaders().putSingle("X-Customized-By", "cdi"));
        }
    }
}
