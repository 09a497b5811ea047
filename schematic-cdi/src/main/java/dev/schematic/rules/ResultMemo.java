package dev.schematic.rules;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Results memoized by exact input content, each with the time window in which it stays correct.
 *
 * <p>Time: the only output of the engine that depends on "now" is {@code feature_usage_reset_at} (rules-engine.md §3,
 * §9); conditions compare stored values (metrics, credit balances, trait dates) with each other, never with the
 * clock. So a result without a usage period is valid all day; one with a usage period is valid from the evaluation
 * instant until the reset it reports. As a safety margin against engines with other time dependencies (a swapped-in
 * official module) and for month-dependent billing edge cases, every entry also expires at the next UTC midnight.
 *
 * <p>Bounded: when over {@code maxSize}, expired entries are dropped first, then arbitrary ones (hash order, roughly
 * random) down to 90 % of the bound; the sweep runs under a try-lock so callers never wait for it.
 */
final class ResultMemo {
    static final long DAY_MILLIS = 86_400_000L;

    /** The memo key: the inputs themselves, compared by content (same instance first). */
    record Key(RulesInput flag, RulesInput company, RulesInput user, RulesInput options) {}

    private record Entry(RulesResult result, long validFrom, long validUntil) {}

    private final ConcurrentHashMap<Key, Entry> map;
    private final int maxSize;
    private final ReentrantLock sweeping = new ReentrantLock();

    ResultMemo(int maxSize) {
        this.maxSize = maxSize;
        this.map = new ConcurrentHashMap<>(Math.min(maxSize, 1 << 16));
    }

    RulesResult get(Key key, long nowMillis) {
        Entry e = map.get(key);
        if (e != null && nowMillis >= e.validFrom && nowMillis < e.validUntil) {
            return e.result;
        }
        return null;
    }

    void put(Key key, RulesResult result, long nowMillis) {
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
        map.put(key, new Entry(result, from, until));
        if (map.size() > maxSize) {
            sweep(nowMillis);
        }
    }

    private void sweep(long nowMillis) {
        if (!sweeping.tryLock()) {
            return;
        }
        try {
            int target = maxSize - maxSize / 10;
            map.values().removeIf(e -> e.validUntil <= nowMillis);
            Iterator<Map.Entry<Key, Entry>> it = map.entrySet().iterator();
            while (map.size() > target && it.hasNext()) {
                it.next();
                it.remove();
            }
        } finally {
            sweeping.unlock();
        }
    }

    int size() {
        return map.size();
    }

    void clear() {
        map.clear();
    }
}
