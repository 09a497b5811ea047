package dev.schematic.openfeature;

import static dev.schematic.openfeature.Clients.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ImmutableStructure;
import dev.openfeature.sdk.MutableContext;
import dev.openfeature.sdk.MutableStructure;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Structure;
import dev.openfeature.sdk.Value;
import dev.schematic.EvaluationContext;
import dev.schematic.FlagCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The provider's comparison with the context it matched last (docs/openfeature.md, "Performance"): a repeated context
 * matches without a lookup, anything else that differs in a key, a value, its kind, the user or the targeting key does
 * not, so it is never answered with another context's mapping.
 */
class KnownContextTest {
    private static final EvaluationContext MAPPED = EvaluationContext.of(Map.of("id", "acme"), Map.of());

    @Test
    void theSameKeysAndValuesMatchEvenAsOtherInstances() {
        KnownContext known = KnownContext.of(MAPPED, values("id", "acme", "n", 1000), Map.of(), null);
        assertTrue(known.matches(values("id", "acme", "n", 1000), Map.of(), null));
        assertTrue(known.matches(
                values(new String("id"), new String("acme"), "n", Integer.valueOf(1000)), Map.of(), null));
        assertSame(MAPPED, known.context());
    }

    @Test
    void anyDifferenceIsNotAMatch() {
        KnownContext known = KnownContext.of(MAPPED, values("id", "acme", "n", 42), values("email", "a@b"), "ada");
        assertTrue(known.matches(values("id", "acme", "n", 42), values("email", "a@b"), "ada"));
        assertFalse(known.matches(values("id", "globex", "n", 42), values("email", "a@b"), "ada"), "value");
        assertFalse(known.matches(values("id", "acme", "m", 42), values("email", "a@b"), "ada"), "key");
        assertFalse(known.matches(values("id", "acme", "n", 42, "x", 1), values("email", "a@b"), "ada"), "more keys");
        assertFalse(known.matches(values("id", "acme", "n", "42"), values("email", "a@b"), "ada"), "kind");
        assertFalse(known.matches(values("id", "acme", "n", 42.0), values("email", "a@b"), "ada"), "kind");
        assertTrue(
                known.matches(values("n", 42, "id", "acme"), values("email", "a@b"), "ada"), "order is no difference");
        assertFalse(known.matches(values("id", "acme"), values("email", "a@b"), "ada"), "fewer keys");
        assertFalse(known.matches(values("id", "acme", "n", 42), Map.of(), "ada"), "user");
        assertFalse(known.matches(values("id", "acme", "n", 42), values("email", "a@b"), "bob"), "targeting key");
        assertFalse(known.matches(values("id", "acme", "n", 42), values("email", "a@b"), null), "targeting key");
        // a company key moved to the user: same keys and values, split differently
        assertFalse(known.matches(values("id", "acme"), values("n", 42, "email", "a@b"), "ada"), "split");
    }

    @Test
    void structuresHoldingANullAreNeverMatchedThisWay() {
        Map<String, Value> withNull = new LinkedHashMap<>();
        withNull.put("id", new Value("acme"));
        withNull.put("plan", new Value());
        KnownContext known = KnownContext.of(MAPPED, withNull, Map.of(), null);
        assertFalse(known.matches(withNull, Map.of(), null));
    }

    @Test
    void mutableAndImmutableStructuresWithTheSameContentMatch() {
        KnownContext known = KnownContext.of(MAPPED, values("id", "acme", "n", 42), values("email", "a@b"), "ada");
        assertTrue(known.matches(mutable("id", "acme", "n", 42), mutable("email", "a@b"), "ada"));
        assertTrue(known.matches(immutable("id", "acme", "n", 42), immutable("email", "a@b"), "ada"));
        assertTrue(known.matches(mutable("n", 42, "id", "acme"), immutable("email", "a@b"), "ada"), "mixed");
        assertTrue(
                known.matches(immutable(new String("id"), new String("acme"), "n", 42), mutable("email", "a@b"), "ada"),
                "equal, not identical, instances");
    }

