package dev.schematic.openfeature;

import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Reason;
import dev.schematic.FlagCheck;
import dev.schematic.api.model.FeatureEntitlement;

/**
 * A Schematic {@link FlagCheck} as an OpenFeature {@link ProviderEvaluation}: reason from the rule type and the answer's
 * source, variant {@code "true"}/{@code "false"}, error codes, and flag metadata (docs/openfeature.md lists them).
 */
final class Evaluations {
    private Evaluations() {}

    static ProviderEvaluation<Boolean> of(FlagCheck c) {
        ProviderEvaluation.ProviderEvaluationBuilder<Boolean, ?, ?> b = ProviderEvaluation.<Boolean>builder()
                .value(c.value())
                .variant(Boolean.toString(c.value()))
                .flagMetadata(metadata(c));
        switch (c.outcome()) {
            case FLAG_NOT_FOUND -> {
                // a REST 404 (or a bulk answer without the flag), or DataStream's engine found it missing
                return b.reason(Reason.ERROR.name())
                        .errorCode(ErrorCode.FLAG_NOT_FOUND)
                        .errorMessage("flag '" + c.flag() + "' not found")
                        .build();
            }
            case CLIENT_CLOSED -> {
                return b.reason(Reason.ERROR.name())
                        .errorCode(ErrorCode.PROVIDER_NOT_READY)
                        .errorMessage("the Schematic client is closed")
                        .build();
            }
            case FAILED -> {
                return b.reason(Reason.ERROR.name())
                        .errorCode(ErrorCode.GENERAL)
                        .errorMessage(c.error() != null ? c.error() : c.reason())
                        .build();
            }
            case DEFAULTED -> {
                return b.reason(Reason.DEFAULT.name()).build();
            }
            default -> {
                // EVALUATED: a cached or stale copy says so; a fresh answer says what decided it
                return switch (c.source()) {
                    case CACHE, STALE -> b.reason(Reason.CACHED.name()).build();
                    default -> b.reason(reason(c.ruleMatch())).build();
                };
            }
        }
    }

    /** {@link FlagCheck#ruleMatch()} as OpenFeature's reason: the categories have the same names. */
    static String reason(FlagCheck.RuleMatch match) {
        return switch (match) {
            case DEFAULT -> Reason.DEFAULT.name();
            case STATIC -> Reason.STATIC.name();
            case TARGETING_MATCH -> Reason.TARGETING_MATCH.name();
        };
    }

    /** Schematic flags are boolean: a string, number or object evaluation answers the caller's default. */
    static <T> ProviderEvaluation<T> typeMismatch(String flagKey, T defaultValue, String type) {
        return ProviderEvaluation.<T>builder()
                .value(defaultValue)
                .reason(Reason.ERROR.name())
                .errorCode(ErrorCode.TYPE_MISMATCH)
                .errorMessage("flag '" + flagKey + "' is boolean (Schematic flags are), not " + type)
                .build();
    }

    /** An evaluation refused before Schematic was asked (e.g. an unusable context). */
    static ProviderEvaluation<Boolean> error(boolean defaultValue, ErrorCode code, String message) {
        return ProviderEvaluation.<Boolean>builder()
                .value(defaultValue)
                .reason(Reason.ERROR.name())
                .errorCode(code)
                .errorMessage(message)
                .build();
    }

    static ImmutableMetadata metadata(FlagCheck c) {
        ImmutableMetadata.ImmutableMetadataBuilder m = ImmutableMetadata.builder();
        m.addString("source", c.source().name());
        putString(m, "flagId", c.flagId());
        putString(m, "ruleId", c.ruleId());
        putString(m, "ruleType", c.ruleType());
        putString(m, "companyId", c.companyId());
        putString(m, "userId", c.userId());
        putString(m, "schematicReason", c.reason());
        if (c.source() == FlagCheck.Source.STALE) {
            putString(m, "staleBecause", c.error());
        }
        FeatureEntitlement e = c.entitlement();
        if (e != null) {
            if (e.allocation() != null) {
                m.addLong("entitlementAllocation", e.allocation());
            }
            if (e.usage() != null) {
                m.addLong("entitlementUsage", e.usage());
            }
            if (e.metricPeriod() != null) {
                m.addString("entitlementPeriod", e.metricPeriod().value());
            }
            if (e.softLimit() != null) {
                m.addLong("entitlementSoftLimit", e.softLimit());
            }
            if (e.metricResetAt() != null) {
                m.addString("entitlementResetAt", e.metricResetAt().toString());
            }
        }
        return m.build();
    }

    private static void putString(ImmutableMetadata.ImmutableMetadataBuilder m, String key, String value) {
        if (value != null && !value.isEmpty()) {
            m.addString(key, value);
        }
    }
}
