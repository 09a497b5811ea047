package dev.schematic.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.api.model.CompanyDetailResponseData;
import dev.schematic.api.model.CreditsCreditPurchaseSuccess;
import dev.schematic.api.model.PlanChangeResponseData;
import dev.schematic.api.model.UserDetailResponseData;
import dev.schematic.api.model.WebFeatureUsageWebhookOutput;
import dev.schematic.api.model.WebhookRequestType;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verified bytes to typed events: the body record follows the action, as Schematic documents it. */
class WebhookEventsTest {
    static String envelope(String action, String body) {
        return "{\"action\":\"" + action + "\",\"account_id\":\"acct_1\",\"environment_id\":\"env_1\","
                + "\"object_type\":\"company\",\"company_id\":\"comp_1\",\"body\":" + body + "}";
    }

    @Test
    void theSignedVectorTwoParsesToACompanyWithItsUnicodeName() {
        WebhookEvent<?> event = WebhookEvents.parse(WebhookVerifierTest.BODY_2.getBytes(StandardCharsets.UTF_8));
        assertEquals(WebhookRequestType.COMPANY_CREATED, event.type());
        assertEquals("company.created", event.action());
        assertEquals("acct_123", event.accountId());
        assertEquals("env_456", event.environmentId());
        assertEquals("company", event.objectType());
        assertTrue(event.companyId().isEmpty());
        assertTrue(event.featureId().isEmpty());
        CompanyDetailResponseData company = assertInstanceOf(CompanyDetailResponseData.class, event.body());
        assertEquals("comp_789", company.id());
        assertEquals("Caf\u00e9 \u2615 GmbH", company.name());
        assertEquals("comp_789", event.rawBody().asJsonObject().getString("id"));
    }

    @Test
    void everyKnownActionExceptTheUndocumentedOnesHasABodyType() {
        List<WebhookRequestType> untyped = WebhookRequestType.knownValues().stream()
                .filter(t -> WebhookEvents.bodyType(t).isEmpty())
                .toList();
        assertEquals(41, WebhookRequestType.knownValues().size());
        assertEquals(
                List.of(
                        WebhookRequestType.CREDIT_LIMIT_REACHED,
                        WebhookRequestType.CREDIT_LIMIT_WARNING,
                        WebhookRequestType.TEST_SEND),
                untyped);
    }

    @Test
    void everyTypedActionParsesAnEmptyObjectBodyToItsRecord() {
        for (WebhookRequestType type : WebhookRequestType.knownValues()) {
            WebhookEvent<?> event = WebhookEvents.parse(envelope(type.value(), "{}"));
            Class<?> expected = WebhookEvents.bodyType(type).orElse(JsonValue.class);
            assertTrue(expected.isInstance(event.body()), type + " gave " + event.body());
        }
    }

    @Test
    void entitlementTriggersReadThePascalCaseKeysOfTheSpec() {
        String body = "{\"Entitlement\":\"ent_1\",\"Allocation\":100,\"Usage\":90,"
                + "\"MetricResetAt\":\"2024-09-01T00:00:00Z\",\"company\":{\"id\":\"comp_1\",\"name\":\"Acme\"}}";
        WebhookEvent<?> event = WebhookEvents.parse(
                envelope("entitlement.limit.warning", body).replace("\"body\"", "\"feature_id\":\"feat_1\",\"body\""));
        WebFeatureUsageWebhookOutput usage =
                event.bodyAs(WebFeatureUsageWebhookOutput.class).orElseThrow();
        assertEquals("ent_1", usage.entitlement());
        assertEquals(100L, usage.allocation());
        assertEquals(90L, usage.usage());
        assertEquals(OffsetDateTime.parse("2024-09-01T00:00:00Z"), usage.metricResetAt());
        assertEquals("Acme", usage.company().name());
        assertEquals("feat_1", event.featureId().orElseThrow());
        assertEquals("comp_1", event.companyId().orElseThrow());
    }

    @Test
    void creditPurchasesAndPlanChangesMapToTheirRecords() {
        CreditsCreditPurchaseSuccess purchase = assertInstanceOf(
                CreditsCreditPurchaseSuccess.class,
                WebhookEvents.parse(envelope(
                                "credit.purchase.success",
                                "{\"bundle_id\":\"b_1\",\"bundle_name\":\"Starter\",\"grant_ids\":[\"g_1\",\"g_2\"],"
                                        + "\"quantity\":3,\"company\":{\"id\":\"comp_1\",\"name\":\"Acme\"}}"))
                        .body());
        assertEquals(List.of("g_1", "g_2"), purchase.grantIds());
        assertEquals(3L, purchase.quantity());

        PlanChangeResponseData change = assertInstanceOf(
                PlanChangeResponseData.class,
                WebhookEvents.parse(envelope(
                                "company.plan_changed",
                                "{\"id\":\"pc_1\",\"action\":\"checkout\",\"actor_type\":\"system\","
                                        + "\"subscription_change_action\":\"upgrade\",\"somethingNew\":true}"))
                        .body());
        assertEquals("pc_1", change.id());
        assertEquals("checkout", change.action().value());
        assertEquals("upgrade", change.subscriptionChangeAction().value());
    }