    @Test
    void aStructureThatDiffersInAnyWayIsNotAMatch() {
        KnownContext known = KnownContext.of(MAPPED, values("id", "acme", "n", 42), values("email", "a@b"), "ada");
        Structure user = mutable("email", "a@b");
        for (boolean isMutable : new boolean[] {true, false}) {
            String shape = isMutable ? "MutableStructure: " : "ImmutableStructure: ";
            assertFalse(known.matches(of(isMutable, "id", "globex", "n", 42), user, "ada"), shape + "value");
            assertFalse(known.matches(of(isMutable, "id", "acme", "m", 42), user, "ada"), shape + "key");
            assertFalse(known.matches(of(isMutable, "id", "acme", "n", "42"), user, "ada"), shape + "kind");
            assertFalse(known.matches(of(isMutable, "id", "acme", "n", 42.0), user, "ada"), shape + "kind");
            assertFalse(known.matches(of(isMutable, "id", "acme"), user, "ada"), shape + "fewer keys");
            assertFalse(known.matches(of(isMutable, "id", "acme", "n", 42, "x", 1), user, "ada"), shape + "more keys");
            assertFalse(known.matches(of(isMutable, "id", "acme", "n", 42), null, "ada"), shape + "user absent");
            assertFalse(known.matches(of(isMutable, "id", "acme", "n", 42), user, "bob"), shape + "targeting key");
            assertFalse(known.matches(of(isMutable, "id", "acme", "n", 42), user, null), shape + "targeting key");
            assertFalse(
                    known.matches(of(isMutable, "id", "acme"), of(isMutable, "n", 42, "email", "a@b"), "ada"),
                    shape + "split differently");
            assertFalse(known.matches(null, user, "ada"), shape + "company absent");
        }
    }

    @Test
    void nullsInAStructureAreNeverAMatch() {
        KnownContext known = KnownContext.of(MAPPED, values("id", "acme"), Map.of(), null);
        MutableStructure nullValue = new MutableStructure().add("id", (String) null);
        assertFalse(known.matches(nullValue, null, null), "a key holding null");
        MutableStructure nullValueObject = new MutableStructure().add("id", new Value());
        assertFalse(known.matches(nullValueObject, null, null), "a key holding Value(null)");
        MutableStructure nullKey = new MutableStructure().add(null, "acme");
        assertFalse(known.matches(nullKey, null, null), "a null key");
        Map<String, Value> withNull = new LinkedHashMap<>();
        withNull.put("id", new Value("acme"));
        withNull.put("plan", null);
        assertFalse(known.matches(new ImmutableStructure(withNull), null, null), "ImmutableStructure with a null");
        KnownContext keptNull = KnownContext.of(MAPPED, Map.of("plan", new Value()), Map.of(), null);
        assertFalse(keptNull.matches(mutable(), null, null), "a context mapped from a null value never matches");
        assertFalse(keptNull.matches(new MutableStructure().add("plan", new Value()), null, null));
    }

    @Test
    void absentAndEmptyStructuresAreTheSame() {
        KnownContext known = KnownContext.of(MAPPED, values("id", "acme"), Map.of(), null);
        assertTrue(known.matches(mutable("id", "acme"), null, null));
        assertTrue(known.matches(mutable("id", "acme"), mutable(), null));
        assertTrue(known.matches(immutable("id", "acme"), immutable(), null));
        assertFalse(known.matches((Structure) null, null, null));
        assertFalse(known.matches(mutable(), mutable(), null));
    }

    @Test
    void aMutableStructureChangedInPlaceIsNoLongerAMatch() {
        MutableStructure company = mutable("id", "acme");
        KnownContext known = KnownContext.of(MAPPED, company.asUnmodifiableMap(), Map.of(), null);
        assertTrue(known.matches(company, null, null));
        company.add("id", "globex");
        assertFalse(known.matches(company, null, null), "value changed");
        company.add("id", "acme");
        assertTrue(known.matches(company, null, null), "changed back");
        company.add("plan", "pro");
        assertFalse(known.matches(company, null, null), "key added");
    }

