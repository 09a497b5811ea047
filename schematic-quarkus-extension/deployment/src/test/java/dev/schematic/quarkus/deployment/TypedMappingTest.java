package dev.schematic.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.SchematicConfigException;
import dev.schematic.internal.config.SchematicConfig;
import dev.schematic.quarkus.runtime.SchematicRuntimeConfig;
import dev.schematic.quarkus.runtime.SchematicSettings;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The typed mapping with SmallRye Config alone (no application started): the SDK's converters, the catalogue's
 * checks and the errors that name the key.
 */
class TypedMappingTest {
    private static SmallRyeConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(values, "test", 500))
                .withMapping(SchematicRuntimeConfig.class)
                .build();
    }

    private static SchematicConfig settings(Map<String, String> values) {
        SmallRyeConfig config = config(values);
        return SchematicSettings.read(config.getConfigMapping(SchematicRuntimeConfig.class), config);
    }

    @Test
    void typedValuesReachTheSettings() {
        SchematicConfig s = settings(Map.of(
                "schematic.api-key", "k",
                "schematic.timeout", "1d",
                "schematic.cache.ttl", "250ms",
                "schematic.datastream.store", "REDIS",
                "schematic.flag-defaults.new-editor", "true",
                "schematic.flag-defaults", "beta=true"));
        assertEquals(Duration.ofDays(1), s.timeout());
        assertEquals(Duration.ofMillis(250), s.cacheTtl());
        assertEquals(Map.of("new-editor", true, "beta", true), s.flagDefaults());
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedWithTheCodeAndTheKey() {
        RuntimeException e = assertThrows(
                RuntimeException.class, () -> config(Map.of("schematic.api-key", "k", "schematic.timeout", "soon")));
        assertTrue(e.getMessage().contains("schematic.timeout"), e.getMessage());
        assertTrue(e.getMessage().contains("SCHEM102 expected a duration"), e.getMessage());
        RuntimeException b =
                assertThrows(RuntimeException.class, () -> config(Map.of("schematic.flag-defaults.beta", "maybe")));
        assertTrue(b.getMessage().contains("SCHEM103 expected true or false"), b.getMessage());
    }

    @Test
    void aValueOutOfRangeIsRefusedByTheCatalogueNamingTheKey() {
        var e = assertThrows(
                SchematicConfigException.class,
                () -> settings(Map.of("schematic.api-key", "k", "schematic.events.batch-size", "500")));
        assertEquals(
                "SCHEM105 schematic.events.batch-size: expected a number between 1 and 100, got 500", e.getMessage());
    }
}
