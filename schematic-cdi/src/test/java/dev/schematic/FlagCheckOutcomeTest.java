package dev.schematic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.testkit.FakeSchematic;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FlagCheck#outcome()} is set where the answer is made (not read from the reason text), and {@link
 * FlagCheck#ruleMatch()} is the one rule-type → reason-category mapping (docs/api-migration.md).
 */
class FlagCheckOutcomeTest {
    static final Map<String, String> ACME = Map.of("id", "acme");

    FakeSchematic fake;

    @BeforeEach
    void startFake() {
        fake = FakeSchematic.start();
        fake.company(ACME, "Acme", Map.of());
        fake.flag("new-ui").defaultValue(false).forCompany(ACME, true);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void eachAnswerCarriesTheOutcomeOfItsCheck() {
        try (Schematic s = Clients.against(fake).build()) {
            FlagCheck found = s.checkFlagDetailed("new-ui", ACME, Map.of());
            assertEquals(FlagCheck.Outcome.EVALUATED, found.outcome());
            assertEquals(
                    FlagCheck.Outcome.EVALUATED,
                    s.checkFlagDetailed("new-ui", ACME, Map.of()).outcome(),
                    "cached");
            FlagCheck missing = s.checkFlagDetailed("no-such-flag", ACME, Map.of());
            assertEquals(FlagCheck.Outcome.FLAG_NOT_FOUND, missing.outcome());
            assertTrue(missing.flagNotFound());
            assertFalse(found.flagNotFound());
            fake.failNext(10, 500);
            FlagCheck failed = s.checkFlagDetailed("other-flag", ACME, Map.of());
            assertEquals(FlagCheck.Outcome.FAILED, failed.outcome(), failed::toString);
            s.close();
            FlagCheck closed = s.checkFlagDetailed("new-ui", ACME, Map.of());
            assertEquals(FlagCheck.Outcome.CLIENT_CLOSED, closed.outcome());
            assertEquals(
                    List.of(FlagCheck.Outcome.CLIENT_CLOSED),
                    s.checkFlags(List.of("new-ui"), ACME, Map.of()).stream()
                            .map(FlagCheck::outcome)
                            .toList());
        }
        try (Schematic offline = Schematic.builder()
                .offline(true)
                .baseUrl(fake.baseUrl())
                .eventCaptureUrl(fake.baseUrl())
                .build()) {
            assertEquals(
                    FlagCheck.Outcome.DEFAULTED,
                    offline.checkFlagDetailed("new-ui", ACME, Map.of()).outcome());
        }
    }

    @Test
    void theReasonTextDoesNotDecideTheOutcome() {
        FlagCheck saysClosed =
                FlagCheck.ofDefault("f", false, "Client closed - using default value", "something else failed");
        assertEquals(FlagCheck.Outcome.FAILED, saysClosed.outcome());
        assertEquals(
                FlagCheck.Outcome.DEFAULTED,
                FlagCheck.ofDefault("f", false, "Offline", null).outcome());
        FlagCheck closed = FlagCheck.ofDefault("f", false, "any words", "any", FlagCheck.Outcome.CLIENT_CLOSED);
        assertEquals(FlagCheck.Outcome.CLIENT_CLOSED, closed.outcome());
        assertEquals(FlagCheck.Outcome.CLIENT_CLOSED, closed.fromCache().outcome(), "kept by fromCache");
        assertEquals(
                FlagCheck.Outcome.FLAG_NOT_FOUND,
                FlagCheck.notFound("f", false, "x", null).asStale("down").outcome());
    }

    @Test
    void ruleMatchIsTheOneRuleTypeMapping() {
        assertEquals(FlagCheck.RuleMatch.DEFAULT, evaluated(null).ruleMatch());
        assertEquals(FlagCheck.RuleMatch.DEFAULT, evaluated("").ruleMatch());
        assertEquals(FlagCheck.RuleMatch.DEFAULT, evaluated("default").ruleMatch());
        assertEquals(FlagCheck.RuleMatch.STATIC, evaluated("global_override").ruleMatch());
        for (String t :
                List.of("company_override", "plan_entitlement", "standard", "company_override_usage_exceeded")) {
            assertEquals(FlagCheck.RuleMatch.TARGETING_MATCH, evaluated(t).ruleMatch(), t);
        }
        FlagCheck notEvaluated = new FlagCheck(
                        "f", false, "r", null, null, null, "r1", "standard", "boom", null, FlagCheck.Source.API, null)
                .asStale("x");
        assertEquals(FlagCheck.Outcome.EVALUATED, notEvaluated.outcome(), "null outcome of an API answer");
        FlagCheck failed = FlagCheck.ofDefault("f", false, "r", "boom");
        assertEquals(FlagCheck.RuleMatch.DEFAULT, failed.ruleMatch(), "no rule for an answer not evaluated");
    }

    @Test
    void theRulesOfARealAnswerGiveItsRuleMatch() {
        try (Schematic s = Clients.against(fake).build()) {
            assertEquals(
                    FlagCheck.RuleMatch.TARGETING_MATCH,
                    s.checkFlagDetailed("new-ui", ACME, Map.of()).ruleMatch());
        }
    }

    private static FlagCheck evaluated(String ruleType) {
        return new FlagCheck(
                "f",
                true,
                "r",
                "flag_f",
                null,
                null,
                "r1",
                ruleType,
                null,
                null,
                FlagCheck.Source.LOCAL,
                FlagCheck.Outcome.EVALUATED);
    }
}
