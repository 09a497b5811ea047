package dev.schematic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.internal.config.SchematicConfig;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchematicConfigTest {

    private static Map<String, String> withKey(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("schematic.api-key", "sch_dev_x");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void defaultsMatchTheOfficialSdks() {
        SchematicConfig c = SchematicConfig.read(withKey());
        assertEquals(URI.create("https://api.schematichq.com"), c.baseUrl());
        assertEquals(URI.create("https://c.schematichq.com"), c.eventCaptureUrl());
        assertEquals(Duration.ofSeconds(60), c.timeout());
        assertEquals(2, c.maxRetries());
        assertTrue(c.cacheEnabled());
        assertEquals(1000, c.cacheMaxSize());
        assertEquals(Duration.ofSeconds(5), c.cacheTtl());
        assertEquals(100, c.eventsBatchSize());
        assertEquals(Duration.ofSeconds(5), c.eventsFlushInterval());
        assertEquals(100_000, c.eventsMaxQueue());
        assertFalse(c.offline());
        assertFalse(c.eager());
    }

    @Test
    void aMissingApiKeyNamesTheKeyAndTheWayOut() {
        var e = assertThrows(SchematicConfigException.class, () -> SchematicConfig.read(Map.of()));
        assertEquals("schematic.api-key", e.key());
        assertTrue(e.getMessage().startsWith("SCHEM100 schematic.api-key: is required"), e.getMessage());
        assertTrue(e.getMessage().contains("schematic.offline=true"), e.getMessage());
    }

    @Test
    void offlineModeNeedsNoApiKey() {
        assertTrue(SchematicConfig.read(Map.of("schematic.offline", "true")).offline());
    }

    @ParameterizedTest(name = "{0}={1} is rejected naming the key")
    @CsvSource({
        "schematic.timeout, soon, expected a duration",
        "schematic.timeout, 0ms, at least",
        "schematic.max-retries, two, expected a whole number",
        "schematic.max-retries, -1, between 0 and 10",
        "schematic.cache.max-size, -5, at least 0",
        "schematic.cache.enabled, yes, expected true or false",
        "schematic.events.batch-size, 500, between 1 and 100",
        "schematic.events.flush-interval, fast, expected a duration",
        "schematic.base-url, not a url, expected an http(s) URL",
        "schematic.event-capture-url, ftp://x, expected an http(s) URL",
        "schematic.flag-defaults.new-ui, maybe, expected true or false",
        "schematic.offline, 1, expected true or false"
    })
    void invalidValuesAreRejectedWithTheKeyInTheMessage(String key, String value, String expected) {
        var e = assertThrows(SchematicConfigException.class, () -> SchematicConfig.read(withKey(key, value)));
        assertEquals(key, e.key());
        assertTrue(
                e.getMessage().matches("SCHEM1\\d\\d " + java.util.regex.Pattern.quote(key) + ": .*"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @ParameterizedTest(name = "{0} is {1} ms")
    @CsvSource({"250ms, 250", "5s, 5000", "2m, 120000", "1h, 3600000", "PT1.5S, 1500", "pt2s, 2000", "7, 7000"})
    void durationsAcceptShortAndIsoForms(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), SchematicConfig.parseDuration(text));
    }

    @Test
    void flagDefaultsAreReadFromTheirKeys() {
        SchematicConfig c = SchematicConfig.read(
                withKey("schematic.flag-defaults.new-ui", "true", "schematic.flag-defaults.beta", "false"));
        assertEquals(Map.of("new-ui", true, "beta", false), c.flagDefaults());
    }

    @Test
    void theApiKeyNeverAppearsInToString() {
        assertFalse(SchematicConfig.read(withKey()).toString().contains("sch_dev_x"));
    }

    @Test
    void theBuilderValidatesWithTheSameRules() {
        var e = assertThrows(
                SchematicConfigException.class,
                () -> Schematic.builder()
                        .apiKey("k")
                        .property("schematic.cache.ttl", "forever")
                        .build());
        assertEquals("schematic.cache.ttl", e.key());
        var notOurs = assertThrows(
                SchematicConfigException.class, () -> Schematic.builder().property("quarkus.http.port", "1"));
        assertTrue(notOurs.getMessage().contains("not a schematic.* key"));
    }
}
