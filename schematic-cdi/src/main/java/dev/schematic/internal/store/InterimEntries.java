package dev.schematic.internal.store;

import dev.schematic.internal.rules.RulesInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The first home of the embedded store's entries while Infinispan starts ({@link HandOverEntityStore}): one concurrent
 * map per logical cache, each entry with the lifespan it was written with, bounded by the same entry counts as the
 * Infinispan caches (when full, expired entries go first, then arbitrary others). Values are held by reference.
 */
final class InterimEntries implements EntityStore {
    /** A value and when it expires ({@code System.nanoTime()}; {@code NEVER} for no expiry). */
    private record Entry(RulesInput value, long expiresAt) {
        boolean live(long now) {
            return expiresAt == NEVER || now - expiresAt < 0;
        }
    }

    private static final long NEVER = Long.MIN_VALUE;
    private static final Duration LONGEST = Duration.ofDays(10_000);

    private final Map<CacheKind, ConcurrentHashMap<String, Entry>> maps = new EnumMap<>(CacheKind.class);
    private final int maxEntries;
    private final int maxFlags;

    InterimEntries(int maxEntries, int maxFlags) {
        this.maxEntries = maxEntries;
        this.maxFlags = maxFlags;
        for (CacheKind kind : CacheKind.values()) {
            maps.put(kind, new ConcurrentHashMap<>());
        }
    }

    @Override
    public RulesInput get(CacheKind kind, String key) {
        ConcurrentHashMap<String, Entry> map = maps.get(kind);
        Entry e = map.get(key);
        if (e == null) {
            return null;
        }
        if (!e.live(System.nanoTime())) {
            map.remove(key, e);
            return null;
        }
        return e.value();
    }

    @Override
    public void put(CacheKind kind, String key, RulesInput value, Duration ttl) {
        ConcurrentHashMap<String, Entry> map = maps.get(kind);
        map.put(key, new Entry(value, expiresAt(ttl)));
        int max = kind == CacheKind.FLAGS ? maxFlags : maxEntries;
        if (map.size() > max) {
            bound(map, key, max);
        }
    }

    @Override
    public void remove(CacheKind kind, String key) {
        maps.get(kind).remove(key);
    }

    @Override
    public boolean replace(CacheKind kind, String key, RulesInput expected, RulesInput value, Duration ttl) {
        boolean[] replaced = new boolean[1];
        long now = System.nanoTime();
        maps.get(kind).computeIfPresent(key, (k, e) -> {
            if (e.live(now) && e.value().equals(expected)) {
                replaced[0] = true;
                return new Entry(value, expiresAt(ttl));
            }
            return e.live(now) ? e : null;
        });
        return replaced[0];
    }

    @Override
    public List<String> keys(CacheKind kind, String prefix) {
        long now = System.nanoTime();
        List<String> out = new ArrayList<>();
        maps.get(kind).forEach((k, e) -> {
            if (e.live(now) && k.startsWith(prefix)) {
                out.add(k);
            }
        });
        return out;
    }

    /** Writes every live entry into {@code target} with its remaining lifespan; returns how many. */
    int moveTo(EntityStore target) {
        int moved = 0;
        for (Map.Entry<CacheKind, ConcurrentHashMap<String, Entry>> m : maps.entrySet()) {
            for (Map.Entry<String, Entry> e : m.getValue().entrySet()) {
                long now = System.nanoTime();
                Entry entry = e.getValue();
                if (!entry.live(now)) {
                    continue;
                }
                Duration ttl = entry.expiresAt() == NEVER
                        ? Duration.ZERO
                        : Duration.ofMillis(Math.max(1, (entry.expiresAt() - now) / 1_000_000));
                target.put(m.getKey(), e.getKey(), entry.value(), ttl);
                moved++;
            }
        }
        return moved;
    }

    void clear() {
        maps.values().forEach(Map::clear);
    }

    @Override
    public String description() {
        return "in-memory map";
    }

    /** Drops every entry. */
    @Override
    public void close() {
        clear();
    }

    /** Entries held now, expired ones not yet dropped included. */
    int size() {
        return maps.values().stream().mapToInt(Map::size).sum();
    }

    private static long expiresAt(Duration ttl) {
        if (ttl.isZero() || ttl.isNegative()) {
            return NEVER;
        }
        // beyond ~27 years (no realistic lifespan) the deadline is capped, so the nanosecond sum cannot overflow
        long at = System.nanoTime() + (ttl.compareTo(LONGEST) > 0 ? LONGEST : ttl).toNanos();
        return at == NEVER ? at + 1 : at;
    }

    /** Drops expired entries, then others (never {@code keep}), until at most {@code max} remain. */
    private static void bound(ConcurrentHashMap<String, Entry> map, String keep, int max) {
        long now = System.nanoTime();
        map.values().removeIf(e -> !e.live(now));
        for (Iterator<String> it = map.keySet().iterator(); map.size() > max && it.hasNext(); ) {
            if (!it.next().equals(keep)) {
                it.remove();
            }
        }
    }
}
