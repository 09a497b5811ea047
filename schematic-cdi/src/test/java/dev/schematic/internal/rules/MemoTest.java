package dev.schematic.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.RulesEngineStats;
import dev.schematic.internal.config.RulesEngineOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The memo: reuse for the same inputs, invalidation by content, expiry at time boundaries, bounded size. */
class MemoTest {
    static final String FLAG = "{\"id\":\"flag_1\",\"account_id\":\"acc\",\"environment_id\":\"env\",\"key\":\"beta\","
            + "\"default_value\":false,\"rules\":[{\"id\":\"rule_1\",\"account_id\":\"acc\",\"environment_id\":\"env\","
            + "\"rule_type\":\"standard\",\"name\":\"Beta companies\",\"priority\":1,\"value\":true,"
            + "\"conditions\":[{\"id\":\"c1\",\"account_id\":\"acc\",\"environment_id\":\"env\","
            + "\"condition_type\":\"company\",\"operator\":\"eq\",\"resource_ids\":[\"comp_beta\"],\"trait_value\":\"\"}]}]}";

    static String company(String id) {
        return "{\"id\":\"" + id + "\",\"account_id\":\"acc\",\"environment_id\":\"env\",\"keys\":{\"id\":\"" + id
                + "\"}}";
    }

    static final String USER = "{\"id\":\"user_1\",\"account_id\":\"acc\",\"environment_id\":\"env\"}";
    static final Instant NOW = Instant.parse("2026-03-18T15:30:00Z");

    private static List<Vectors.Vector> vectors;

    @BeforeAll
    static void load() throws Exception {
        vectors = Vectors.publicVectors();
    }

