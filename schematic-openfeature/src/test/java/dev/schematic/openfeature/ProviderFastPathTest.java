package dev.schematic.openfeature;

import static dev.schematic.openfeature.Clients.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.MutableContext;
import dev.openfeature.sdk.MutableStructure;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import dev.openfeature.sdk.exceptions.InvalidContextError;
import dev.schematic.FlagCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What keeps a repeated check through the provider cheap (docs/openfeature.md, "Performance") without changing its
 * answers: a context seen before maps to the same Schematic context, only while its content is the same; the
 * evaluation of a reused answer is reused; and the typed {@link FlagCheck#outcome()} and {@link
 * FlagCheck#ruleMatch()} (not the reason text) decide the OpenFeature reason and error code.
 */
class ProviderFastPathTest {
    static final Map<String, String> ACME = Map.of("id", "acme");

    @Test
    void anEqualContextMapsToTheSameSchematicContextAndAnotherToAnother() {
        ContextMapper mapper = new ContextMapper(null);
        dev.schematic.EvaluationContext first = mapper.who(context(ACME, Map.of("email", "ada@acme.io")));
        assertEquals(ACME, first.companyKeys());
        assertEquals(Map.of("email", "ada@acme.io"), first.userKeys());
        assertSame(first, mapper.who(context(Map.of("id", "acme"), Map.of("email", "ada@acme.io"))));
        dev.schematic.EvaluationContext other = mapper.who(context(Map.of("id", "globex"), Map.of()));
        assertEquals(Map.of("id", "globex"), other.companyKeys());
        assertTrue(other.userKeys().isEmpty());
        assertEquals(
                Map.of("n", "42"),
                mapper.who(context(Map.of("n", 42), Map.of())).companyKeys());
    }

    @Test
    void theProviderHooksAreOneSharedEmptyListNotOnePerEvaluation() {
        try (dev.schematic.Schematic schematic =
                dev.schematic.Schematic.builder().offline(true).build()) {
            SchematicProvider provider = new SchematicProvider(schematic);
            assertTrue(provider.getProviderHooks().isEmpty());
            assertSame(provider.getProviderHooks(), provider.getProviderHooks());
            assertThrows(
                    UnsupportedOperationException.class,
                    () -> provider.getProviderHooks().add(null));
        }
    }

    @Test
    void atMostMaxContextsAreRememberedThenTheMemoryStartsOver() {
        ContextMapper mapper = new ContextMapper(null);
        for (int i = 0; i < ContextMapper.MAX_CONTEXTS; i++) {
            mapper.who(context(Map.of("id", "c" + i), Map.of()));
        }
        assertEquals(ContextMapper.MAX_CONTEXTS, mapper.remembered());
        dev.schematic.EvaluationContext next = mapper.who(context(Map.of("id", "one-more"), Map.of()));
        assertEquals(Map.of("id", "one-more"), next.companyKeys(), "still answered when full");
        assertEquals(1, mapper.remembered(), "the memory started over instead of growing");
    }

    @Test
    void aMutableContextChangedAfterACheckIsMappedAfresh() {
        ContextMapper mapper = new ContextMapper(null);
        MutableStructure company = new MutableStructure().add("id", "acme");
        MutableContext ctx = new MutableContext().add("company", company);
        assertEquals(ACME, mapper.who(ctx).companyKeys());
        company.add("id", "globex");
        assertEquals(Map.of("id", "globex"), mapper.who(ctx).companyKeys());
    }

    @Test
    void theTargetingKeyIsPartOfWhatIsRemembered() {
        ContextMapper mapper = new ContextMapper("id");
        MutableContext ada = new MutableContext("ada").add("company", new MutableStructure().add("id", "acme"));
        MutableContext bob = new MutableContext("bob").add("company", new MutableStructure().add("id", "acme"));
        assertEquals(Map.of("id", "ada"), mapper.who(ada).userKeys());
        assertEquals(Map.of("id", "bob"), mapper.who(bob).userKeys());
        assertEquals(Map.of("id", "ada"), mapper.who(ada).userKeys());
    }

    @Test
    void anUnusableContextIsRefusedEveryTimeNotRemembered() {
        ContextMapper mapper = new ContextMapper(null);
        MutableContext listValued =
                new MutableContext().add("company", new MutableStructure().add("id", List.of(new Value("a"))));
        for (int i = 0; i < 2; i++) {
            InvalidContextError e = assertThrows(InvalidContextError.class, () -> mapper.who(listValued));
            assertTrue(e.getMessage().contains("company.id"), e.getMessage());
        }
    }

    @Test
    void theSameAnswerGetsTheSameEvaluationAndANewAnswerANewOne() {
        EvaluationMemo memo = new EvaluationMemo();
        FlagCheck local = check("standard", FlagCheck.Source.LOCAL, FlagCheck.Outcome.EVALUATED);
        ProviderEvaluation<Boolean> e = memo.of(local);
        assertSame(e, memo.of(local));
        assertEquals(Reason.TARGETING_MATCH.name(), e.getReason());
        assertEquals("r1", e.getFlagMetadata().getString("ruleId"));
        FlagCheck changed = check("global_override", FlagCheck.Source.LOCAL, FlagCheck.Outcome.EVALUATED);
        ProviderEvaluation<Boolean> e2 = memo.of(changed);
        assertNotSame(e, e2);
        assertEquals(Reason.STATIC.name(), e2.getReason());
        FlagCheck api = check("standard", FlagCheck.Source.API, FlagCheck.Outcome.EVALUATED);
        assertNotSame(memo.of(api), memo.of(api), "a fresh API answer is converted each time");
    }

    @Test
    void req_2_2_7_theTypedOutcomeNotTheReasonTextDecidesTheErrorCode() {
        FlagCheck closed = FlagCheck.ofDefault("f", true, "any words", "any", FlagCheck.Outcome.CLIENT_CLOSED);
        assertEquals(ErrorCode.PROVIDER_NOT_READY, Evaluations.of(closed).getErrorCode());
        FlagCheck failedSayingClosed =
                FlagCheck.ofDefault("f", true, "Client closed - using default value", "the API failed");
        ProviderEvaluation<Boolean> failed = Evaluations.of(failedSayingClosed);
        assertEquals(ErrorCode.GENERAL, failed.getErrorCode());
        assertEquals("the API failed", failed.getErrorMessage());
        FlagCheck offline = FlagCheck.ofDefault("f", true, "Offline mode - using default value", null);
        assertEquals(Reason.DEFAULT.name(), Evaluations.of(offline).getReason());
        assertEquals(null, Evaluations.of(offline).getErrorCode());
        FlagCheck engineError = check("standard", FlagCheck.Source.LOCAL, FlagCheck.Outcome.FAILED);
        assertEquals(ErrorCode.GENERAL, Evaluations.of(engineError).getErrorCode());
    }

    @Test
    void req_2_2_5_theReasonIsTheRuleMatchOfTheAnswer() {
        for (String type : new String[] {null, "default", "global_override", "plan_entitlement"}) {
            FlagCheck c = check(type, FlagCheck.Source.LOCAL, FlagCheck.Outcome.EVALUATED);
            assertEquals(c.ruleMatch().name(), Evaluations.of(c).getReason(), String.valueOf(type));
        }
        FlagCheck cached = check("global_override", FlagCheck.Source.CACHE, FlagCheck.Outcome.EVALUATED);
        assertEquals(Reason.CACHED.name(), Evaluations.of(cached).getReason());
    }

    private static FlagCheck check(String ruleType, FlagCheck.Source source, FlagCheck.Outcome outcome) {
        return new FlagCheck(
                "f",
                true,
                "Matched",
                "flag_f",
                "comp_1",
                null,
                "r1",
                ruleType,
                outcome == FlagCheck.Outcome.FAILED ? "preflight usage cannot be negative" : null,
                null,
                source,
                outcome);
    }
}
