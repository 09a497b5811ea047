package dev.schematic.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.internal.config.RulesEngineOptions;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fast result decoder agrees with the tree reader on every output shape the module writes, and hands everything
 * else (snake_case, duplicates, unicode escapes, malformed output) to the tree reader; packed inputs give the answers
 * of plain ones on all vectors and the diff corpus.
 */
class ResultScannerTest {
    static final String MATCHED =
            "{\"value\":true,\"reason\":\"Matched company_override rule \\\"Beta \\\\ \\/ \\n\\\" "
                    + "(rule_1)\",\"ruleId\":\"rule_1\",\"ruleType\":\"company_override\",\"companyId\":\"comp_1\","
                    + "\"userId\":null,\"entitlement\":null,\"flagId\":\"flag_1\",\"flagKey\":\"beta\","
                    + "\"featureAllocation\":null,\"featureUsage\":null,\"featureUsageEvent\":null,"
                    + "\"featureUsagePeriod\":null,\"featureUsageResetAt\":null}";

    static final String METRIC = "{\"value\":false,\"reason\":\"No rules matched; default value for flag\","
            + "\"err\":\"preflight\",\"ruleId\":null,\"ruleType\":null,\"companyId\":\"comp_1\",\"userId\":\"u\","
            + "\"entitlement\":{\"featureId\":\"feat_1\",\"featureKey\":\"api\",\"valueType\":\"numeric\","
            + "\"allocation\":100,\"softLimit\":-5,\"usage\":7,\"eventSubtype\":\"api-call\",\"metricPeriod\":"
            + "\"current_month\",\"monthReset\":\"first_of_month\",\"metricResetAt\":\"2026-04-01T00:00:00Z\","
            + "\"creditTotal\":1.5,\"warningTiers\":[{\"key\":\"t\\\"1\",\"value\":80}]},\"flagId\":\"f\","
            + "\"flagKey\":\"api\",\"featureAllocation\":100,\"featureUsage\":-7,\"featureUsageEvent\":\"api-call\","
            + "\"featureUsagePeriod\":\"current_month\",\"featureUsageResetAt\":\"2026-04-01T00:00:00.25Z\"} ";

    @Test
    void agreesWithTheTreeReaderOnTheModulesShapes() throws Exception {
        for (String out : List.of(MATCHED, METRIC, "{\"value\":true,\"reason\":\"Flag not found\"}")) {
            byte[] b = out.getBytes(StandardCharsets.UTF_8);
            RulesResult fast = ResultScanner.read(b);
            assertNotNull(fast, out);
            assertEquals(ResultReader.readTree(b), fast, out);
        }
        RulesResult m = ResultScanner.read(METRIC.getBytes(StandardCharsets.UTF_8));
        assertEquals(Instant.parse("2026-04-01T00:00:00.25Z"), m.featureUsageResetAt());
        assertEquals(-7L, m.featureUsage());
        assertEquals("t\"1", m.entitlement().warningTiers().get(0).key());
        assertEquals(
                "Matched company_override rule \"Beta \\ / \n\" (rule_1)",
                ResultScanner.read(MATCHED.getBytes(StandardCharsets.UTF_8)).reason());
    }

    @Test
    void leavesOtherShapesToTheTreeReader() throws Exception {
        List<String> other = new ArrayList<>();
        other.add("{\"value\":true,\"reason\":\"x\",\"flag_key\":\"snake\"}"); // snake_case name
        other.add("{\"value\":true,\"reason\":\"x\",\"reason\":\"y\"}"); // duplicate: the last one wins there
        other.add("{\"value\":true,\"reason\":\"x\",\"featureUsage\":1.0}"); // integral double
        other.add("{\"value\":true,\"reason\":\"x\",\"featureUsageResetAt\":\"2026-04-01T00:00:00+02:00\"}");
        other.add("{\"value\":true,\"reason\":\"x\",\"extra\":{}}"); // unknown member
        for (String out : other) {
            byte[] b = out.getBytes(StandardCharsets.UTF_8);
            if (!out.contains("ResetAt")) {
                assertNull(ResultScanner.read(b), out);
            }
            assertEquals(ResultReader.readTree(b), ResultReader.read(b), out);
        }
        assertEquals(
                "y",
                ResultReader.read(other.get(1).getBytes(StandardCharsets.UTF_8)).reason());
        assertEquals(
                Instant.parse("2026-03-31T22:00:00Z"),
                ResultReader.read(other.get(3).getBytes(StandardCharsets.UTF_8)).featureUsageResetAt());
    }

