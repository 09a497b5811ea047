package dev.schematic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.schematic.internal.config.FlagCheckSettings;
import dev.schematic.internal.config.SchematicConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The keys of the check deadline, circuit breaker and stale-if-error: read, defaulted, and bad values named. */
class FlagCheckSettingsConfigTest {

    @Test
    void valuesAreRead() {
        SchematicConfig c = SchematicConfig.read(Map.of(
                SchematicConfig.Keys.API_KEY, "k",
                SchematicConfig.Keys.CHECKS_DEADLINE, "300ms",
                SchematicConfig.Keys.CIRCUIT_BREAKER_FAILURE_THRESHOLD, "0",
                SchematicConfig.Keys.CIRCUIT_BREAKER_OPEN_DURATION, "2m",
                SchematicConfig.Keys.CACHE_MAX_STALE, "0"));
        assertEquals(
                new FlagCheckSettings(Duration.ofMillis(300), 0, Duration.ofMinutes(2), Duration.ZERO), c.checks());
        assertEquals(
                FlagCheckSettings.DEFAULTS,
                SchematicConfig.read(Map.of(SchematicConfig.Keys.API_KEY, "k")).checks());
    }

    @ParameterizedTest(name = "{0}={1} fails with {2}")
    @CsvSource({
        "schematic.checks.deadline, 5ms, SCHEM106",
        "schematic.checks.deadline, soon, SCHEM102",
        "schematic.circuit-breaker.failure-threshold, -1, SCHEM105",
        "schematic.circuit-breaker.failure-threshold, five, SCHEM104",
        "schematic.circuit-breaker.open-duration, 0ms, SCHEM106",
        "schematic.cache.max-stale, later, SCHEM102",
        "schematic.connect-timeout, 0ms, SCHEM106"
    })
    void badValuesNameTheKey(String key, String value, String code) {
        var e = assertThrows(
                SchematicConfigException.class,
                () -> SchematicConfig.read(Map.of(SchematicConfig.Keys.API_KEY, "k", key, value)));
        assertEquals(code + " " + key, e.getMessage().substring(0, code.length() + 1 + key.length()));
    }
}
