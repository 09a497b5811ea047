package dev.schematic.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.internal.rules.RulesInput;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The embedded store holds keys without their {@code kind:{ver}:} namespace: every key still reads back as written,
 * versions stay apart, and {@code keys} lists the keys in the layout of datastream.md §3.
 */
class EmbeddedStoreKeysTest {
    @Test
    void keysRoundTripAcrossVersionsAndOddShapes() {
        try (EmbeddedEntityStore store = new EmbeddedEntityStore(100, 100)) {
            StoreKeys v1 = new StoreKeys("v1abc");
            StoreKeys v2 = new StoreKeys("v2");
            RulesInput a = RulesInput.packed("{\"id\":\"a\",\"keys\":{\"id\":\"a\"},\"account_id\":\"acc\","
                    + "\"environment_id\":\"env\",\"metrics\":[],\"traits\":[],\"rules\":[]}");
            RulesInput b = RulesInput.of("{\"id\":\"b\"}");
            store.put(CacheKind.COMPANIES, v1.company("a"), a, Duration.ZERO);
            store.put(CacheKind.COMPANIES, v2.company("a"), b, Duration.ZERO);
            store.put(CacheKind.COMPANIES, "no-colon", b, Duration.ZERO);
            store.put(CacheKind.COMPANIES, "one:colon", b, Duration.ZERO);
            store.put(CacheKind.COMPANY_LOOKUP, v1.companyLookup("Domain", "A.example.com:8080"), b, Duration.ZERO);

            assertSame(a, store.get(CacheKind.COMPANIES, "company:v1abc:a"));
            assertSame(b, store.get(CacheKind.COMPANIES, "company:v2:a"));
            assertSame(b, store.get(CacheKind.COMPANIES, "no-colon"));
            assertSame(b, store.get(CacheKind.COMPANIES, "one:colon"));
            assertSame(b, store.get(CacheKind.COMPANY_LOOKUP, "company:v1abc:domain:a.example.com:8080"));
            assertNull(store.get(CacheKind.COMPANIES, "company:v1:a"));
            assertNull(store.get(CacheKind.COMPANIES, "company:v1abc:"));

            assertEquals(List.of("company:v1abc:a"), store.keys(CacheKind.COMPANIES, "company:v1abc:"));
            assertEquals(
                    List.of("company:v1abc:a", "company:v2:a", "no-colon", "one:colon"),
                    store.keys(CacheKind.COMPANIES, "").stream().sorted().toList());
            assertTrue(
                    store.replace(CacheKind.COMPANIES, "company:v1abc:a", RulesInput.of(a.json()), b, Duration.ZERO));
            assertSame(b, store.get(CacheKind.COMPANIES, "company:v1abc:a"));
            store.remove(CacheKind.COMPANIES, "company:v2:a");
            assertNull(store.get(CacheKind.COMPANIES, "company:v2:a"));
            assertEquals(3, store.size(CacheKind.COMPANIES));
        }
    }
}
