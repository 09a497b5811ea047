package dev.schematic.it.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.AsyncSchematic;
import dev.schematic.Schematic;
import dev.schematic.internal.config.Catalogue;
import dev.schematic.internal.config.SchematicConfig;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The app gets the SDK by plain injection, configured from application.properties plus Dev Services. */
@QuarkusTest
class InjectionAndConfigTest {

    @Inject
    Schematic schematic;

    @Inject
    AsyncSchematic async;

    @Inject
    SchematicConfig config;

    @Test
    void schematicAsyncSchematicAndConfigAreInjectedAndShareOneClient() {
        assertEquals(config.settings(), schematic.config());
        assertSame(schematic.config(), async.sync().config());
    }

    @Test
    void devServicesPointTheSdkAtTheFakeWithAFakeKey() {
        assertEquals("127.0.0.1", config.baseUrl().getHost());
        assertEquals(config.baseUrl(), config.eventCaptureUrl());
        assertEquals("sch_dev_devservices", config.apiKey());
        assertFalse(config.offline());
    }

    @Test
    void applicationPropertiesAndTestProfileValuesApply() {
        assertEquals(Map.of("pdf-export", false), config.flagDefaults());
        assertEquals(Duration.ofMillis(100), config.eventsFlushInterval());
        assertFalse(config.cacheEnabled());
    }

    @Test
    void everythingElseHasTheLibraryDefaults() {
        SchematicConfig library = SchematicConfig.read(Map.of(Catalogue.API_KEY.name(), "k"));
        assertEquals(library.timeout(), config.timeout());
        assertEquals(library.maxRetries(), config.maxRetries());
        assertEquals(library.retryBackoff(), config.retryBackoff());
        assertEquals(library.cacheMaxSize(), config.cacheMaxSize());
        assertEquals(library.cacheTtl(), config.cacheTtl());
        assertEquals(library.eventsBatchSize(), config.eventsBatchSize());
        assertEquals(library.eventsMaxQueue(), config.eventsMaxQueue());
        assertEquals(library.eventsShutdownTimeout(), config.eventsShutdownTimeout());
        assertTrue(!config.eager());
    }
}
