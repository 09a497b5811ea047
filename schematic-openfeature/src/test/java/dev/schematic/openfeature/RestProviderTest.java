package dev.schematic.openfeature;

import static dev.schematic.openfeature.Clients.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderState;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import dev.schematic.Schematic;
import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider over a REST-mode client: each test is named after the OpenFeature requirement it proves. */
class RestProviderTest {
    static final Map<String, String> ACME = Map.of("id", "acme");
    static final String DOMAIN = "rest-provider-test";

    FakeSchematic fake;
    Schematic schematic;
    OpenFeatureAPI api;
    Client client;

    @BeforeEach
    void start() {
        fake = FakeSchematic.start();
        schematic = Clients.rest(fake).build();
        api = OpenFeatureAPI.createIsolated();
        api.setProviderAndWait(DOMAIN, new SchematicProvider(schematic));
        client = api.getClient(DOMAIN);
    }

    @AfterEach
    void stop() {
        api.shutdown();
        schematic.close();
        fake.close();
    }

    @Test
    void req_2_1_1_theProviderIsNamedSchematic() {
        assertEquals("schematic", api.getProviderMetadata(DOMAIN).getName());
        assertEquals(ProviderState.READY, client.getProviderState(), "no DataStream: ready at once");
    }

    @Test
    void req_2_2_3_theValueComesFromSchematicForTheContextsCompanyAndUser() {
        fake.flag("new-ui").defaultValue(false).forCompany(ACME, true);
        fake.flag("beta").defaultValue(false).forUser(Map.of("email", "ada@acme.io"), true);
        assertTrue(client.getBooleanValue("new-ui", false, context(ACME, Map.of())));
        assertFalse(client.getBooleanValue("new-ui", true, context(Map.of("id", "globex"), Map.of())));
        assertTrue(client.getBooleanValue("beta", false, context(Map.of(), Map.of("email", "ada@acme.io"))));
        var body = fake.requests("POST", "/flags/new-ui").get(0).bodyJson();
        assertEquals("acme", body.getJsonObject("company").getString("id"));
    }

    @Test
    void req_2_2_3_numberAndBooleanKeysAreSentAsTheirText() {
        fake.flag("new-ui").defaultValue(false).forCompany(Map.of("id", "42", "vip", "true"), true);
        assertTrue(client.getBooleanValue("new-ui", false, context(Map.of("id", 42, "vip", true), Map.of())));
    }

    @Test
    void req_2_2_3_aContextWithoutCompanyOrUserEvaluatesWithNoKeysAsCheckFlagDoes() {
        fake.flag("global").defaultValue(true);
        assertTrue(client.getBooleanValue("global", false));
        assertEquals(schematic.checkFlag("global"), client.getBooleanValue("global", false, new ImmutableContext()));
        var body = fake.requests("POST", "/flags/global").get(0).bodyJson();
        assertTrue(
                body.getJsonObject("company") == null
                        || body.getJsonObject("company").isEmpty(),
                body::toString);
    }

    @Test
    void req_2_2_3_theTargetingKeyIsIgnoredUnlessMappedToAUserKey() {
        fake.flag("beta").defaultValue(false).forUser(Map.of("id", "u1"), true);
        assertFalse(client.getBooleanValue("beta", false, new ImmutableContext("u1")));
        String other = "rest-provider-test-targeting";
        api.setProviderAndWait(
                other,
                new SchematicProvider(
                        schematic, SchematicProviderOptions.defaults().withTargetingKeyAsUserKey("id")));
        Client mapped = api.getClient(other);
        assertTrue(mapped.getBooleanValue("beta", false, new ImmutableContext("u1")));
        assertFalse(
                mapped.getBooleanValue(
                        "beta",
                        false,
                        new ImmutableContext("u1", Map.of("user", Clients.structure(Map.of("id", "u2"))))),
                "the user attribute's own id wins over the targeting key");
    }

    @Test
    void req_2_2_4_theVariantIsTheValuesText() {
        fake.flag("new-ui").defaultValue(false).forCompany(ACME, true);
        assertEquals(
                "true",
                client.getBooleanDetails("new-ui", false, context(ACME, Map.of()))
                        .getVariant());
        assertEquals(
                "false",
                client.getBooleanDetails("new-ui", true, context(Map.of(), Map.of()))
                        .getVariant());
    }

    @Test
    void req_2_2_5_aRuleMatchIsTargetingMatchAndNoRuleIsDefault() {
        fake.flag("new-ui").defaultValue(false).forCompany(ACME, true);
        assertEquals(
                Reason.TARGETING_MATCH.name(),
                client.getBooleanDetails("new-ui", false, context(ACME, Map.of()))
                        .getReason());
        assertEquals(
                Reason.DEFAULT.name(),
                client.getBooleanDetails("new-ui", false, context(Map.of("id", "x"), Map.of()))
                        .getReason());
    }

    @Test
    void req_2_2_5_aCachedAnswerIsCached() {
        fake.flag("new-ui").defaultValue(false).forCompany(ACME, true);
        try (Schematic cached = Clients.rest(fake)
                .cacheEnabled(true)
                .cacheTtl(Duration.ofMinutes(5))
                .build()) {
            api.setProviderAndWait("cached", new SchematicProvider(cached));
            Client c = api.getClient("cached");
            assertEquals(
                    Reason.TARGETING_MATCH.name(),
                    c.getBooleanDetails("new-ui", false, context(ACME, Map.of()))
                            .getReason());
            FlagEvaluationDetails<Boolean> again = c.getBooleanDetails("new-ui", false, context(ACME, Map.of()));
            assertEquals(Reason.CACHED.name(), again.getReason());
            assertTrue(again.getValue());
        }
    }

