package dev.schematic.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.SchematicConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ConfigValuesTest {
    @Test
    void textAndTypedValuesOfAKeyMeanTheSame() {
        ConfigValues text = ConfigValues.of(Map.of("schematic.timeout", "2s", "schematic.base-url", "https://x.io"));
        ConfigValues typed = ConfigValues.of(
                Map.of("schematic.timeout", Duration.ofSeconds(2), "schematic.base-url", URI.create("https://x.io")));
        assertEquals(text.get(Catalogue.TIMEOUT), typed.get(Catalogue.TIMEOUT));
        assertEquals(text.get(Catalogue.BASE_URL), typed.get(Catalogue.BASE_URL));
    }

    @Test
    void aTypedValueOutOfRangeFailsLikeItsTextNamingTheKey() {
        var typed = assertThrows(
                SchematicConfigException.class,
                () -> ConfigValues.of(Map.of("schematic.events.batch-size", 500))
                        .get(Catalogue.EVENTS_BATCH_SIZE));
        var text = assertThrows(
                SchematicConfigException.class,
                () -> ConfigValues.of(Map.of("schematic.events.batch-size", "500"))
                        .get(Catalogue.EVENTS_BATCH_SIZE));
        assertEquals(text.getMessage(), typed.getMessage());
        assertEquals(
                "SCHEM105 schematic.events.batch-size: expected a number between 1 and 100, got 500",
                text.getMessage());
        var url = assertThrows(
                SchematicConfigException.class,
                () -> ConfigValues.of(Map.of("schematic.base-url", URI.create("ftp://x.io")))
                        .get(Catalogue.BASE_URL));
        assertTrue(
                url.getMessage().startsWith("SCHEM107 schematic.base-url: expected an http(s) URL"), url.getMessage());
        var zero = assertThrows(
                SchematicConfigException.class,
                () -> ConfigValues.of(Map.of("schematic.timeout", Duration.ZERO))
                        .get(Catalogue.TIMEOUT));
        assertTrue(zero.getMessage().startsWith("SCHEM106 schematic.timeout: expected a duration of at least 1ms"));
    }

    @Test
    void optionalsAreUnwrappedAndEmptyMeansTheDefault() {
        ConfigValues values = ConfigValues.of(Map.of(
                "schematic.timeout", Optional.empty(),
                "schematic.rules.pool-size", OptionalInt.of(3),
                "schematic.datastream.url", Optional.of(URI.create("wss://ds.example/datastream"))));
        assertEquals(Duration.ofSeconds(60), values.get(Catalogue.TIMEOUT));
        assertEquals(Optional.of(3), values.find(Catalogue.RULES_POOL_SIZE));
        assertEquals(Optional.of(URI.create("wss://ds.example/datastream")), values.find(Catalogue.DATASTREAM_URL));
    }

    @Test
    void blankTextIsUnsetForOptionalKeysAndAnErrorForRequiredOnes() {
        ConfigValues values = ConfigValues.of(Map.of("schematic.datastream.url", " ", "schematic.timeout", ""));
        assertEquals(Optional.empty(), values.find(Catalogue.DATASTREAM_URL));
        var e = assertThrows(SchematicConfigException.class, () -> values.get(Catalogue.TIMEOUT));
        assertEquals("SCHEM101 schematic.timeout: must not be empty", e.getMessage());
    }

    @Test
    void aValueOfTheWrongJavaTypeIsAProgrammingErrorNamingTheKey() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> ConfigValues.of(Map.of("schematic.timeout", 5)).get(Catalogue.TIMEOUT));
        assertTrue(e.getMessage().startsWith("schematic.timeout: a Duration value was expected"), e.getMessage());
    }
}
