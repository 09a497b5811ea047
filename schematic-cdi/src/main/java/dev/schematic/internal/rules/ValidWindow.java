package dev.schematic.internal.rules;

import java.time.Instant;

/**
 * The time window in which a result stays correct, in epoch milliseconds ({@code from} inclusive, {@code until}
 * exclusive). The engine's memo and the DataStream client's reuse of whole answers both use it.
 *
 * <p>The only output of the engine that depends on "now" is {@code feature_usage_reset_at} (rules-engine.md §3, §9);
 * conditions compare stored values (metrics, credit balances, trait dates) with each other, never with the clock. So
 * a result without a usage period is valid all day; one with a usage period is valid from the evaluation instant
 * until the reset it reports. As a safety margin against engines with other time dependencies (a swapped-in official
 * module) and for month-dependent billing edge cases, every window also ends at the next UTC midnight.
 *
 * <pre>{@code
 * ValidWindow w = ValidWindow.of(result, nowMillis);
 * if (w.contains(laterMillis)) { ... reuse result ... }
 * }</pre>
 */
public record ValidWindow(long fromMillis, long untilMillis) {
    static final long DAY_MILLIS = 86_400_000L;

    /** The window of {@code result}, evaluated at {@code nowMillis}. */
    public static ValidWindow of(RulesResult result, long nowMillis) {
        long dayStart = Math.floorDiv(nowMillis, DAY_MILLIS) * DAY_MILLIS;
        long until = dayStart + DAY_MILLIS;
        long from = dayStart;
        String period = result.featureUsagePeriod();
        Instant reset = result.featureUsageResetAt();
        if ((period != null && !"all_time".equals(period)) || reset != null) {
            from = nowMillis;
            if (reset != null) {
                long r = reset.toEpochMilli();
                if (r > nowMillis && r < until) {
                    until = r;
                }
            }
        }
        return new ValidWindow(from, until);
    }

    /** Whether {@code nowMillis} lies in the window. */
    public boolean contains(long nowMillis) {
        return nowMillis >= fromMillis && nowMillis < untilMillis;
    }
}
