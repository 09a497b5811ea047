package dev.schematic.webhooks;

import dev.schematic.api.model.BillingSubscriptionView;
import dev.schematic.api.model.CompanyDetailResponseData;
import dev.schematic.api.model.CompanyOverrideResponseData;
import dev.schematic.api.model.CreditsAutoTopupHardFailure;
import dev.schematic.api.model.CreditsAutoTopupRetryFailure;
import dev.schematic.api.model.CreditsAutoTopupSuccess;
import dev.schematic.api.model.CreditsCreditPurchaseSuccess;
import dev.schematic.api.model.FeatureDetailResponseData;
import dev.schematic.api.model.FlagDetailResponseData;
import dev.schematic.api.model.PlanChangeResponseData;
import dev.schematic.api.model.PlanDetailResponseData;
import dev.schematic.api.model.PlanEntitlementResponseData;
import dev.schematic.api.model.PlanVersionResponseData;
import dev.schematic.api.model.RuleDetailResponseData;
import dev.schematic.api.model.UserDetailResponseData;
import dev.schematic.api.model.WebFeatureUsageWebhookOutput;
import dev.schematic.api.model.WebScheduledDowngradeWebhookOutput;
import dev.schematic.api.model.WebhookRequestType;
import dev.schematic.internal.http.JsonMapping;
import dev.schematic.internal.webhooks.WebhookEnvelope;
import dev.schematic.webhooks.WebhookPayloadException.Reason;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Parses verified webhook bodies into {@link WebhookEvent}s with the body mapped by action, as Schematic documents:
 *
 * <pre>{@code
 * WebhookEvent<?> event = WebhookEvents.parse(body);                      // body type chosen by action
 * WebhookEvent<CompanyDetailResponseData> company =
 *         WebhookEvents.parse(body, CompanyDetailResponseData.class);     // when the endpoint knows the type
 * }</pre>
 *
 * Parse only bytes that passed {@link WebhookVerifier}: the signature covers the raw bytes, not the parsed values.
 */
public final class WebhookEvents {
    /**
     * How deeply a webhook body may nest arrays and objects. Schematic's payloads nest about ten levels; deeper ones
     * are refused before parsing ({@link WebhookPayloadException.Reason#TOO_DEEP}).
     */
    public static final int MAX_DEPTH = 64;

    private static final Map<WebhookRequestType, Class<?>> BODY_TYPES = bodyTypes();

    private WebhookEvents() {}

    /**
     * The event in {@code json}, its body mapped to the record documented for its action, or left as {@link JsonValue}
     * for actions without a documented body or unknown to this SDK.
     *
     * @throws WebhookPayloadException if {@code json} is not a webhook envelope or its body does not fit the record
     */
    public static WebhookEvent<?> parse(byte[] json) {
        WebhookEnvelope envelope = parseEnvelope(json);
        Class<?> type = BODY_TYPES.getOrDefault(WebhookRequestType.of(envelope.action()), JsonValue.class);
        return new WebhookEvent<>(envelope, body(envelope, type));
    }

