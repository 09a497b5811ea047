package dev.schematic.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogueTest {
    @Test
    void everyKeyIsUniqueAndUnderTheSchematicPrefix() {
        Set<String> seen = new HashSet<>();
        for (Setting<?> s : Catalogue.ALL) {
            assertTrue(seen.add(s.name()), "twice: " + s.name());
            assertTrue(s.name().startsWith("schematic."), s.name());
            assertFalse(s.doc().isBlank(), s.name() + " has no doc");
        }
        assertTrue(Catalogue.ALL.size() >= 50, "the catalogue lost keys: " + Catalogue.ALL.size());
    }

    @Test
    void everyDefaultIsAValidValueOfItsOwnType() {
        for (Setting<?> s : Catalogue.ALL) {
            s.defaultValue().ifPresent(text -> assertCheckedAlike(s, text));
        }
    }

    private static <T> void assertCheckedAlike(Setting<T> s, String text) {
        T parsed = s.parse(text);
        assertTrue(s.javaType().isInstance(parsed), s.name());
        assertEquals(parsed, s.check(parsed), s.name() + ": a typed value reads like its text");
    }

    @Test
    void everyKeyCanBeFoundByName() {
        for (Setting<?> s : Catalogue.ALL) {
            assertEquals(s, Catalogue.find(s.name()).orElseThrow());
        }
        assertTrue(Catalogue.find("schematic.no-such-key").isEmpty());
    }

    @Test
    void theListedDefaultsAreTheOfficialSdks() {
        assertEquals(
                "https://api.schematichq.com", Catalogue.BASE_URL.defaultValue().orElseThrow());
        assertEquals(
                "https://c.schematichq.com",
                Catalogue.EVENT_CAPTURE_URL.defaultValue().orElseThrow());
        assertEquals("60s", Catalogue.TIMEOUT.defaultValue().orElseThrow());
        assertEquals("2", Catalogue.MAX_RETRIES.defaultValue().orElseThrow());
        assertEquals("1000", Catalogue.CACHE_MAX_SIZE.defaultValue().orElseThrow());
        assertEquals("5s", Catalogue.CACHE_TTL.defaultValue().orElseThrow());
        assertEquals("100", Catalogue.EVENTS_BATCH_SIZE.defaultValue().orElseThrow());
        assertEquals("24h", Catalogue.DATASTREAM_CACHE_TTL.defaultValue().orElseThrow());
        assertTrue(Catalogue.API_KEY.defaultValue().isEmpty());
    }
}
