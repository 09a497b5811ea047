package dev.schematic.internal.datastream;

import dev.schematic.FlagCheck;
import dev.schematic.internal.rules.RulesResult;
import dev.schematic.internal.rules.ValidWindow;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whole answers of repeated local checks, keyed by the request (flag key, company keys, user keys), so that a
 * repeated check costs one map lookup instead of three store reads, the engine's memo and a new {@link FlagCheck}.
 *
 * <p>An answer is reused only while all of these hold: no write reached the store since the answer's inputs were read
 * (every write bumps {@link #changed() a generation}; only a store this client alone writes qualifies: the embedded
 * one, not a shared remote or replicator store), the engine's {@link ValidWindow} still contains "now", and the answer
 * is younger than {@link #MAX_AGE_MILLIS} (so an entity that expired or was evicted from the store is fetched again
 * within a second, as without this cache).
 *
 * <p>Bounded by {@code maxSize}: when full, it is emptied (answers are cheap to recompute).
 */
final class LocalAnswers {
    /** Longest reuse of one answer. */
    static final long MAX_AGE_MILLIS = 1_000;

    private record Key(String flag, Map<String, String> company, Map<String, String> user) {}

    private record Entry(LocalAnswer answer, long generation, long fromMillis, long untilMillis) {}

    private final ConcurrentHashMap<Key, Entry> map;
    private final int maxSize;
    private final AtomicLong generation = new AtomicLong();

    LocalAnswers(int maxSize) {
        this.maxSize = maxSize;
        this.map = new ConcurrentHashMap<>(Math.min(maxSize, 1 << 12));
    }

    /** The reusable answer for this request at {@code nowMillis}, or {@code null}. */
    LocalAnswer get(String flag, Map<String, String> company, Map<String, String> user, long nowMillis) {
        Entry e = map.get(new Key(flag, orEmpty(company), orEmpty(user)));
        if (e != null && e.generation == generation.get() && nowMillis >= e.fromMillis && nowMillis < e.untilMillis) {
            return e.answer;
        }
        return null;
    }

    /** The generation to pass to {@link #put}: read it before reading the store. */
    long generation() {
        return generation.get();
    }

    /**
     * Remembers an answer computed from store reads made after {@code generationBefore} was read; returns the answer to
     * hand out.
     */
    LocalAnswer put(
            String flag,
            Map<String, String> company,
            Map<String, String> user,
            FlagCheck check,
            RulesResult result,
            long generationBefore,
            long nowMillis) {
        Map<String, String> c = immutableCopy(company);
        Map<String, String> u = immutableCopy(user);
        if (c == null || u == null) {
            // null keys or values: answer once, never reuse
            return new LocalAnswer(check, orEmpty(company), orEmpty(user));
        }
        LocalAnswer answer = new LocalAnswer(check, c, u);
        ValidWindow w = ValidWindow.of(result, nowMillis);
        long until = Math.min(w.untilMillis(), nowMillis + MAX_AGE_MILLIS);
        if (map.size() >= maxSize) {
            map.clear();
        }
        map.put(new Key(flag, c, u), new Entry(answer, generationBefore, w.fromMillis(), until));
        return answer;
    }

    /** Something in the store changed: no answer computed before is reused. */
    void changed() {
        generation.incrementAndGet();
    }

    int size() {
        return map.size();
    }

    private static Map<String, String> orEmpty(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }

    private static Map<String, String> immutableCopy(Map<String, String> m) {
        if (m == null) {
            return Map.of();
        }
        try {
            return Map.copyOf(m);
        } catch (NullPointerException e) {
            return null;
        }
    }
}
