package dev.schematic;

import dev.schematic.api.model.FeatureEntitlement;

/**
 * The full answer to a flag check: the value, why, and the entitlement behind it when one matched.
 *
 * @param flag the flag key that was checked
 * @param value the result
 * @param reason why, in Schematic's words, or the SDK's (e.g. {@code Offline mode - using default value})
 * @param flagId the flag's id, when known
 * @param companyId the matched company's id, when known
 * @param userId the matched user's id, when known
 * @param ruleId the matched rule's id, when known
 * @param ruleType the matched rule's type ({@code company_override}, {@code plan_entitlement}, {@code default}, …)
 * @param error the evaluation or SDK error text, when there was one
 * @param entitlement the matched entitlement (allocation, usage, credits, …), or null
 * @param source where the answer came from
 * @param flagNotFound true when Schematic does not know the flag: the REST API answered 404 (or left it out of a
 *     bulk answer), or DataStream local evaluation found it missing; the value is then the flag default
 */
public record FlagCheck(
        String flag,
        boolean value,
        String reason,
        String flagId,
        String companyId,
        String userId,
        String ruleId,
        String ruleType,
        String error,
        FeatureEntitlement entitlement,
        Source source,
        boolean flagNotFound) {

    /** An answer for a flag Schematic knows (or could not be asked about): {@link #flagNotFound()} is false. */
    public FlagCheck(
            String flag,
            boolean value,
            String reason,
            String flagId,
            String companyId,
            String userId,
            String ruleId,
            String ruleType,
            String error,
            FeatureEntitlement entitlement,
            Source source) {
        this(flag, value, reason, flagId, companyId, userId, ruleId, ruleType, error, entitlement, source, false);
    }

    /** Where a check's answer came from. */
    public enum Source {
        /** Schematic's API answered this check. */
        API,
        /** A cached API answer (see {@code schematic.cache.*}). */
        CACHE,
        /** The flag default: offline, flag not found, or the check failed (see {@link #error()}). */
        DEFAULT,
        /** Evaluated in this process from DataStream data (see {@code schematic.datastream.*}). */
        LOCAL,
        /**
         * A cached API answer past its TTL, served because the API is failing or its circuit breaker is open (see
         * {@code schematic.cache.max-stale}); {@link #reason()} says so and {@link #error()} says why.
         */
        STALE
    }

    /** The same answer, marked as coming from the cache. */
    public FlagCheck fromCache() {
        return new FlagCheck(
                flag,
                value,
                reason,
                flagId,
                companyId,
                userId,
                ruleId,
                ruleType,
                error,
                entitlement,
                Source.CACHE,
                flagNotFound);
    }

    /** The same answer, served stale: the reason gains {@code (stale: <why>)}, the error is {@code why}. */
    public FlagCheck asStale(String why) {
        String r = reason == null || reason.isEmpty() ? "(stale: " + why + ")" : reason + " (stale: " + why + ")";
        return new FlagCheck(
                flag,
                value,
                r,
                flagId,
                companyId,
                userId,
                ruleId,
                ruleType,
                why,
                entitlement,
                Source.STALE,
                flagNotFound);
    }

    /** A default answer. */
    public static FlagCheck ofDefault(String flag, boolean value, String reason, String error) {
        return new FlagCheck(flag, value, reason, null, null, null, null, null, error, null, Source.DEFAULT);
    }

    /** A default answer for a flag Schematic does not know ({@link #flagNotFound()} true, source {@code DEFAULT}). */
    public static FlagCheck notFound(String flag, boolean value, String reason, String error) {
        return new FlagCheck(flag, value, reason, null, null, null, null, null, error, null, Source.DEFAULT, true);
    }
}