    private static Vectors.Vector vector(String name) {
        return vectors.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void sameInputsAreReused() {
        RulesEngine engine = RulesEngine.create(RulesEngineOptions.defaults());
        RulesInput flag = RulesInput.of(FLAG);
        RulesInput beta = RulesInput.of(company("comp_beta"));
        RulesResult first = engine.evaluate(flag, beta, null, NOW);
        assertTrue(first.value());
        assertEquals("Matched standard rule \"Beta companies\" (rule_1)", first.reason());
        RulesResult again = engine.evaluate(flag, beta, null, NOW.plusSeconds(60));
        assertSame(first, again, "same instances: memo hit");
        // equal content in new instances (e.g. the String overload) is recognised too
        RulesResult viaStrings = engine.evaluate(FLAG, company("comp_beta"), null, NOW.plusSeconds(120));
        assertSame(first, viaStrings);
        RulesEngineStats s = engine.stats();
        assertEquals(3, s.evaluations());
        assertEquals(2, s.memoHits());
        assertEquals(1, s.engineCalls());
        assertEquals(1, s.memoEntries());
    }

    @Test
    void changedCompanyUserOrFlagInvalidates() {
        RulesEngine engine = RulesEngine.create(RulesEngineOptions.defaults());
        RulesResult beta = engine.evaluate(FLAG, company("comp_beta"), null, NOW);
        assertTrue(beta.value());
        // another company
        RulesResult other = engine.evaluate(FLAG, company("comp_other"), null, NOW);
        assertFalse(other.value());
        assertEquals(2, engine.stats().engineCalls());
        // the same company, changed content (a new version from the DataStream)
        String changed = company("comp_beta").replace("\"keys\"", "\"base_plan_id\":\"plan_2\",\"keys\"");
        RulesResult betaChanged = engine.evaluate(FLAG, changed, null, NOW);
        assertTrue(betaChanged.value());
        assertEquals(3, engine.stats().engineCalls());
        // a user added
        RulesResult withUser = engine.evaluate(FLAG, company("comp_beta"), USER, NOW);
        assertEquals("user_1", withUser.userId());
        assertEquals(4, engine.stats().engineCalls());
        // a changed flag (default flipped, rule removed)
        String flag2 = FLAG.replace("\"default_value\":false", "\"default_value\":true")
                .replaceAll("\"rules\":\\[.*\\]\\}$", "\"rules\":[]}");
        RulesResult flagChanged = engine.evaluate(flag2, company("comp_other"), null, NOW);
        assertTrue(flagChanged.value());
        assertEquals("No rules matched; default value for flag", flagChanged.reason());
        assertEquals(5, engine.stats().engineCalls());
        // preflight options are part of the key
        engine.evaluate(FLAG, company("comp_beta"), null, PreflightOptions.usage(3), NOW);
        assertEquals(6, engine.stats().engineCalls());
        // the originals are still memoized
        assertSame(beta, engine.evaluate(FLAG, company("comp_beta"), null, NOW));
        assertEquals(6, engine.stats().engineCalls());
    }

    @Test
    void resultWithoutUsagePeriodIsValidForTheUtcDay() {
        RulesEngine engine = RulesEngine.create(RulesEngineOptions.defaults());
        RulesResult r = engine.evaluate(FLAG, company("comp_beta"), null, NOW);
        assertSame(r, engine.evaluate(FLAG, company("comp_beta"), null, Instant.parse("2026-03-18T00:00:00Z")));
        assertSame(r, engine.evaluate(FLAG, company("comp_beta"), null, Instant.parse("2026-03-18T23:59:59.999Z")));
        assertEquals(1, engine.stats().engineCalls());
        RulesResult nextDay = engine.evaluate(FLAG, company("comp_beta"), null, Instant.parse("2026-03-19T00:00:00Z"));
        assertEquals(r.value(), nextDay.value());
        assertEquals(2, engine.stats().engineCalls(), "safety expiry at the next UTC midnight");
    }

    @Test
    void usagePeriodResultExpiresAtTheReset() {
        Vectors.Vector v = vector("metric-period/current-month-december");
        RulesEngine engine = RulesEngine.create(RulesEngineOptions.defaults());
        RulesInput flag = RulesInput.of(v.flag());
        RulesInput company = RulesInput.ofNullable(v.company());
        RulesInput user = RulesInput.ofNullable(v.user());
        Instant now = v.now(); // 2026-12-31T23:00Z
        RulesResult first = engine.evaluate(flag, company, user, now);
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), first.featureUsageResetAt());
        assertSame(first, engine.evaluate(flag, company, user, Instant.parse("2026-12-31T23:59:59.999Z")));
        assertEquals(1, engine.stats().engineCalls());
        // before the evaluation instant: not reused (the window starts at the evaluation)
        assertNotEquals(first, engine.evaluate(flag, company, user, now.minus(Duration.ofDays(40))));
        RulesResult after = engine.evaluate(flag, company, user, Instant.parse("2027-01-01T00:00:00Z"));
        assertEquals(Instant.parse("2027-02-01T00:00:00Z"), after.featureUsageResetAt());
        assertEquals(3, engine.stats().engineCalls());
    }

    @Test
    void billingResetFurtherAwayStillExpiresAtMidnight() {
        Vectors.Vector v = vector("metric-period/billing-reset-day-passed");
        RulesEngine engine = RulesEngine.create(RulesEngineOptions.defaults());
        RulesInput flag = RulesInput.of(v.flag());
        RulesInput company = RulesInput.ofNullable(v.company());
        RulesResult first = engine.evaluate(flag, company, null, v.now());
        assertEquals(Instant.parse("2026-04-05T12:00:00Z"), first.featureUsageResetAt());
        assertSame(first, engine.evaluate(flag, company, null, Instant.parse("2026-03-18T23:00:00Z")));
        engine.evaluate(flag, company, null, Instant.parse("2026-03-19T00:00:00Z"));
        assertEquals(2, engine.stats().engineCalls());
    }

    @Test
    void boundedSize() {
        RulesEngine engine = RulesEngine.create(RulesEngineOptions.defaults().withMemoSize(100));
        RulesInput flag = RulesInput.of(FLAG);
        for (int i = 0; i < 350; i++) {
            engine.evaluate(flag, RulesInput.of(company("comp_" + i)), null, NOW);
            assertTrue(engine.stats().memoEntries() <= 100, () -> engine.stats().toString());
        }
        assertEquals(350, engine.stats().engineCalls());
    }

    @Test
    void disabledMemo() {
        RulesEngine engine = RulesEngine.create(RulesEngineOptions.defaults().withMemoSize(0));
        RulesResult a = engine.evaluate(FLAG, company("comp_beta"), null, NOW);
        RulesResult b = engine.evaluate(FLAG, company("comp_beta"), null, NOW);
        assertEquals(a, b);
        assertEquals(2, engine.stats().engineCalls());
        assertEquals(0, engine.stats().memoHits());
    }

    @Test
    void failuresAreNotMemoized() {
        RulesEngine engine = RulesEngine.create(RulesEngineOptions.defaults());
        String bad = "{\"id\":\"f\",\"key\":\"k\"}";
        assertEquals(
                RulesFailure.REJECTED, engine.evaluate(bad, null, null, NOW).failure());
        assertEquals(
                RulesFailure.REJECTED, engine.evaluate(bad, null, null, NOW).failure());
        assertEquals(2, engine.stats().engineCalls());
        assertNull(engine.evaluate(FLAG, null, null, NOW).failure());
    }
}
