package dev.schematic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import dev.schematic.api.model.CheckFlagRequestBody;
import dev.schematic.api.model.CheckFlagResponse;
import dev.schematic.api.model.CheckFlagResponseData;
import dev.schematic.api.model.CheckFlagsBulkRequestBody;
import dev.schematic.api.model.CheckFlagsBulkResponse;
import dev.schematic.api.model.MetricPeriod;
import dev.schematic.api.model.RuleType;
import dev.schematic.internal.http.JsonMapping;
import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The three flag-check operations answered with bodies the spec allows (every nullable member {@code null}) and with
 * bodies it does not quite allow ({@code null} in required members, unknown enum strings, extra members): the check
 * carries the body's value, never the default.
 */
class NullTolerantFlagCheckTest {
    private static final Map<String, String> ACME = Map.of("id", "acme");

    /** A flag-check result with every nullable member {@code null}, as the API sends when no rule matched. */
    static String resultWithNulls(String flag, boolean value) {
        return "{\"flag\":\"" + flag + "\",\"value\":" + value + ",\"reason\":\"No rule matched\","
                + "\"company_id\":null,\"user_id\":null,\"flag_id\":null,\"rule_id\":null,\"rule_type\":null,"
                + "\"error\":null,\"feature_allocation\":null,\"feature_usage\":null,\"feature_usage_event\":null,"
                + "\"feature_usage_period\":null,\"feature_usage_reset_at\":null,\"entitlement\":null}";
    }

    FakeSchematic fake;
    Schematic schematic;

    @BeforeEach
    void start() {
        fake = FakeSchematic.start();
        // the flag's own default in the fake is false; every answer below says true, so a default would show
        fake.flag("new-ui").defaultValue(false);
        fake.flag("beta").defaultValue(false);
        schematic = Schematic.builder()
                .apiKey("sch_dev_null_tolerant")
                .baseUrl(fake.baseUrl())
                .eventCaptureUrl(fake.baseUrl())
                .timeout(Duration.ofSeconds(5))
                .maxRetries(0)
                .cacheEnabled(false)
                .build();
    }

    @AfterEach
    void stop() {
        schematic.close();
        fake.close();
    }

    @Test
    void enumAdaptersReadNullAsNull() {
        assertNull(new MetricPeriod.Adapter().adaptFromJson(null));
        assertNull(new RuleType.Adapter().adaptToJson(null));
        assertNull(MetricPeriod.of(null));
        assertEquals("some_future_period", MetricPeriod.of("some_future_period").value());
        assertFalse(MetricPeriod.of("some_future_period").isKnown());
    }

    @Test
    void aResultWithEveryNullableMemberNullParses() {
        CheckFlagResponse r = JsonMapping.jsonb()
                .fromJson("{\"data\":" + resultWithNulls("new-ui", true) + ",\"params\":{}}", CheckFlagResponse.class);
        CheckFlagResponseData d = r.data();
        assertEquals(Boolean.TRUE, d.value());
        assertNull(d.ruleType());
        assertNull(d.featureUsagePeriod());
        assertNull(d.entitlement());
    }

    @Test
    void nullInRequiredMembersUnknownEnumsAndExtraMembersParse() {
        String body = "{\"data\":{\"flag\":null,\"value\":true,\"reason\":null,\"rule_type\":\"brand_new_rule\","
                + "\"feature_usage_period\":\"fortnightly\",\"not_in_the_spec\":{\"a\":[1,null]}},"
                + "\"params\":null,\"extra\":1}";
        CheckFlagResponseData d =
                JsonMapping.jsonb().fromJson(body, CheckFlagResponse.class).data();
        assertNull(d.flag());
        assertNull(d.reason());
        assertEquals("brand_new_rule", d.ruleType().value());
        assertFalse(d.ruleType().isKnown());
        assertEquals("fortnightly", d.featureUsagePeriod().value());
    }

    @Test
    void dateTimesInEveryRfc3339ShapeParse() {
        // nanoseconds, a numeric offset, Go's zero time: the shapes an RFC 3339 server may send
        for (String t :
                List.of("2024-01-02T03:04:05.123456789Z", "2024-01-02T03:04:05+02:00", "0001-01-01T00:00:00Z")) {
            CheckFlagResponseData d = JsonMapping.jsonb()
                    .fromJson(
                            "{\"flag\":\"f\",\"value\":true,\"reason\":\"r\",\"feature_usage_reset_at\":\"" + t + "\"}",
                            CheckFlagResponseData.class);
            assertEquals(java.time.OffsetDateTime.parse(t), d.featureUsageResetAt(), t);
        }
    }

    @Test
    void checkFlagCarriesTheValueOfABodyWithNulls() {
        fake.respond(
                "POST", "/flags/{key}/check", 200, "{\"data\":" + resultWithNulls("new-ui", true) + ",\"params\":{}}");
        FlagCheck check = schematic.checkFlagDetailed("new-ui", ACME, Map.of());
        assertTrue(check.value(), check.toString());
        assertEquals(FlagCheck.Source.API, check.source(), check.toString());
        assertEquals("No rule matched", check.reason());
        assertNull(check.ruleType());
        assertNull(check.error());
    }

    @Test
    void checkFlagsCarriesEveryValueWhenOneResultHasNulls() {
        fake.respond(
                "POST",
                "/flags/check",
                201,
                "{\"data\":{\"flags\":[" + resultWithNulls("new-ui", true) + ","
                        + "{\"flag\":\"beta\",\"value\":true,\"reason\":\"Matched rule\",\"rule_type\":\"global_override\","
                        + "\"feature_usage_period\":null}],\"plan\":null,\"credit_balances\":null},\"params\":{}}");
        List<FlagCheck> checks = schematic.checkFlags(List.of("new-ui", "beta"), ACME, Map.of());
        assertEquals(2, checks.size(), checks.toString());
        for (FlagCheck c : checks) {
            assertTrue(c.value(), c.toString());
            assertEquals(FlagCheck.Source.API, c.source(), c.toString());
        }
        assertNull(checks.get(0).ruleType());
        assertEquals("global_override", checks.get(1).ruleType());
    }

    @Test
    void checkFlagsBulkReadsEveryResultWhenOneHasNulls() {
        fake.respond(
                "POST",
                "/flags/check-bulk",
                201,
                "{\"data\":{\"data\":[{\"flags\":[" + resultWithNulls("new-ui", true) + "],\"plan\":null},"
                        + "{\"flags\":[" + resultWithNulls("beta", false) + "]}]},\"params\":{}}");
        CheckFlagsBulkResponse r = schematic
                .features()
                .checkFlagsBulk(CheckFlagsBulkRequestBody.builder()
                        .contexts(List.of(
                                CheckFlagRequestBody.builder().company(ACME).build()))
                        .build());
        assertEquals(2, r.data().data().size());
        assertEquals(Boolean.TRUE, r.data().data().get(0).flags().get(0).value());
        assertEquals(Boolean.FALSE, r.data().data().get(1).flags().get(0).value());
        assertNull(r.data().data().get(0).flags().get(0).ruleType());
    }
}
