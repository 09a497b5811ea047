package dev.schematic.internal.rules;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Results memoized by exact input content, each with the time window in which it stays correct
 * ({@link ValidWindow}).
 *
 * <p>Bounded: when over {@code maxSize}, expired entries are dropped first, then arbitrary ones (hash order, roughly
 * random) down to 90 % of the bound; the sweep runs under a try-lock so callers never wait for it.
 */
final class ResultMemo {
    /** The memo key: the inputs themselves, compared by content (same instance first). */
    record Key(RulesInput flag, RulesInput company, RulesInput user, RulesInput options) {}

    private record Entry(RulesResult result, ValidWindow window) {}

    private final ConcurrentHashMap<Key, Entry> map;
    private final int maxSize;
    private final ReentrantLock sweeping = new ReentrantLock();

    ResultMemo(int maxSize) {
        this.maxSize = maxSize;
        this.map = new ConcurrentHashMap<>(Math.min(maxSize, 1 << 16));
    }

    RulesResult get(Key key, long nowMillis) {
        Entry e = map.get(key);
        if (e != null && e.window.contains(nowMillis)) {
            return e.result;
        }
        return null;
    }

    void put(Key key, RulesResult result, long nowMillis) {
        map.put(key, new Entry(result, ValidWindow.of(result, nowMillis)));
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
            map.values().removeIf(e -> e.window.untilMillis() <= nowMillis);
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
