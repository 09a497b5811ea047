package dev.schematic.internal.rules;

import java.time.Instant;
import java.util.List;

/**
 * The company's entitlement for the flag's feature, echoed by the engine (rules-engine.md §5.3). Every member but
 * {@code featureId}, {@code featureKey} and {@code valueType} may be {@code null}.
 */
public record RulesEntitlement(
        String featureId,
        String featureKey,
        /** {@code boolean}, {@code credit}, {@code numeric}, {@code trait}, {@code unknown} or {@code unlimited}. */
        String valueType,
        Long allocation,
        Long softLimit,
        Long usage,
        String eventName,
        String eventSubtype,
        String metricPeriod,
        String monthReset,
        Instant metricResetAt,
        String creditId,
        Double creditTotal,
        Double creditUsed,
        Double creditRemaining,
        Double creditReserved,
        Double creditSettled,
        Double consumptionRate,
        List<WarningTier> warningTiers) {

    /** A usage warning threshold. */
    public record WarningTier(String key, long value) {}

    public RulesEntitlement {
        warningTiers = warningTiers == null ? null : List.copyOf(warningTiers);
    }
}
