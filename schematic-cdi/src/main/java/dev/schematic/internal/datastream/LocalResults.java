package dev.schematic.internal.datastream;

import dev.schematic.FlagCheck;
import dev.schematic.api.model.EntitlementValueType;
import dev.schematic.api.model.FeatureEntitlement;
import dev.schematic.api.model.MetricPeriod;
import dev.schematic.api.model.MetricPeriodMonthReset;
import dev.schematic.api.model.WarningTier;
import dev.schematic.internal.rules.RulesEntitlement;
import dev.schematic.internal.rules.RulesResult;
import java.time.ZoneOffset;

/** Maps a rules-engine result to the {@link FlagCheck} a local check returns (source {@code LOCAL}). */
final class LocalResults {
    /** The engine's reason for a flag it treats as missing (rules-engine.md §4.1 step 2: a flag whose id is empty). */
    static final String ENGINE_NOT_FOUND = "Flag not found";

    private LocalResults() {}

    /** True when the engine reports the flag as not found: its id is empty, or the engine says so. */
    static boolean notFound(RulesResult r) {
        return "".equals(r.flagId()) || ENGINE_NOT_FOUND.equals(r.reason());
    }

    /** The check of {@code flagKey} the engine answered with {@code r}. */
    static FlagCheck toFlagCheck(String flagKey, RulesResult r) {
        return new FlagCheck(
                r.flagKey() == null ? flagKey : r.flagKey(),
                r.value(),
                r.reason(),
                r.flagId(),
                r.companyId(),
                r.userId(),
                r.ruleId(),
                r.ruleType(),
                r.error(),
                entitlement(r.entitlement()),
                FlagCheck.Source.LOCAL,
                outcome(r));
    }

    /** Not found first (its error says so too); an engine error (e.g. a preflight refusal) is a failed check. */
    private static FlagCheck.Outcome outcome(RulesResult r) {
        if (notFound(r)) {
            return FlagCheck.Outcome.FLAG_NOT_FOUND;
        }
        return r.error() != null && !r.error().isEmpty() ? FlagCheck.Outcome.FAILED : FlagCheck.Outcome.EVALUATED;
    }

    private static FeatureEntitlement entitlement(RulesEntitlement e) {
        if (e == null) {
            return null;
        }
        return new FeatureEntitlement(
                e.allocation(),
                e.consumptionRate(),
                e.creditId(),
                e.creditRemaining(),
                e.creditReserved(),
                e.creditSettled(),
                e.creditTotal(),
                e.creditUsed(),
                e.eventName(),
                e.eventSubtype(),
                e.featureId(),
                e.featureKey(),
                e.metricPeriod() == null ? null : MetricPeriod.of(e.metricPeriod()),
                e.metricResetAt() == null ? null : e.metricResetAt().atOffset(ZoneOffset.UTC),
                e.monthReset() == null ? null : MetricPeriodMonthReset.of(e.monthReset()),
                e.softLimit(),
                e.usage(),
                e.valueType() == null ? null : EntitlementValueType.of(e.valueType()),
                e.warningTiers() == null
                        ? null
                        : e.warningTiers().stream()
                                .map(t -> new WarningTier(t.key(), t.value()))
                                .toList());
    }
}
