package dev.schematic.internal.datastream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.schematic.FlagCheck;
import dev.schematic.internal.rules.RulesResult;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a whole local answer may be reused: same request, no store write since, inside its time window and age. */
class LocalAnswersTest {
    static final long NOW = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();
    static final Map<String, String> ACME = Map.of("id", "acme");

    static RulesResult result(String period, Instant resetAt) {
        return new RulesResult(
                true,
                "Matched",
                "f",
                "flag_f",
                "comp_1",
                null,
                "r1",
                "standard",
                null,
                null,
                null,
                null,
                null,
                period,
                resetAt,
                null);
    }

    static FlagCheck check() {
        return new FlagCheck(
                "f",
                true,
                "Matched",
                "flag_f",
                "comp_1",
                null,
                "r1",
                "standard",
                null,
                null,
                FlagCheck.Source.LOCAL,
                null);
    }

    @Test
    void aRepeatedRequestGetsTheSameAnswerUntilTheStoreChanges() {
        LocalAnswers a = new LocalAnswers(100);
        LocalAnswer first = a.put("f", ACME, null, check(), result(null, null), a.generation(), NOW);
        assertSame(first, a.get("f", new HashMap<>(ACME), Map.of(), NOW + 10), "keys compared by content");
        assertNull(a.get("f", Map.of("id", "globex"), null, NOW + 10), "other company keys");
        assertNull(a.get("g", ACME, null, NOW + 10), "other flag");
        a.changed();
        assertNull(a.get("f", ACME, null, NOW + 10), "a store write ends reuse");
    }

    @Test
    void anAnswerComputedWhileTheStoreChangedIsNeverReused() {
        LocalAnswers a = new LocalAnswers(100);
        long before = a.generation();
        a.changed(); // a write lands between reading the generation and storing the answer
        a.put("f", ACME, null, check(), result(null, null), before, NOW);
        assertNull(a.get("f", ACME, null, NOW));
    }

    @Test
    void reuseEndsAtTheUsageResetAndAfterTheMaximumAge() {
        LocalAnswers a = new LocalAnswers(100);
        Instant reset = Instant.ofEpochMilli(NOW + 500);
        a.put("f", ACME, null, check(), result("current_day", reset), a.generation(), NOW);
        assertEquals(check(), a.get("f", ACME, null, NOW + 499).check());
        assertNull(a.get("f", ACME, null, NOW + 500), "the reported reset passed");
        assertNull(a.get("f", ACME, null, NOW - 1), "clock went back before the evaluation");

        a.put("g", ACME, null, check(), result(null, null), a.generation(), NOW);
        assertSame(
                a.get("g", ACME, null, NOW + LocalAnswers.MAX_AGE_MILLIS - 1),
                a.get("g", ACME, null, NOW + LocalAnswers.MAX_AGE_MILLIS - 1));
        assertNull(a.get("g", ACME, null, NOW + LocalAnswers.MAX_AGE_MILLIS));
    }

    @Test
    void keysMapsChangedByTheCallerAfterwardsDoNotChangeTheEntry() {
        LocalAnswers a = new LocalAnswers(100);
        Map<String, String> keys = new HashMap<>(ACME);
        LocalAnswer first = a.put("f", keys, null, check(), result(null, null), a.generation(), NOW);
        keys.put("id", "globex");
        assertNull(a.get("f", keys, null, NOW));
        assertSame(first, a.get("f", ACME, null, NOW));
        assertEquals(ACME, first.company());
    }

    @Test
    void keysWithNullValuesAreAnsweredButNotKept() {
        LocalAnswers a = new LocalAnswers(100);
        Map<String, String> keys = new HashMap<>();
        keys.put("id", "acme");
        keys.put("domain", null);
        LocalAnswer answer = a.put("f", keys, null, check(), result(null, null), a.generation(), NOW);
        assertEquals(check(), answer.check());
        assertEquals(0, a.size());
    }

    @Test
    void theCacheIsBounded() {
        LocalAnswers a = new LocalAnswers(10);
        for (int i = 0; i < 25; i++) {
            a.put("f" + i, ACME, null, check(), result(null, null), a.generation(), NOW);
        }
        assertEquals(5, a.size(), "emptied when full, then filled again");
        assertNotNull(a.get("f24", ACME, null, NOW));
    }
}
