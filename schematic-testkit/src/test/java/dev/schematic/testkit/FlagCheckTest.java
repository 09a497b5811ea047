package dev.schematic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeSchematicExtension.class)
class FlagCheckTest {
    static FakeSchematic fake;
    static Http http;

    @BeforeAll
    static void start(FakeSchematic server) { // started, reset before each test and closed by the extension
        fake = server;
        http = new Http(server);
    }

    private JsonObject check(String key, String body) {
        Http.Reply r = http.post("/flags/" + key + "/check", body);
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().containsKey("params"));
        return r.data();
    }

    @Test
    void defaultValueWhenNoRuleMatches() {
        fake.flag("beta").defaultValue(true);
        JsonObject d = check("beta", "{\"company\":{\"id\":\"acme\"}}");
        assertEquals("beta", d.getString("flag"));
        assertTrue(d.getBoolean("value"));
        assertEquals("No rules matched; default value for flag", d.getString("reason"));
        assertTrue(Http.isNull(d, "rule_type"), "the real API sends null when no rule matched: " + d);
        assertEquals("flag_beta", d.getString("flag_id"));
        for (String deprecated : new String[] {
            "feature_allocation",
            "feature_usage",
            "feature_usage_event",
            "feature_usage_period",
            "feature_usage_reset_at"
        }) {
            assertTrue(Http.isNull(d, deprecated), deprecated + " is null when the flag has no metric: " + d);
        }
        assertTrue(Http.isNull(d, "error"));
        assertTrue(Http.isNull(d, "rule_id"));
        assertTrue(Http.isNull(d, "company_id"));
        assertTrue(Http.isNull(d, "user_id"));
        assertFalse(d.containsKey("entitlement"));
    }

    @Test
    void newFlagDefaultsToFalse() {
        fake.flag("x");
        assertFalse(check("x", "{}").getBoolean("value"));
        assertFalse(check("x", "").getBoolean("value"), "the fake answers a body-less check");
        assertEquals(1, fake.contractViolations().size(), "but the contract check flags it");
        assertTrue(fake.contractViolations().get(0).messages().contains("request body is required"));
        fake.reset();
    }

    @Test
    void companyRuleBeatsDefaultAndUserRuleBeatsCompanyRule() {
        fake.flag("f")
                .defaultValue(false)
                .forCompany(Map.of("id", "acme"), true)
                .forUser(Map.of("email", "bob@acme.test"), false);

        JsonObject company = check("f", "{\"company\":{\"id\":\"acme\",\"other\":\"x\"}}");
        assertTrue(company.getBoolean("value"));
        assertEquals("company_override", company.getString("rule_type"));
        assertEquals("rule_f_company_1", company.getString("rule_id"));
        assertEquals(
                "Matched company override rule \"company id=acme\" (rule_f_company_1)", company.getString("reason"));

        JsonObject user =
                check("f", "{\"company\":{\"id\":\"acme\"},\"user\":{\"email\":\"bob@acme.test\",\"id\":\"7\"}}");
        assertFalse(user.getBoolean("value"));
        assertEquals("company_override", user.getString("rule_type"));
        assertEquals("rule_f_user_1", user.getString("rule_id"));
        assertEquals(
                "Matched company override rule \"user email=bob@acme.test\" (rule_f_user_1)", user.getString("reason"));

        JsonObject other = check("f", "{\"company\":{\"id\":\"globex\"},\"user\":{\"email\":\"x@y.z\"}}");
        assertFalse(other.getBoolean("value"));
        assertTrue(Http.isNull(other, "rule_type"));
    }

    @Test
    void firstMatchingRuleWinsAndAllRuleKeysMustMatch() {
        fake.flag("f").forCompany(Map.of("id", "acme", "region", "eu"), false).forCompany(Map.of("id", "acme"), true);
        assertTrue(
                check("f", "{\"company\":{\"id\":\"acme\",\"region\":\"us\"}}").getBoolean("value"));
        JsonObject both = check("f", "{\"company\":{\"id\":\"acme\",\"region\":\"eu\"}}");
        assertFalse(both.getBoolean("value"));
        assertEquals("rule_f_company_1", both.getString("rule_id"));
    }

    @Test
    void redefiningRuleWithSameKeysReplacesItsValue() {
        fake.flag("f").forCompany(Map.of("id", "acme"), true).forCompany(Map.of("id", "acme"), false);
        JsonObject d = check("f", "{\"company\":{\"id\":\"acme\"}}");
        assertFalse(d.getBoolean("value"));
        assertEquals("rule_f_company_1", d.getString("rule_id"));
    }

    @Test
    void customIdsNamesAndEntitlementAreEchoed() {
        fake.flag("seats")
                .id("flag_123")
                .forCompany(Map.of("id", "acme"), true, "rule_9", "Acme gets seats")
                .entitlement(
                        JsonSupport.parseObject(
                                "{\"feature_id\":\"feat_1\",\"feature_key\":\"seats\",\"value_type\":\"numeric\",\"allocation\":10,\"usage\":3}"));
        JsonObject d = check("seats", "{\"company\":{\"id\":\"acme\"}}");
        assertEquals("flag_123", d.getString("flag_id"));
        assertEquals("Matched company override rule \"Acme gets seats\" (rule_9)", d.getString("reason"));
        assertEquals(10, d.getJsonObject("entitlement").getInt("allocation"));
    }

    @Test
    void companyAndUserIdsComeFromStoredEntities() {
        fake.company(Map.of("id", "acme"), "Acme", null).user(Map.of("email", "a@acme.test"), "Ann", null);
        fake.flag("f");
        JsonObject d = check("f", "{\"company\":{\"id\":\"acme\"},\"user\":{\"email\":\"a@acme.test\"}}");
        assertEquals(fake.companies().get(0).getString("id"), d.getString("company_id"));
        assertEquals(fake.users().get(0).getString("id"), d.getString("user_id"));
    }

    @Test
    void unknownFlagIs404() {
        Http.Reply r = http.post("/flags/nope/check", "{}");
        assertEquals(404, r.status());
        assertEquals("{\"error\":\"flag not found\"}", r.body());
    }

    @Test
    void removeFlagMakesItUnknown() {
        fake.flag("gone").and().removeFlag("gone");
        assertEquals(404, http.post("/flags/gone/check", "{}").status());
    }

    @Test
    void checkAllReturnsEveryFlagInDefinitionOrderWith201() {
        fake.flag("b").defaultValue(true).and().flag("a").forCompany(Map.of("id", "acme"), true);
        Http.Reply r = http.post("/flags/check", "{\"company\":{\"id\":\"acme\"}}");
        assertEquals(201, r.status());
        List<JsonObject> flags = r.data().getJsonArray("flags").getValuesAs(JsonObject.class);
        assertEquals(
                List.of("b", "a"), flags.stream().map(f -> f.getString("flag")).toList());
        assertTrue(flags.get(0).getBoolean("value"));
        assertTrue(flags.get(1).getBoolean("value"));
        assertEquals("company_override", flags.get(1).getString("rule_type"));
    }

    @Test
    void checkBulkAnswersEachContext() {
        fake.flag("a").forUser(Map.of("id", "u1"), true);
        Http.Reply r = http.post(
                "/flags/check-bulk", "{\"contexts\":[{\"user\":{\"id\":\"u1\"}},{\"user\":{\"id\":\"u2\"}}]}");
        assertEquals(201, r.status());
        List<JsonObject> data = r.data().getJsonArray("data").getValuesAs(JsonObject.class);
        assertTrue(data.get(0).getJsonArray("flags").getJsonObject(0).getBoolean("value"));
        assertFalse(data.get(1).getJsonArray("flags").getJsonObject(0).getBoolean("value"));
    }

    @Test
    void flagKeysArePercentDecoded() {
        fake.flag("my flag").defaultValue(true);
        assertTrue(check("my%20flag", "{}").getBoolean("value"));
    }

    @Test
    void invalidJsonIs400() {
        fake.flag("f");
        assertEquals(400, http.post("/flags/f/check", "{nope").status());
        assertEquals("request", fake.contractViolations().get(0).direction());
        fake.reset(); // the violation was the point of this test
    }

    @Test
    void rulesNeedKeys() {
        assertThrows(IllegalArgumentException.class, () -> fake.flag("f").forCompany(Map.of(), true));
    }
}
