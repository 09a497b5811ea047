package dev.schematic.internal.telemetry;

import dev.schematic.FlagCheck;
import java.util.Locale;

/**
 * A check's answer in the vocabulary of the OpenTelemetry feature-flag conventions: the {@code feature_flag.result
 * .reason} value and, on failure, the {@code error.type}. Both are low-cardinality, so meters can use them as tags;
 * Schematic's own reason text stays on the span event.
 *
 * @param source where the answer came from, lower case: {@code api}, {@code cache}, {@code default}, {@code local},
 *     {@code stale}
 * @param reason {@code targeting_match} (a rule matched), {@code static} (a global override), {@code default} (no
 *     rule matched: the flag's default, or the SDK's offline default), {@code cached}, {@code stale}, or {@code error}
 * @param errorType when the check failed, else {@code null}: {@code flag_not_found}, {@code provider_not_ready} (the
 *     client is closed) or {@code general}
 */
public record CheckOutcome(String source, String reason, String errorType) {

    public static CheckOutcome of(FlagCheck c) {
        FlagCheck.Source s = c.source() == null ? FlagCheck.Source.DEFAULT : c.source();
        String source = s.name().toLowerCase(Locale.ROOT);
        return switch (c.outcome()) {
            case FLAG_NOT_FOUND -> new CheckOutcome(source, "error", "flag_not_found");
            case CLIENT_CLOSED -> new CheckOutcome(source, "error", "provider_not_ready");
            case FAILED -> new CheckOutcome(source, "error", "general");
            case DEFAULTED -> new CheckOutcome(source, "default", null);
            case EVALUATED ->
                switch (s) {
                    case CACHE -> new CheckOutcome(source, "cached", null);
                    case STALE -> new CheckOutcome(source, "stale", null);
                    default -> new CheckOutcome(source, reason(c.ruleMatch()), null);
                };
        };
    }

    /** {@link FlagCheck#ruleMatch()} in the conventions' lower case. */
    static String reason(FlagCheck.RuleMatch match) {
        return switch (match) {
            case DEFAULT -> "default";
            case STATIC -> "static";
            case TARGETING_MATCH -> "targeting_match";
        };
    }
}
