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
 * @param outcome what became of the check: evaluated, flag not found, client closed, failed, or defaulted without
 *     asking (offline); {@code null} is read as {@link Outcome#FAILED} for a {@code DEFAULT} answer with an error,
 *     {@link Outcome#DEFAULTED} for one without, else {@link Outcome#EVALUATED}
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
        Outcome outcome) {

    /** Schematic's rule type of a flag's default value. */
    private static final String DEFAULT_RULE = "default";
    /** Schematic's rule type of a global override. */
    private static final String GLOBAL_OVERRIDE = "global_override";

    /** Fills in a {@code null} outcome from the source and error (see {@link #outcome()}). */
    public FlagCheck {
        if (outcome == null) {
            outcome = source == Source.DEFAULT || source == null
                    ? (error != null ? Outcome.FAILED : Outcome.DEFAULTED)
                    : Outcome.EVALUATED;
        }
    }

    /**
     * What became of a check, set where the SDK makes the answer: typed, so callers (the OpenFeature provider,
     * telemetry) need not read {@link #reason()}'s text.
     */
    public enum Outcome {
        /**
         * Schematic evaluated the flag (API, local evaluation, or a cached or stale copy of such an answer); {@link
         * #ruleMatch()} says what decided the value.
         */
        EVALUATED,
        /**
         * Schematic does not know the flag: the REST API answered 404 (or left it out of a bulk answer), or local
         * evaluation found it missing. The value is the flag default.
         */
        FLAG_NOT_FOUND,
        /** The client was closed: the flag default, without asking. */
        CLIENT_CLOSED,
        /**
         * The check could not be answered (API failing, circuit breaker open, timeout, blank flag key, …): the flag
         * default; {@link #error()} says why. (A stale cached answer served instead keeps its own outcome.)
         */
        FAILED,
        /** The flag default by configuration, without asking and without a failure (offline mode). */
        DEFAULTED
    }

    /**
     * What decided an evaluated value, from the matched rule's type: the same categories as OpenFeature's reasons
     * {@code DEFAULT}, {@code STATIC} and {@code TARGETING_MATCH}.
     */
    public enum RuleMatch {
        /** No rule matched, or the flag's default rule: the flag's default value. */
        DEFAULT,
        /** A global override: the same value for everyone. */
        STATIC,
        /** A targeting rule matched (a company or user override, a plan entitlement, a standard rule, …). */
        TARGETING_MATCH
    }

    /** True when Schematic does not know the flag ({@link #outcome()} is {@link Outcome#FLAG_NOT_FOUND}). */
    public boolean flagNotFound() {
        return outcome == Outcome.FLAG_NOT_FOUND;
    }

    /**
     * What decided the value, from {@link #ruleType()}: none or {@code default} → {@link RuleMatch#DEFAULT},
     * {@code global_override} → {@link RuleMatch#STATIC}, any other rule → {@link RuleMatch#TARGETING_MATCH}. For an
     * answer Schematic did not evaluate (not {@link Outcome#EVALUATED}) there is no rule: {@link RuleMatch#DEFAULT}.
     */
    public RuleMatch ruleMatch() {
        if (outcome != Outcome.EVALUATED || ruleType == null || ruleType.isEmpty() || DEFAULT_RULE.equals(ruleType)) {
            return RuleMatch.DEFAULT;
        }
        return GLOBAL_OVERRIDE.equals(ruleType) ? RuleMatch.STATIC : RuleMatch.TARGETING_MATCH;
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
                outcome);
    }

    /** The same answer, served stale: the reason gains {@code (stale: <why>)}, the error is {@code why}. */
    public FlagCheck asStale(String why) {
        String r = reason == null || reason.isEmpty() ? "(stale: " + why + ")" : reason + " (stale: " + why + ")";
        return new FlagCheck(
                flag, value, r, flagId, companyId, userId, ruleId, ruleType, why, entitlement, Source.STALE, outcome);
    }

    /**
     * A default answer: {@link Outcome#FAILED} with an error, {@link Outcome#DEFAULTED} without (see {@link #ofDefault(
     * String, boolean, String, String, Outcome)} for another outcome).
     */
    public static FlagCheck ofDefault(String flag, boolean value, String reason, String error) {
        return ofDefault(flag, value, reason, error, null);
    }

    /** A default answer (source {@code DEFAULT}) with this outcome ({@code null}: from the error, as above). */
    public static FlagCheck ofDefault(String flag, boolean value, String reason, String error, Outcome outcome) {
        return new FlagCheck(flag, value, reason, null, null, null, null, null, error, null, Source.DEFAULT, outcome);
    }

    /** A default answer for a flag Schematic does not know ({@link #flagNotFound()} true, source {@code DEFAULT}). */
    public static FlagCheck notFound(String flag, boolean value, String reason, String error) {
        return ofDefault(flag, value, reason, error, Outcome.FLAG_NOT_FOUND);
    }
}
