package dev.schematic.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.internal.config.RulesEngineOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resident-entity interface of the bundled module (entities parsed once per version, evaluated by handle) gives
 * the official envelope's answer on every public vector and diff-corpus case, falls back to the envelope for inputs it
 * does not take, and stays bounded.
 */
class ResidentEntitiesTest {
    private static final String FLAG =
            "{\"id\":\"f1\",\"account_id\":\"a\",\"environment_id\":\"e\",\"key\":\"k\",\"default_value\":false,"
                    + "\"rules\":[{\"id\":\"r1\",\"account_id\":\"a\",\"environment_id\":\"e\",\"rule_type\":"
                    + "\"company_override\",\"name\":\"n\",\"priority\":1,\"value\":true,\"conditions\":[{\"id\":\"c1\","
                    + "\"account_id\":\"a\",\"environment_id\":\"e\",\"condition_type\":\"company\",\"operator\":\"eq\","
                    + "\"resource_ids\":[\"comp_7\"],\"trait_value\":\"\"}],\"condition_groups\":[]}]}";

    private static String company(int i) {
        return "{\"id\":\"comp_" + i + "\",\"account_id\":\"a\",\"environment_id\":\"e\",\"keys\":{\"id\":\"c" + i
                + "\"},\"traits\":[],\"metrics\":[],\"padding\":\"" + "x".repeat(400) + "\"}";
    }

    @Test
    void everyVectorAndCorpusCaseEqualsTheEnvelope() throws Exception {
        RulesEngine resident = RulesEngine.create(RulesEngineOptions.defaults().withMemoSize(0));
        RulesEngine envelope =
                RulesEngine.createEnvelopeOnly(RulesEngineOptions.defaults().withMemoSize(0), Clock.systemUTC());
        List<Vectors.Vector> cases = new ArrayList<>(Vectors.publicVectors());
        cases.addAll(Vectors.diffCorpus());
        assertEquals(84 + 2006, cases.size());
        List<String> differences = new ArrayList<>();
        // twice: the first round registers the entities, the second evaluates resident ones by handle
        for (int round = 0; round < 2; round++) {
            for (Vectors.Vector v : cases) {
                RulesResult a = Vectors.run(resident, v);
                RulesResult b = Vectors.run(envelope, v);
                if (!a.equals(b)) {
                    differences.add(v.name() + ": resident " + a + " vs envelope " + b);
                }
            }
        }
        assertTrue(differences.isEmpty(), () -> differences.size() + " differences, first: " + differences.get(0));
    }

    @Test
    void bundledModuleHasTheInterfaceAndStaysBounded() throws Exception {
        EngineInstance instance = EngineModule.bundled().newInstance();
        ResidentEntities residents = instance.residents();
        assertNotNull(residents, "the bundled module keeps entities resident");
        RulesInput flag = RulesInput.of(FLAG);
        long now = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
        int n = 3000; // about 1.4 MB of company JSON: more than one instance keeps
        for (int i = 0; i < n; i++) {
            RulesResult r = ResidentCall.run(instance, flag, RulesInput.of(company(i)), null, null, now);
            assertNotNull(r, "company " + i + " evaluated by handle");
            assertEquals(i == 7, r.value(), "company " + i);
            assertEquals("comp_" + i, r.companyId());
        }
        assertTrue(
                residents.size() * 450L <= ResidentEntities.MAX_BYTES + 2 * FLAG.length(),
                "bounded by bytes: " + residents.size());
        // an evicted version is registered again and still right
        RulesResult again = ResidentCall.run(instance, flag, RulesInput.of(company(7)), null, null, now);
        assertTrue(again.value());
        assertTrue(!instance.broken());
    }

    /** A larger budget keeps a larger working set resident (no eviction), and still bounds it. */
    @Test
    void aLargerBudgetKeepsTheWholeWorkingSet() throws Exception {
        EngineInstance instance = EngineModule.bundled().newInstance(4L << 20);
        ResidentEntities residents = instance.residents();
        assertEquals(4L << 20, residents.maxBytes());
        RulesInput flag = RulesInput.of(FLAG);
        long now = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
        RulesInput[] companies = new RulesInput[3000]; // about 1.4 MB: more than the default budget
        for (int i = 0; i < companies.length; i++) {
            companies[i] = RulesInput.of(company(i));
            assertEquals(
                    i == 7,
                    ResidentCall.run(instance, flag, companies[i], null, null, now)
                            .value());
        }
        assertEquals(companies.length + 1, residents.size(), "nothing evicted");
        for (int i = 0; i < 12_000; i++) { // about 5.6 MB: evicted down to the budget
            ResidentCall.run(instance, flag, RulesInput.of(company(companies.length + i)), null, null, now);
        }
        assertTrue(residents.size() * 450L <= (4L << 20) + 2 * FLAG.length(), "bounded: " + residents.size());
        assertEquals(
                ResidentEntities.MAX_BYTES,
                EngineModule.bundled().newInstance(1).residents().maxBytes(),
                "never below the default");
    }

    @Test
    void inputsTheModuleDoesNotTakeFallBackToTheEnvelope() throws Exception {
        EngineInstance instance = EngineModule.bundled().newInstance();
        long now = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
        RulesInput flag = RulesInput.of(FLAG);
        // "null" as a company: the envelope reads it as absent, an entity it is not
        assertNull(ResidentCall.run(instance, flag, RulesInput.of("null"), null, null, now));
        assertNull(ResidentCall.run(instance, RulesInput.of("{\"id\":\"no key\"}"), null, null, null, now));
        assertNull(ResidentCall.run(instance, flag, null, null, RulesInput.of("{\"bad\""), now));
        // and the engine answers them like the envelope does
        RulesEngine resident = RulesEngine.create(RulesEngineOptions.defaults().withMemoSize(0));
        RulesEngine envelope =
                RulesEngine.createEnvelopeOnly(RulesEngineOptions.defaults().withMemoSize(0), Clock.systemUTC());
        Instant at = Instant.ofEpochMilli(now);
        assertEquals(
                envelope.evaluate(flag, RulesInput.of("null"), null, null, at),
                resident.evaluate(flag, RulesInput.of("null"), null, null, at));
        RulesResult rejected = resident.evaluate(RulesInput.of("{\"id\":\"no key\"}"), null, null, null, at);
        assertEquals(RulesFailure.REJECTED, rejected.failure());
    }

    @Test
    void aModuleWithOnlyTheOfficialInterfaceUsesTheEnvelope(@TempDir Path dir) throws Exception {
        Path file = TestModules.write(dir, "official-only.wasm", TestModules.engine(TestModules.Behaviour.VALID));
        assertNull(EngineModule.fromFile(file).newInstance().residents());
        RulesEngine engine = RulesEngine.create(
                        RulesEngineOptions.defaults().withMemoSize(0).withWasm(file))
                .start();
        RulesResult r = engine.evaluate(RulesInput.of(FLAG), RulesInput.of(company(7)), null, null, Instant.now());
        assertNull(r.failure(), r.toString());
        assertEquals(1, engine.stats().engineCalls());
    }
}