    @Test
    void req_2_2_6_aNormalEvaluationHasNoErrorCode() {
        fake.flag("new-ui").defaultValue(true);
        FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("new-ui", false);
        assertNull(d.getErrorCode());
        assertNull(d.getErrorMessage());
        assertTrue(d.getValue());
    }

    @Test
    void req_2_2_7_anUnknownFlagIsFlagNotFoundWithTheCallersDefault() {
        FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("missing", true);
        assertEquals(ErrorCode.FLAG_NOT_FOUND, d.getErrorCode());
        assertEquals(Reason.ERROR.name(), d.getReason());
        assertTrue(d.getValue());
        assertTrue(d.getErrorMessage().contains("missing"), d::getErrorMessage);
    }

    @Test
    void req_2_2_7_aFailedCheckIsGeneralWithTheCallersDefault() {
        fake.flag("new-ui").defaultValue(false);
        fake.failNext("/flags/", 1, 500);
        FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("new-ui", true);
        assertEquals(ErrorCode.GENERAL, d.getErrorCode());
        assertEquals(Reason.ERROR.name(), d.getReason());
        assertTrue(d.getValue());
    }

    @Test
    void req_2_2_7_nonBooleanEvaluationsAreTypeMismatchWithTheDefault() {
        fake.flag("new-ui").defaultValue(true);
        FlagEvaluationDetails<String> s = client.getStringDetails("new-ui", "x");
        assertEquals(ErrorCode.TYPE_MISMATCH, s.getErrorCode());
        assertEquals("x", s.getValue());
        assertEquals(
                ErrorCode.TYPE_MISMATCH, client.getIntegerDetails("new-ui", 7).getErrorCode());
        assertEquals(7, client.getIntegerValue("new-ui", 7));
        assertEquals(1.5, client.getDoubleValue("new-ui", 1.5));
        assertEquals(
                ErrorCode.TYPE_MISMATCH, client.getDoubleDetails("new-ui", 1.5).getErrorCode());
        Value v = new Value("obj");
        assertEquals(
                ErrorCode.TYPE_MISMATCH, client.getObjectDetails("new-ui", v).getErrorCode());
        assertEquals(0, fake.requests("POST", "/flags/").size(), "Schematic is not asked");
    }

    @Test
    void req_2_2_7_aContextWhoseCompanyIsNotAStructureIsInvalidContextNamingIt() {
        fake.flag("new-ui").defaultValue(false);
        FlagEvaluationDetails<Boolean> d =
                client.getBooleanDetails("new-ui", true, new ImmutableContext(Map.of("company", new Value("acme"))));
        assertEquals(ErrorCode.INVALID_CONTEXT, d.getErrorCode());
        assertTrue(d.getValue());
        assertTrue(d.getErrorMessage().contains("'company'"), d::getErrorMessage);
        FlagEvaluationDetails<Boolean> nested =
                client.getBooleanDetails("new-ui", true, context(Map.of(), Map.of("id", Map.of("a", "b"))));
        assertTrue(nested.getErrorMessage().contains("'user.id'"), nested::getErrorMessage);
    }

    @Test
    void req_2_2_9_flagMetadataCarriesRuleAndEntitlement() {
        fake.flag("api-calls")
                .defaultValue(false)
                .forCompany(ACME, true, "rule_1", "Acme override")
                .entitlement("{\"feature_id\":\"feat_1\",\"feature_key\":\"api-calls\",\"value_type\":\"numeric\","
                        + "\"allocation\":100,\"usage\":42,\"metric_period\":\"current_month\"}");
        var m = client.getBooleanDetails("api-calls", false, context(ACME, Map.of()))
                .getFlagMetadata();
        assertEquals("rule_1", m.getString("ruleId"));
        assertEquals("company_override", m.getString("ruleType"));
        assertEquals(100L, m.getLong("entitlementAllocation"));
        assertEquals(42L, m.getLong("entitlementUsage"));
        assertEquals("current_month", m.getString("entitlementPeriod"));
        assertEquals("API", m.getString("source"));
    }

    @Test
    void req_3_2_3_clientAndInvocationContextsAreMergedBeforeMapping() {
        fake.flag("beta").defaultValue(false).forCompany(ACME, true);
        client.setEvaluationContext(context(ACME, Map.of()));
        assertTrue(client.getBooleanValue("beta", false, context(Map.of(), Map.of("email", "ada@acme.io"))));
        var body = fake.requests("POST", "/flags/beta").get(0).bodyJson();
        assertEquals("acme", body.getJsonObject("company").getString("id"));
        assertEquals("ada@acme.io", body.getJsonObject("user").getString("email"));
    }

    @Test
    void req_2_2_5_aStaleAnswerServedWhileTheApiFailsIsCached() throws Exception {
        fake.flag("new-ui").defaultValue(false).forCompany(ACME, true);
        try (Schematic stale = Clients.rest(fake)
                .cacheEnabled(true)
                .cacheTtl(Duration.ofMillis(1))
                .cacheMaxStale(Duration.ofMinutes(5))
                .build()) {
            api.setProviderAndWait("stale", new SchematicProvider(stale));
            Client c = api.getClient("stale");
            assertTrue(c.getBooleanValue("new-ui", false, context(ACME, Map.of())));
            Thread.sleep(20);
            fake.failNext("/flags/", 1, 500);
            FlagEvaluationDetails<Boolean> d = c.getBooleanDetails("new-ui", false, context(ACME, Map.of()));
            assertEquals(Reason.CACHED.name(), d.getReason());
            assertNull(d.getErrorCode());
            assertTrue(d.getValue());
            assertEquals("STALE", d.getFlagMetadata().getString("source"));
            assertTrue(d.getFlagMetadata().getString("staleBecause") != null);
        }
    }
}
