package dev.schematic.internal.webhooks;

import dev.schematic.webhooks.WebhookEvents;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;

/**
 * The JSON every Schematic webhook delivers, with its event-specific {@code body} left as raw JSON. {@link
 * WebhookEvents#parse(byte[])} maps the body to its record.
 *
 * @param action the event type, e.g. {@code company.created} (see {@code WebhookRequestType})
 * @param accountId the Schematic account, {@code acct_...}
 * @param environmentId the environment, {@code env_...}
 * @param objectType the kind of object in {@code body}, e.g. {@code company}
 * @param companyId the company, on company-scoped and trigger events
 * @param featureId the feature, on entitlement trigger events
 * @param body the event-specific payload as sent
 */
public record WebhookEnvelope(
        @JsonbProperty("action") String action,
        @JsonbProperty("account_id") String accountId,
        @JsonbProperty("environment_id") String environmentId,
        @JsonbProperty("object_type") String objectType,
        @JsonbProperty("company_id") String companyId,
        @JsonbProperty("feature_id") String featureId,
        @JsonbProperty("body") JsonValue body) {}
