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

    /** Key, value, key, value...: a structure listing them in this order. */
    private static Map<String, Value> values(Object... kv) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], Value.objectToValue(kv[i + 1]));
        }
        return m;
    }
}
