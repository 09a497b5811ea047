package dev.schematic.openfeature;

import dev.openfeature.sdk.MutableStructure;
import dev.openfeature.sdk.Structure;
import dev.openfeature.sdk.Value;
import java.util.Map;
import java.util.Objects;

/**
 * A Schematic context already mapped, with the {@code company} and {@code user} structures and targeting key it was
 * mapped from, kept as arrays of their keys and plain values (strings, numbers, booleans). {@link #matches} looks each
 * kept key up in a new context's structures and compares the values, reading each structure the cheapest way its
 * class allows, without allocating: a {@code MutableStructure} through {@code getValue} and its map's (cached)
 * {@code keySet()}, which hand out the stored instances; any other structure through its
 * {@code asUnmodifiableMap()} view, used only inside the comparison (so the JIT can drop the view; an
 * {@code ImmutableStructure}'s {@code getValue} would copy the value and its {@code keySet} the key set). OpenFeature's
 * copies of a structure (an {@code ImmutableContext} hands out a fresh deep copy on every read) hold the same key and
 * value instances, so a repeated context matches by identity, with no hashing of the structures (string keys cache
 * their hash) and no iterator; a changed one does not match and is looked up by content instead. Immutable (final
 * fields only), so it can be shared between threads through a plain field.
 */
final class KnownContext {
    private final dev.schematic.EvaluationContext context;
    private final String targetingKey;
    /** Keys and plain values of company, then of user; null when a structure held a null and cannot be compared so. */
    private final String[] keys;

    private final Object[] values;
    private final int companySize;

    private KnownContext(
            dev.schematic.EvaluationContext context,
            String targetingKey,
            String[] keys,
            Object[] values,
            int companySize) {
        this.context = context;
        this.targetingKey = targetingKey;
        this.keys = keys;
        this.values = values;
        this.companySize = companySize;
    }

    /** The mapped context with the structures it was mapped from, read now (a mutable structure may change later). */
    static KnownContext of(
            dev.schematic.EvaluationContext context,
            Map<String, Value> company,
            Map<String, Value> user,
            String targetingKey) {
        int n = company.size() + user.size();
        String[] keys = new String[n];
        Object[] values = new Object[n];
        int i = copy(company, keys, values, 0);
        int j = i < 0 ? -1 : copy(user, keys, values, i);
        boolean comparable = j == n;
        return new KnownContext(
                context, targetingKey, comparable ? keys : null, comparable ? values : null, company.size());
    }

    dev.schematic.EvaluationContext context() {
        return context;
    }

    /** Whether these structures and targeting key list exactly the keys and values this context was mapped from. */
    boolean matches(Map<String, Value> company, Map<String, Value> user, String targetingKey) {
        return keys != null
                && company.size() == companySize
                && user.size() == keys.length - companySize
                && Objects.equals(targetingKey, this.targetingKey)
                && same(company, 0, companySize)
                && same(user, companySize, keys.length);
    }

    /**
     * {@link #matches(Map, Map, String)} on the structures as OpenFeature hands them over ({@code null}: the attribute
     * is absent or null, i.e. empty), without allocating.
     */
    boolean matches(Structure company, Structure user, String targetingKey) {
        return keys != null
                && Objects.equals(targetingKey, this.targetingKey)
                && same(company, 0, companySize)
                && same(user, companySize, keys.length);
    }

    /** Whether {@code now} holds exactly the kept keys {@code from} to {@code to} with equal values. */
    private boolean same(Structure now, int from, int to) {
        if (now == null) {
            return from == to;
        }
        if (now instanceof MutableStructure m) {
            // its keySet() is the stored map's own (cached) view, getValue the stored value: nothing allocated
            if (m.keySet().size() != to - from) {
                return false;
            }
            for (int i = from; i < to; i++) {
                if (!sameValue(m.getValue(keys[i]), i)) {
                    return false;
                }
            }
            return true;
        }
        Map<String, Value> view = now.asUnmodifiableMap();
        return view == null ? from == to : view.size() == to - from && same(view, from, to);
    }

    /** Looks each key kept up in {@code now} (sizes are equal, so the key sets are the same when all are found). */
    private boolean same(Map<String, Value> now, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!sameValue(now.get(keys[i]), i)) {
                return false;
            }
        }
        return true;
    }

    private boolean sameValue(Value v, int i) {
        if (v == null) {
            return false;
        }
        Object o = v.asObject();
        return o == values[i] || values[i].equals(o);
    }

    /** Copies the entries from position {@code at}; -1 when one is null or not a plain value. */
    private static int copy(Map<String, Value> from, String[] keys, Object[] values, int at) {
        int i = at;
        for (Map.Entry<String, Value> e : from.entrySet()) {
            Value v = e.getValue();
            if (e.getKey() == null || v == null || !(v.isString() || v.isNumber() || v.isBoolean())) {
                return -1;
            }
            keys[i] = e.getKey();
            values[i] = v.asObject();
            i++;
        }
        return i;
    }
}
