package dev.schematic.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.internal.config.RulesEngineOptions;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** datastream.md §6.7: empty trait_definition.entity_type (replicator data) is fixed after a rejection. */
class InputSanitizerTest {
    static String flag(String conditionEntityType) {
        return "{\"id\":\"flag_1\",\"account_id\":\"\",\"environment_id\":\"env\",\"key\":\"gold\",\"default_value\":false,"
                + "\"rules\":[{\"id\":\"r1\",\"account_id\":\"\",\"environment_id\":\"env\",\"rule_type\":\"standard\","
                + "\"name\":\"Gold tier\",\"priority\":1,\"value\":true,\"conditions\":[{\"id\":\"c1\",\"account_id\":\"\","
                + "\"environment_id\":\"env\",\"condition_type\":\"trait\",\"operator\":\"eq\",\"trait_value\":\"gold\","
                + "\"trait_definition\":{\"id\":\"td_tier\",\"comparable_type\":\"string\",\"entity_type\":\""
                + conditionEntityType + "\"}}]}]}";
    }

    static final String COMPANY = "{\"id\":\"comp_1\",\"account_id\":\"\",\"environment_id\":\"env\",\"traits\":"
            + "[{\"trait_definition\":{\"id\":\"td_tier\",\"comparable_type\":\"string\",\"entity_type\": \"\"},"
            + "\"value\":\"gold\"}]}";
    static final Instant NOW = Instant.parse("2026-03-18T15:30:00Z");

    @Test
    void companyTraitDefinitionGetsCompany() {
        RulesEngine engine = RulesEngine.create(RulesEngineOptions.defaults());
        RulesResult r = engine.evaluate(flag("company"), COMPANY, null, NOW);
        assertNull(r.failure(), r.error());
        assertTrue(r.value());
        assertEquals("Matched standard rule \"Gold tier\" (r1)", r.reason());
        assertEquals(2, engine.stats().engineCalls(), "rejected once, retried once");
        assertEquals(0, engine.stats().failures());
        // memoized under the original inputs
        assertSame(r, engine.evaluate(flag("company"), COMPANY, null, NOW));
    }

    @Test
    void flagTraitDefinitionIsDropped() {
        RulesEngine engine = RulesEngine.create(RulesEngineOptions.defaults());
        RulesResult r = engine.evaluate(flag(""), COMPANY, null, NOW);
        assertNull(r.failure(), r.error());
        assertFalse(r.value(), "a trait condition without a definition is false");
        assertEquals("No rules matched; default value for flag", r.reason());
    }

    @Test
    void detection() {
        assertTrue(InputSanitizer.hasEmptyEntityType(RulesInput.of(COMPANY)));
        assertFalse(InputSanitizer.hasEmptyEntityType(RulesInput.of(flag("company"))));
        RulesInput fixed = InputSanitizer.fix(RulesInput.of(COMPANY), "company");
        assertTrue(fixed.json().contains("\"entity_type\":\"company\""), fixed.json());
        RulesInput unchanged = RulesInput.of(flag("user"));
        assertSame(unchanged, InputSanitizer.fix(unchanged, null));
    }
}
