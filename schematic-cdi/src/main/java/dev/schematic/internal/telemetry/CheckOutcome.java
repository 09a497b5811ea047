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
 * @param reason {@code targeting_match} (a rule matched), {@code default} (no rule matched: the flag's default, or
 *     the SDK's), {@code cached}, {@code stale}, or {@code error}
 * @param errorType {@code flag_not_found} or {@code general} when the check failed, else {@code null}
 */
public record CheckOutcome(String source, String reason, String errorType) {
    /** Schematic's rule type of a flag's default value. */
    private static final String DEFAULT_RULE = "default";

    public static CheckOutcome of(FlagCheck c) {
        FlagCheck.Source s = c.source() == null ? FlagCheck.Source.DEFAULT : c.source();
        String source = s.name().toLowerCase(Locale.ROOT);
        if (c.flagNotFound()) {
            // the typed marker: a REST 404, a bulk answer without the flag, or DataStream's engine found none
            return new CheckOutcome(source, "error", "flag_not_found");
        }
        switch (s) {
            case CACHE:
                return new CheckOutcome(source, "cached", null);
            case STALE:
                return new CheckOutcome(source, "stale", null);
            case DEFAULT:
                return c.error() != null
                        ? new CheckOutcome(source, "error", "general")
                        : new CheckOutcome(source, "default", null);
            default:
                if (c.error() != null) {
                    return new CheckOutcome(source, "error", "general");
                }
                // no rule matched (rule type null) or the flag's default rule: the flag's default value
                boolean byDefault = c.ruleType() == null || DEFAULT_RULE.equals(c.ruleType());
                return new CheckOutcome(source, byDefault ? "default" : "targeting_match", null);
        }
    }
}