    /** Issue 20 (third round): fuzzed names and keys in the diff corpus are non-ASCII; they no longer cost a tree. */
    @Test
    void decodesUtf8AndUnicodeEscapesLikeTheTreeReader() throws Exception {
        for (String out : List.of(
                "{\"value\":true,\"reason\":\"caf\\u00e9 \\u0001\"}",
                "{\"value\":true,\"reason\":\"café \\\"日本語\\\" \uD83D\uDE80\",\"flagKey\":\"フラグ\"}",
                "{\"value\":false,\"reason\":\"Matched standard rule \\\"emoji \uD83D\uDE80\\\" (rule \\\"8\\\")\"}")) {
            byte[] b = out.getBytes(StandardCharsets.UTF_8);
            RulesResult fast = ResultScanner.read(b);
            assertNotNull(fast, out);
            assertEquals(ResultReader.readTree(b), fast, out);
        }
        assertEquals(
                "café \u0001",
                ResultScanner.read(
                                "{\"value\":true,\"reason\":\"caf\\u00e9 \\u0001\"}".getBytes(StandardCharsets.UTF_8))
                        .reason());
    }

    /** Malformed UTF-8 (or an encoded U+FFFD) is left to the tree reader, whose answer or error stays the one given. */
    @Test
    void leavesMalformedUtf8ToTheTreeReader() throws Exception {
        byte[] prefix = "{\"value\":true,\"reason\":\"a".getBytes(StandardCharsets.US_ASCII);
        byte[] suffix = "\"}".getBytes(StandardCharsets.US_ASCII);
        byte[][] bodies = {
            {(byte) 0xC3}, // truncated
            {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate
            {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD}, // U+FFFD itself
            {(byte) 0xC3, (byte) 0xA9, '\\', 'u', '0', '0', 'z', 'z'} // bad escape after UTF-8
        };
        for (byte[] body : bodies) {
            byte[] b = new byte[prefix.length + body.length + suffix.length];
            System.arraycopy(prefix, 0, b, 0, prefix.length);
            System.arraycopy(body, 0, b, prefix.length, body.length);
            System.arraycopy(suffix, 0, b, prefix.length + body.length, suffix.length);
            assertNull(ResultScanner.read(b), java.util.Arrays.toString(body));
        }
    }

    @Test
    void malformedOutputKeepsTheTreeReadersMessage() {
        for (String out : List.of(
                "{\"value\":true}",
                "{\"value\":\"yes\",\"reason\":\"x\"}",
                "{\"value\":true,\"reason\":\"x\"",
                "{\"value\":true,\"reason\":\"x\",\"featureUsageResetAt\":\"2026-02-30T00:00:00Z\"}",
                "[]")) {
            byte[] b = out.getBytes(StandardCharsets.UTF_8);
            assertNull(ResultScanner.read(b), out);
            ResultReader.MalformedOutput e =
                    assertThrows(ResultReader.MalformedOutput.class, () -> ResultReader.read(b));
            ResultReader.MalformedOutput tree =
                    assertThrows(ResultReader.MalformedOutput.class, () -> ResultReader.readTree(b));
            assertEquals(tree.getMessage(), e.getMessage());
        }
    }

    @Test
    void packedInputsGiveTheSameAnswersOnVectorsAndCorpus() throws Exception {
        RulesEngine engine = RulesEngine.create(RulesEngineOptions.defaults().withMemoSize(0))
                .start();
        {
            List<Vectors.Vector> all = new ArrayList<>(Vectors.publicVectors());
            all.addAll(Vectors.diffCorpus());
            int packedCompanies = 0;
            for (Vectors.Vector v : all) {
                RulesInput company = v.company() == null ? null : RulesInput.packed(v.company());
                RulesInput user = v.user() == null ? null : RulesInput.packed(v.user());
                if (company != null) {
                    assertEquals(RulesInput.of(v.company()), company, v.name());
                    assertEquals(RulesInput.of(v.company()).hashCode(), company.hashCode(), v.name());
                    assertEquals(v.company(), company.json(), v.name());
                    packedCompanies += company.heldBytes() < company.length() ? 1 : 0;
                }
                RulesResult packed = engine.evaluate(
                        RulesInput.packed(v.flag()), company, user, RulesInput.ofNullable(v.optionsJson()), v.now());
                assertEquals(Vectors.run(engine, v), packed, v.name());
                assertEquals(null, Vectors.difference(v, packed), v.name());
            }
            assertTrue(packedCompanies > 50, "companies held deflated: " + packedCompanies);
        }
    }
}
