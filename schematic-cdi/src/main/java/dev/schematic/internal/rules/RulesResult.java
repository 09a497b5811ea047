package dev.schematic.internal.rules;

import java.time.Instant;

/**
 * The result of one flag evaluation: every field of the engine's output (rules-engine.md §2.3, datastream.md §6.5),
 * plus {@link #failure()} when the engine could not evaluate (the value is then the flag's default).
 *
 * @param value the flag value
 * @param reason {@code Matched <type> rule "<name>" (<id>)}, {@code No rules matched; default value for flag},
 *     {@code Flag not found}, or on failure {@link RulesFailure#reason()}
 * @param flagKey the flag's key
 * @param flagId the flag's id
 * @param companyId the company's id when a company was given
 * @param userId the user's id when a user was given
 * @param ruleId the matched rule, {@code null} when none matched
 * @param ruleType its type ({@code global_override}, {@code company_override}, {@code plan_entitlement},
 *     {@code company_override_usage_exceeded}, {@code plan_entitlement_usage_exceeded}, {@code standard},
 *     {@code default})
 * @param error the engine's {@code err} (preflight validation) or, on failure, what went wrong
 * @param entitlement the company's entitlement whose feature key is the flag key
 * @param featureAllocation allocation of a matched entitlement rule's usage condition
 * @param featureUsage usage of that condition
 * @param featureUsageEvent the metric condition's event subtype
 * @param featureUsagePeriod the metric condition's period ({@code all_time}, {@code current_day},
 *     {@code current_week}, {@code current_month})
 * @param featureUsageResetAt when that period next resets
 * @param failure {@code null} when the engine produced this result
 */
public record RulesResult(
        boolean value,
        String reason,
        String flagKey,
        String flagId,
        String companyId,
        String userId,
        String ruleId,
        String ruleType,
        String error,
        RulesEntitlement entitlement,
        Long featureAllocation,
        Long featureUsage,
        String featureUsageEvent,
        String featureUsagePeriod,
        Instant featureUsageResetAt,
        RulesFailure failure) {

    /** Reason of results produced while the module cannot be loaded. */
    public static final String REASON_ENGINE_UNAVAILABLE = "RULES_ENGINE_UNAVAILABLE";
    /** Prefix of the reason of results of a failed engine call. */
    public static final String REASON_ENGINE_ERROR = "RULES_ENGINE_ERROR";

    /** True when the engine could not evaluate and {@link #value()} is the flag's default. */
    public boolean failed() {
        return failure != null;
    }
}
