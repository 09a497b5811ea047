package dev.schematic.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.AsyncSchematic;
import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import dev.schematic.internal.config.SchematicConfig;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Values from application.properties reach the client, nested groups and flag defaults included. */
class ConfiguredValuesTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("schematic.offline", "true")
            .overrideConfigKey("schematic.base-url", "https://schematic.internal")
            .overrideConfigKey("schematic.timeout", "PT2S")
            .overrideConfigKey("schematic.cache.ttl", "250ms")
            .overrideConfigKey("schematic.events.batch-size", "10")
            .overrideConfigKey("schematic.flag-defaults.new-editor", "true")
            .overrideConfigKey("schematic.datastream.url", "wss://datastream.internal/datastream")
            .overrideConfigKey("schematic.datastream.local-cache.max-flags", "50")
            .overrideConfigKey("schematic.datastream.reconnect.max-delay", "1m")
            .overrideConfigKey("schematic.datastream.remote.username", "app")
            .overrideConfigKey("schematic.rules.memo-size", "0");

    @Inject
    Schematic schematic;

    @Inject
    AsyncSchematic async;

    @Inject
    SchematicConfig settings;

    @Test
    void valuesAreParsedLikeTheLibraryDoes() {
        assertTrue(settings.offline());
        assertEquals(URI.create("https://schematic.internal"), settings.baseUrl());
        assertEquals(Duration.ofSeconds(2), settings.timeout());
        assertEquals(Duration.ofMillis(250), settings.cacheTtl());
        assertEquals(10, settings.eventsBatchSize());
        assertEquals(Map.of("new-editor", true), settings.flagDefaults());
        assertFalse(settings.dataStream().enabled());
        assertEquals(
                Optional.of(URI.create("wss://datastream.internal/datastream")),
                settings.dataStream().url());
        assertEquals(50, settings.dataStream().maxFlags());
        assertEquals(Duration.ofMinutes(1), settings.dataStream().reconnectMaxDelay());
        assertEquals(Optional.of("app"), settings.dataStream().remoteUsername());
        assertEquals(0, settings.rules().memoSize());
    }

    @Test
    void theClientUsesThem() {
        assertEquals(settings.settings(), schematic.config());
        FlagCheck check = schematic.checkFlagDetailed("new-editor", Map.of("id", "acme"), Map.of());
        assertTrue(check.value());
        assertEquals(FlagCheck.Source.DEFAULT, check.source());
        assertFalse(schematic.checkFlag("other"));
        assertSame(schematic.config(), async.sync().config());
    }
}