    @Test
    void unknownActionsAndTestSendsKeepTheRawBody() {
        WebhookEvent<?> future = WebhookEvents.parse(envelope("invoice.paid", "{\"amount\":12}"));
        assertFalse(future.type().isKnown());
        assertEquals("invoice.paid", future.type().value());
        JsonObject raw = assertInstanceOf(JsonObject.class, future.body());
        assertEquals(12, raw.getInt("amount"));

        WebhookEvent<?> test = WebhookEvents.parse(envelope("test.send", "{\"request_type\":\"company.created\"}"));
        assertEquals(WebhookRequestType.TEST_SEND, test.type());
        assertEquals(
                "company.created", test.bodyAs(JsonObject.class).orElseThrow().getString("request_type"));
    }

    @Test
    void aMissingOrNullBodyIsNull() {
        WebhookEvent<?> event = WebhookEvents.parse("{\"action\":\"user.deleted\"}");
        assertNull(event.body());
        assertEquals(JsonValue.NULL, event.rawBody());
        assertNull(WebhookEvents.parse(envelope("user.deleted", "null")).body());
    }

    @Test
    void anExplicitBodyTypeOverridesTheAction() {
        WebhookEvent<UserDetailResponseData> event = WebhookEvents.parse(
                envelope("test.send", "{\"id\":\"user_1\",\"name\":\"Ada\"}").getBytes(StandardCharsets.UTF_8),
                UserDetailResponseData.class);
        assertEquals("Ada", event.body().name());
    }

    @Test
    void malformedPayloadsFailWithAWebhookPayloadException() {
        assertThrows(WebhookPayloadException.class, () -> WebhookEvents.parse("not json"));
        assertThrows(WebhookPayloadException.class, () -> WebhookEvents.parse("{\"body\":{}}"));
        assertThrows(WebhookPayloadException.class, () -> WebhookEvents.parse(envelope("company.created", "[1,2]")));
        assertThrows(WebhookPayloadException.class, () -> WebhookEvents.parse(new byte[0]));
    }

    static WebhookPayloadException.Reason reasonFor(String json) {
        return assertThrows(WebhookPayloadException.class, () -> WebhookEvents.parse(json))
                .reason();
    }

    @Test
    void eachKindOfUnusablePayloadHasItsReason() {
        assertEquals(WebhookPayloadException.Reason.EMPTY, reasonFor(""));
        assertEquals(WebhookPayloadException.Reason.EMPTY, reasonFor(" \n"));
        assertEquals(WebhookPayloadException.Reason.NOT_JSON, reasonFor("not json"));
        assertEquals(WebhookPayloadException.Reason.NOT_JSON, reasonFor("{\"action\":"));
        assertEquals(WebhookPayloadException.Reason.NOT_AN_OBJECT, reasonFor("[1,2]"));
        assertEquals(WebhookPayloadException.Reason.NOT_AN_ENVELOPE, reasonFor("{\"body\":{}}"));
        assertEquals(WebhookPayloadException.Reason.NOT_AN_ENVELOPE, reasonFor("{\"action\":true}"));
        assertEquals(WebhookPayloadException.Reason.BODY_MISMATCH, reasonFor(envelope("company.created", "[1,2]")));
    }

    @Test
    void nestingIsBoundedBeforeAnyParserRecurses() {
        String deep = envelope("company.created", "[".repeat(5000) + "]".repeat(5000));
        WebhookPayloadException e = assertThrows(WebhookPayloadException.class, () -> WebhookEvents.parse(deep));
        assertEquals(WebhookPayloadException.Reason.TOO_DEEP, e.reason());
        assertEquals("Webhook body nests deeper than 64 levels", e.getMessage());
        // brackets inside strings are text, not nesting
        String inAString = envelope("test.send", "\"" + "[{".repeat(5000) + "\"");
        assertEquals("test.send", WebhookEvents.parse(inAString).action());
        String escapedQuote = envelope("test.send", "\"\\\"[[[[\"");
        assertEquals("test.send", WebhookEvents.parse(escapedQuote).action());
    }

    @Test
    void parserFailuresNeverLeakAsParserExceptions() {
        for (String bad : List.of("\u0000", "{\"action\":\"x\"}}", "{\"action\":\"x\",}", "nul")) {
            WebhookPayloadException e = assertThrows(WebhookPayloadException.class, () -> WebhookEvents.parse(bad));
            assertTrue(e.getMessage().startsWith("Webhook "), e.getMessage());
        }
    }
}
