package dev.schematic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed context: null means absent and never throws; immutable; company and user cannot be swapped. */
class EvaluationContextTest {

    @Test
    void aMissingHeaderGivesAnEmptyContextNotAnException() {
        String missingHeader = null;
        EvaluationContext c = EvaluationContext.company("id", missingHeader);
        assertTrue(c.isEmpty());
        assertSame(EvaluationContext.empty(), c);
        assertTrue(EvaluationContext.user(null, "x").isEmpty());
        assertTrue(EvaluationContext.of(null, null).isEmpty());
        assertTrue(c.withUser("email", null).withCompany(null, "v").isEmpty());
        assertTrue(c.withCompany((Map<String, String>) null).isEmpty());
    }

    @Test
    void nullKeysAndValuesInMapsAreLeftOut() {
        Map<String, String> company = new HashMap<>();
        company.put("id", "acme");
        company.put("domain", null);
        company.put(null, "x");
        EvaluationContext c = EvaluationContext.of(company, null);
        assertEquals(Map.of("id", "acme"), c.companyKeys());
        assertEquals(Map.of(), c.userKeys());
    }

    @Test
    void companyAndUserKeysAreKeptApartAndInOrder() {
        EvaluationContext c = EvaluationContext.company("id", "acme")
                .withCompany("domain", "acme.io")
                .withUser("email", "ada@acme.io");
        assertEquals(List.of("id", "domain"), List.copyOf(c.companyKeys().keySet()));
        assertEquals(Map.of("email", "ada@acme.io"), c.userKeys());
        assertFalse(c.isEmpty());
        assertEquals(
                c, EvaluationContext.of(Map.of("id", "acme", "domain", "acme.io"), Map.of("email", "ada@acme.io")));
        assertNotEquals(c, EvaluationContext.of(c.userKeys(), c.companyKeys()), "swapped is another context");
    }

    @Test
    void itIsImmutable() {
        Map<String, String> source = new LinkedHashMap<>(Map.of("id", "acme"));
        EvaluationContext c = EvaluationContext.of(source, Map.of());
        source.put("id", "changed");
        assertEquals("acme", c.companyKeys().get("id"), "a copy, not a view");
        assertThrows(UnsupportedOperationException.class, () -> c.companyKeys().put("x", "y"));
        EvaluationContext more = c.withUser("id", "u1");
        assertTrue(c.userKeys().isEmpty(), "with… returns a new context");
        assertEquals("u1", more.userKeys().get("id"));
    }

    @Test
    void traitsAcceptAnyValueTypeAndDropNulls() {
        Map<String, Integer> seats = Map.of("seats", 12);
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("plan", null);
        withNull.put("region", "eu");
        Track t = Track.event("api-call")
                .context(EvaluationContext.company("id", "acme"))
                .traits(seats)
                .build();
        assertEquals(Map.of("seats", 12), t.traits());
        assertEquals(Map.of("id", "acme"), t.company());
        Identify i = Identify.of(EvaluationContext.user("email", "ada@acme.io").withCompany("id", "acme"))
                .traits(withNull)
                .build();
        assertEquals(Map.of("region", "eu"), i.traits());
        assertEquals(Map.of("id", "acme"), i.companyKeys());
        assertEquals(Map.of(), Track.event("x").context(null).build().company());
    }
}
