package dev.schematic.internal.telemetry.otel;

import dev.schematic.EvaluationContext;
import dev.schematic.FlagCheck;
import dev.schematic.internal.telemetry.CheckObserver;
import dev.schematic.internal.telemetry.CheckOutcome;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;

/**
 * Records each check as a {@code feature_flag.evaluation} event on the current span, with the attributes of the
 * OpenTelemetry feature-flag semantic conventions. Nothing is built when no span is recording.
 */
final class FlagEvaluationSpans implements CheckObserver {
    static final String EVENT = "feature_flag.evaluation";
    static final AttributeKey<String> KEY = AttributeKey.stringKey("feature_flag.key");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("feature_flag.provider.name");
    static final AttributeKey<String> VALUE = AttributeKey.stringKey("feature_flag.result.value");
    static final AttributeKey<String> VARIANT = AttributeKey.stringKey("feature_flag.result.variant");
    static final AttributeKey<String> REASON = AttributeKey.stringKey("feature_flag.result.reason");
    static final AttributeKey<String> CONTEXT_ID = AttributeKey.stringKey("feature_flag.context.id");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> ERROR_MESSAGE = AttributeKey.stringKey("error.message");
    static final AttributeKey<String> SOURCE = AttributeKey.stringKey("schematic.source");
    static final AttributeKey<String> SCHEMATIC_REASON = AttributeKey.stringKey("schematic.reason");
    static final AttributeKey<String> COMPANY_ID = AttributeKey.stringKey("schematic.company.id");
    static final AttributeKey<String> USER_ID = AttributeKey.stringKey("schematic.user.id");
    static final AttributeKey<String> RULE_ID = AttributeKey.stringKey("schematic.rule.id");

    @Override
    public void checked(FlagCheck check, EvaluationContext context, long nanos) {
        Span span = Span.current();
        if (!span.isRecording()) {
            return;
        }
        CheckOutcome outcome = CheckOutcome.of(check);
        String value = Boolean.toString(check.value());
        AttributesBuilder a = Attributes.builder()
                .put(KEY, check.flag())
                .put(PROVIDER, "schematic")
                .put(VALUE, value)
                .put(VARIANT, value)
                .put(REASON, outcome.reason())
                .put(SOURCE, outcome.source());
        putIfPresent(a, CONTEXT_ID, check.companyId() != null ? check.companyId() : check.userId());
        putIfPresent(a, COMPANY_ID, check.companyId());
        putIfPresent(a, USER_ID, check.userId());
        putIfPresent(a, RULE_ID, check.ruleId());
        putIfPresent(a, SCHEMATIC_REASON, check.reason());
        if (outcome.errorType() != null) {
            a.put(ERROR_TYPE, outcome.errorType());
            putIfPresent(a, ERROR_MESSAGE, check.error());
        }
        span.addEvent(EVENT, a.build());
    }

    private static void putIfPresent(AttributesBuilder a, AttributeKey<String> key, String value) {
        if (value != null) {
            a.put(key, value);
        }
    }
}
