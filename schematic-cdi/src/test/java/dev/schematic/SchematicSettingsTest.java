package dev.schematic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code Schematic#config()}: a public, immutable view of the settings in force, the API key masked. */
class SchematicSettingsTest {
    private static final String KEY = "sch_dev_0123456789abcdefWXYZ";

    @Test
    void theViewShowsWhatTheBuilderSet() {
        try (Schematic schematic = Schematic.builder()
                .apiKey(KEY)
                .offline(true)
                .baseUrl(URI.create("https://schematic.internal"))
                .timeout(Duration.ofSeconds(7))
                .maxRetries(1)
                .checksDeadline(Duration.ofMillis(400))
                .cacheTtl(Duration.ofSeconds(9))
                .cacheMaxSize(55)
                .eventsBatchSize(20)
                .eventsFlushInterval(Duration.ofMillis(250))
                .flagDefault("pdf-export", true)
                .dataStreamUrl(URI.create("wss://ds.internal/datastream"))
                .dataStreamKeyPrefix("shop")
                .build()) {
            SchematicSettings settings = schematic.config();

            assertEquals(URI.create("https://schematic.internal"), settings.baseUrl());
            assertTrue(settings.offline());
            assertEquals(Duration.ofSeconds(7), settings.timeout());
            assertEquals(1, settings.maxRetries());
            assertEquals(Duration.ofMillis(400), settings.checks().deadline());
            assertEquals(
                    new SchematicSettings.Cache(true, 55, Duration.ofSeconds(9), Duration.ofMinutes(5)),
                    settings.cache());
            assertEquals(20, settings.events().batchSize());
            assertEquals(Duration.ofMillis(250), settings.events().flushInterval());
            assertEquals(Map.of("pdf-export", true), settings.flagDefaults());
            assertFalse(settings.dataStream().enabled());
            assertEquals(
                    Optional.of(URI.create("wss://ds.internal/datastream")),
                    settings.dataStream().url());
            assertEquals("shop", settings.dataStream().keyPrefix());
            assertEquals(
                    SchematicSettings.DataStream.Store.EMBEDDED,
                    settings.dataStream().store());
            assertFalse(settings.dataStream().replicatorMode());
        }
    }

    @Test
    void replicatorModeIsShownWithItsRedisStore() {
        try (Schematic schematic = Schematic.builder()
                .offline(true)
                .replicatorMode(true)
                .redisStore(URI.create("redis://cache.internal:6379/0"))
                .replicatorHealthInterval(Duration.ofSeconds(3))
                .build()) {
            SchematicSettings.DataStream ds = schematic.config().dataStream();
            assertTrue(ds.replicatorMode());
            assertTrue(ds.enabled(), "replicator mode implies local evaluation");
            assertEquals(SchematicSettings.DataStream.Store.REDIS, ds.store());
            assertEquals(Duration.ofSeconds(3), ds.replicatorHealthInterval());
        }
    }

    @Test
    void theApiKeyIsNeverShownInClear() {
        try (Schematic schematic = Schematic.builder().apiKey(KEY).offline(true).build()) {
            SchematicSettings settings = schematic.config();
            assertEquals("sch_dev_****WXYZ", settings.maskedApiKey());
            assertFalse(settings.toString().contains("0123456789abcdef"), settings::toString);
        }
    }

    @Test
    void masksKeepTheEnvironmentPrefixAndAtMostFourCharacters() {
        assertEquals("", SchematicSettings.maskApiKey(null));
        assertEquals("", SchematicSettings.maskApiKey(""));
        assertEquals("sch_prod_****wxyz", SchematicSettings.maskApiKey("sch_prod_abcdefghijklmnopqrstuvwxyz"));
        assertEquals("sch_dev_****", SchematicSettings.maskApiKey("sch_dev_short"), "a short secret shows nothing");
        assertEquals("****tall", SchematicSettings.maskApiKey("noprefixatall"));
        assertEquals("****", SchematicSettings.maskApiKey("abc"));
    }

    @Test
    void bothViewsOfOneClientShareOneSettingsInstance() {
        try (Schematic schematic = Schematic.builder().offline(true).build()) {
            assertSame(schematic.config(), schematic.config());
            assertSame(schematic.config(), schematic.async().config());
            assertEquals("", schematic.config().maskedApiKey());
        }
    }

    @Test
    void theViewCannotBeChanged() {
        try (Schematic schematic =
                Schematic.builder().offline(true).flagDefault("a", true).build()) {
            Map<String, Boolean> defaults = schematic.config().flagDefaults();
            assertThrows(UnsupportedOperationException.class, () -> defaults.put("b", true));
        }
    }
}