    @Test
    void theMapperAnswersEachShapeAndEachChangeWithItsOwnMapping() {
        ContextMapper mapper = new ContextMapper(null);
        MutableStructure company = mutable("id", "acme");
        MutableContext ctx = new MutableContext().add("company", company);
        EvaluationContext acme = mapper.who(ctx);
        assertEquals(Map.of("id", "acme"), acme.companyKeys());
        assertSame(acme, mapper.who(new ImmutableContext(Map.of("company", new Value(immutable("id", "acme"))))));
        company.add("id", "globex");
        assertEquals(Map.of("id", "globex"), mapper.who(ctx).companyKeys(), "changed in place");
        company.add("user-id", 7);
        assertEquals(Map.of("id", "globex", "user-id", "7"), mapper.who(ctx).companyKeys(), "key added in place");
        assertSame(acme, mapper.who(new MutableContext().add("company", mutable("id", "acme"))), "back again");
        assertSame(EvaluationContext.empty(), mapper.who(new MutableContext().add("company", mutable())));
        assertSame(EvaluationContext.empty(), mapper.who(new MutableContext()));
    }

    @Test
    void contextsAlternatingBetweenChecksEachGetTheirOwnMapping() {
        ContextMapper mapper = new ContextMapper(null);
        for (int i = 0; i < 3; i++) {
            assertEquals(
                    Map.of("id", "acme"),
                    mapper.who(context(Map.of("id", "acme"), Map.of())).companyKeys());
            assertEquals(
                    Map.of("id", "globex"),
                    mapper.who(context(Map.of("id", "globex"), Map.of())).companyKeys());
            assertEquals(
                    Map.of("email", "ada@acme.io"),
                    mapper.who(context(Map.of("id", "acme"), Map.of("email", "ada@acme.io")))
                            .userKeys());
        }
        assertEquals(3, mapper.remembered());
    }

    @Test
    void eachContextShapeRepeatedGetsTheSameSchematicContext() {
        ContextMapper mapper = new ContextMapper(null);
        ImmutableContext immutable = new ImmutableContext(
                Map.of("company", new Value(new ImmutableStructure(Map.of("id", new Value("acme"))))));
        MutableContext mutable = new MutableContext().add("company", new MutableStructure().add("id", "acme"));
        EvaluationContext first = mapper.who(immutable);
        assertSame(first, mapper.who(immutable), "an ImmutableContext reused (a new deep copy on every read)");
        assertSame(first, mapper.who(mutable), "a MutableContext with the same content");
        assertSame(first, mapper.who(mutable));
        MutableContext perRequest = new MutableContext().add("company", new MutableStructure().add("id", "acme"));
        assertSame(first, mapper.who(perRequest), "a context built per request");
    }

    @Test
    void alternatingFlagsEachGetTheirOwnEvaluation() {
        EvaluationMemo memo = new EvaluationMemo();
        FlagCheck a = local("a", true);
        FlagCheck b = local("b", false);
        ProviderEvaluation<Boolean> ea = memo.of(a);
        ProviderEvaluation<Boolean> eb = memo.of(b);
        assertNotSame(ea, eb);
        for (int i = 0; i < 3; i++) {
            assertSame(ea, memo.of(a));
            assertSame(eb, memo.of(b));
        }
        assertEquals(true, ea.getValue());
        assertEquals(false, eb.getValue());
        FlagCheck a2 = local("a", false);
        assertEquals(false, memo.of(a2).getValue(), "a new answer for the same flag is converted");
    }

    private static FlagCheck local(String flag, boolean value) {
        return new FlagCheck(
                flag,
                value,
                "Matched",
                "flag_" + flag,
                "comp_1",
                null,
                "r1",
                "standard",
                null,
                null,
                FlagCheck.Source.LOCAL,
                FlagCheck.Outcome.EVALUATED);
    }

    private static Structure of(boolean isMutable, Object... kv) {
        return isMutable ? mutable(kv) : immutable(kv);
    }

    private static MutableStructure mutable(Object... kv) {
        return new MutableStructure(values(kv));
    }

    private static ImmutableStructure immutable(Object... kv) {
        return new ImmutableStructure(values(kv));
    }

    /** Key, value, key, value...: a structure listing them in this order. */
    private static Map<String, Value> values(Object... kv) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], Value.objectToValue(kv[i + 1]));
        }
        return m;
    }
}
