package dev.schematic.internal.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schematic.FlagCheck;
import org.junit.jupiter.api.Test;

/** docs/observability.md: the span event's reason and error type come from the typed outcome and the rule match. */
class CheckOutcomeTest {
    @Test
    void evaluatedAnswersTakeTheirReasonFromTheRuleMatch() {
        assertEquals(new CheckOutcome("local", "static", null), CheckOutcome.of(local("global_override")));
        assertEquals(new CheckOutcome("local", "targeting_match", null), CheckOutcome.of(local("company_override")));
        assertEquals(new CheckOutcome("local", "default", null), CheckOutcome.of(local("default")));
        assertEquals(new CheckOutcome("local", "default", null), CheckOutcome.of(local(null)));
        assertEquals(
                new CheckOutcome("cache", "cached", null),
                CheckOutcome.of(local("standard").fromCache()));
        assertEquals(
                new CheckOutcome("stale", "stale", null),
                CheckOutcome.of(local("standard").asStale("down")));
    }

    @Test
    void otherOutcomesAreErrorsOrDefaultsWhateverTheReasonText() {
        assertEquals(
                new CheckOutcome("default", "error", "provider_not_ready"),
                CheckOutcome.of(FlagCheck.ofDefault("f", false, "words", "x", FlagCheck.Outcome.CLIENT_CLOSED)));
        assertEquals(
                new CheckOutcome("default", "error", "general"),
                CheckOutcome.of(FlagCheck.ofDefault("f", false, "Client closed - using default value", "boom")));
        assertEquals(
                new CheckOutcome("default", "error", "flag_not_found"),
                CheckOutcome.of(FlagCheck.notFound("f", false, "Flag not found", null)));
        assertEquals(
                new CheckOutcome("default", "default", null),
                CheckOutcome.of(FlagCheck.ofDefault("f", false, "Offline mode - using default value", null)));
    }

    private static FlagCheck local(String ruleType) {
        return new FlagCheck(
                "f", true, "r", "flag_f", null, null, "r1", ruleType, null, null, FlagCheck.Source.LOCAL, null);
    }
}
