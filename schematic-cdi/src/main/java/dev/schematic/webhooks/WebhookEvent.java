package dev.schematic.webhooks;

import dev.schematic.api.model.WebhookRequestType;
import dev.schematic.internal.webhooks.WebhookEnvelope;
import jakarta.json.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed Schematic webhook: the envelope fields and the body mapped to the record its action documents, e.g. a
 * {@code CompanyDetailResponseData} for {@code company.created}. Actions without a documented body ({@code test.send},
 * {@code credit.limit.*}) and actions this SDK does not know keep the raw JSON ({@link JsonValue}) as body.
 *
 * <pre>{@code
 * WebhookEvent<?> event = WebhookEvents.parse(body);
 * if (event.type().equals(WebhookRequestType.COMPANY_UPDATED)) {
 *     CompanyDetailResponseData company = event.bodyAs(CompanyDetailResponseData.class).orElseThrow();
 * }
 * }</pre>
 *
 * @param envelope the envelope as received, with the raw body
 * @param body the typed body ({@code null} when the webhook carried none)
 * @param <T> the body's type
 */
public record WebhookEvent<T>(WebhookEnvelope envelope, T body) {
    public WebhookEvent {
        Objects.requireNonNull(envelope, "envelope");
    }

    /** The event type as an open enum: an action unknown to this SDK is kept, with {@code isKnown()} false. */
    public WebhookRequestType type() {
        return WebhookRequestType.of(action());
    }

    /** The event type as sent, e.g. {@code company.created}. */
    public String action() {
        return envelope.action();
    }

    public String accountId() {
        return envelope.accountId();
    }

    public String environmentId() {
        return envelope.environmentId();
    }

    public String objectType() {
        return envelope.objectType();
    }

    /** Present on company-scoped and trigger events. */
    public Optional<String> companyId() {
        return Optional.ofNullable(envelope.companyId());
    }

    /** Present on entitlement trigger events. */
    public Optional<String> featureId() {
        return Optional.ofNullable(envelope.featureId());
    }

    /** The body as sent, whatever its type. */
    public JsonValue rawBody() {
        return envelope.body() == null ? JsonValue.NULL : envelope.body();
    }

    /** The body, if it is a {@code type}. */
    public <B> Optional<B> bodyAs(Class<B> type) {
        return type.isInstance(body) ? Optional.of(type.cast(body)) : Optional.empty();
    }
}