    /** {@link #parse(byte[])} for a body held as a string. */
    public static WebhookEvent<?> parse(String json) {
        return parse(json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The event in {@code json} with its body mapped to {@code bodyType}, whatever the action says.
     *
     * @throws WebhookPayloadException if {@code json} is not a webhook envelope or its body does not fit
     */
    public static <T> WebhookEvent<T> parse(byte[] json, Class<T> bodyType) {
        WebhookEnvelope envelope = parseEnvelope(json);
        return new WebhookEvent<>(envelope, body(envelope, bodyType));
    }

    /** The record Schematic documents for the body of {@code type}, if any. */
    public static Optional<Class<?>> bodyType(WebhookRequestType type) {
        return Optional.ofNullable(BODY_TYPES.get(type));
    }

    /**
     * The envelope in {@code json}, its {@code body} left as raw JSON: what {@link WebhookSignatureFilter} checks
     * before a resource runs. Never throws anything but {@link WebhookPayloadException}.
     *
     * @throws WebhookPayloadException if {@code json} is empty, not JSON, not an object, nested deeper than {@link
     *     #MAX_DEPTH}, or has no string {@code action}
     */
    public static WebhookEnvelope parseEnvelope(byte[] json) {
        if (json == null || isBlank(json)) {
            throw new WebhookPayloadException(Reason.EMPTY, "Webhook body is empty", null);
        }
        if (JsonNesting.deeperThan(json, MAX_DEPTH)) {
            throw new WebhookPayloadException(
                    Reason.TOO_DEEP, "Webhook body nests deeper than " + MAX_DEPTH + " levels", null);
        }
        JsonValue value;
        try (JsonParser parser = Json.createParser(new StringReader(new String(json, StandardCharsets.UTF_8)))) {
            parser.next();
            value = parser.getValue();
            if (parser.hasNext()) {
                // a JSON reader stops after the first value; a body with more after it is not one JSON text
                throw new WebhookPayloadException(Reason.NOT_JSON, "Webhook body is not valid JSON", null);
            }
        } catch (WebhookPayloadException e) {
            throw e;
        } catch (RuntimeException e) {
            // JsonParsingException, or a JsonException from the provider: the parser's message may quote the body
            throw new WebhookPayloadException(Reason.NOT_JSON, "Webhook body is not valid JSON", e);
        }
        if (!(value instanceof JsonObject object)) {
            throw new WebhookPayloadException(Reason.NOT_AN_OBJECT, "Webhook body is not a JSON object", null);
        }
        String action = text(object, "action");
        if (action == null || action.isEmpty()) {
            throw new WebhookPayloadException(Reason.NOT_AN_ENVELOPE, "Webhook body has no action", null);
        }
        return new WebhookEnvelope(
                action,
                text(object, "account_id"),
                text(object, "environment_id"),
                text(object, "object_type"),
                text(object, "company_id"),
                text(object, "feature_id"),
                object.get("body"));
    }

    private static String text(JsonObject object, String field) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new WebhookPayloadException(Reason.NOT_AN_ENVELOPE, "Webhook field " + field + " is not a string", null);
    }

    private static boolean isBlank(byte[] json) {
        for (byte b : json) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static <T> T body(WebhookEnvelope envelope, Class<T> type) {
        JsonValue raw = envelope.body();
        if (raw == null || raw.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (type.isInstance(raw)) {
            return type.cast(raw);
        }
        try {
            return JsonMapping.jsonb().fromJson(raw.toString(), type);
        } catch (RuntimeException e) {
            // JsonbException, or whatever the binder lets through: the cause keeps its message (it may quote values)
            throw new WebhookPayloadException(
                    Reason.BODY_MISMATCH,
                    "Body of " + envelope.action() + " webhook is not a " + type.getSimpleName(),
                    e);
        }
    }

    private static Map<WebhookRequestType, Class<?>> bodyTypes() {
        Map<WebhookRequestType, Class<?>> m = new LinkedHashMap<>();
        m.put(WebhookRequestType.COMPANY_CREATED, CompanyDetailResponseData.class);
        m.put(WebhookRequestType.COMPANY_UPDATED, CompanyDetailResponseData.class);
        m.put(WebhookRequestType.COMPANY_DELETED, CompanyDetailResponseData.class);
        m.put(WebhookRequestType.COMPANY_PLAN_CHANGED, PlanChangeResponseData.class);
        m.put(WebhookRequestType.COMPANY_SCHEDULED_DOWNGRADE, WebScheduledDowngradeWebhookOutput.class);
        m.put(WebhookRequestType.COMPANY_OVERRIDE_CREATED, CompanyOverrideResponseData.class);
        m.put(WebhookRequestType.COMPANY_OVERRIDE_UPDATED, CompanyOverrideResponseData.class);
        m.put(WebhookRequestType.COMPANY_OVERRIDE_DELETED, CompanyOverrideResponseData.class);
        m.put(WebhookRequestType.COMPANY_OVERRIDE_EXPIRED, CompanyOverrideResponseData.class);
        m.put(WebhookRequestType.USER_CREATED, UserDetailResponseData.class);
        m.put(WebhookRequestType.USER_UPDATED, UserDetailResponseData.class);
        m.put(WebhookRequestType.USER_DELETED, UserDetailResponseData.class);
        m.put(WebhookRequestType.FEATURE_CREATED, FeatureDetailResponseData.class);
        m.put(WebhookRequestType.FEATURE_UPDATED, FeatureDetailResponseData.class);
        m.put(WebhookRequestType.FEATURE_DELETED, FeatureDetailResponseData.class);
        m.put(WebhookRequestType.FLAG_CREATED, FlagDetailResponseData.class);
        m.put(WebhookRequestType.FLAG_UPDATED, FlagDetailResponseData.class);
        m.put(WebhookRequestType.FLAG_DELETED, FlagDetailResponseData.class);
        m.put(WebhookRequestType.FLAG_RULES_UPDATED, RuleDetailResponseData.class);
        m.put(WebhookRequestType.RULE_DELETED, RuleDetailResponseData.class);
        m.put(WebhookRequestType.PLAN_CREATED, PlanDetailResponseData.class);
        m.put(WebhookRequestType.PLAN_UPDATED, PlanDetailResponseData.class);
        m.put(WebhookRequestType.PLAN_DELETED, PlanDetailResponseData.class);
        m.put(WebhookRequestType.PLAN_VERSION_DELETED, PlanVersionResponseData.class);
        m.put(WebhookRequestType.PLAN_ENTITLEMENT_CREATED, PlanEntitlementResponseData.class);
        m.put(WebhookRequestType.PLAN_ENTITLEMENT_UPDATED, PlanEntitlementResponseData.class);
        m.put(WebhookRequestType.PLAN_ENTITLEMENT_DELETED, PlanEntitlementResponseData.class);
        m.put(WebhookRequestType.SUBSCRIPTION_TRIAL_ENDED, BillingSubscriptionView.class);
        m.put(WebhookRequestType.ENTITLEMENT_LIMIT_REACHED, WebFeatureUsageWebhookOutput.class);
        m.put(WebhookRequestType.ENTITLEMENT_LIMIT_WARNING, WebFeatureUsageWebhookOutput.class);
        m.put(WebhookRequestType.ENTITLEMENT_SOFT_LIMIT_REACHED, WebFeatureUsageWebhookOutput.class);
        m.put(WebhookRequestType.ENTITLEMENT_SOFT_LIMIT_WARNING, WebFeatureUsageWebhookOutput.class);
        m.put(WebhookRequestType.ENTITLEMENT_TIER_LIMIT_REACHED, WebFeatureUsageWebhookOutput.class);
        m.put(WebhookRequestType.ENTITLEMENT_TIER_LIMIT_WARNING, WebFeatureUsageWebhookOutput.class);
        m.put(WebhookRequestType.CREDIT_PURCHASE_SUCCESS, CreditsCreditPurchaseSuccess.class);
        m.put(WebhookRequestType.AUTO_TOPUP_SUCCESS, CreditsAutoTopupSuccess.class);
        m.put(WebhookRequestType.AUTO_TOPUP_HARD_FAILURE, CreditsAutoTopupHardFailure.class);
        m.put(WebhookRequestType.AUTO_TOPUP_RETRY_EXCEEDED, CreditsAutoTopupRetryFailure.class);
        // credit.limit.reached, credit.limit.warning and test.send have no documented body: they stay raw JSON.
        return Map.copyOf(m);
    }
}
