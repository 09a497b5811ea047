package dev.schematic.internal.store;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The keys of an embedded store without their repeated namespace: {@code company:{ver}:comp_9} is held as one
 * character naming {@code company:{ver}:} followed by {@code comp_9}. Every key of one version shares that namespace,
 * so this saves its length on each of the thousands of keys a store holds (the layout of datastream.md §3 is what
 * {@link #full} gives back). A key without two {@code :} separators, or beyond the 200th namespace, is held whole
 * behind a marker character. Thread-safe.
 */
final class ShortKeys {
    private static final int MAX_NAMESPACES = 200;
    private static final char WHOLE = '\u00ff';

    private final CopyOnWriteArrayList<String> namespaces = new CopyOnWriteArrayList<>();

    /** The held form of {@code key}. */
    String shorten(String key) {
        int first = key.indexOf(':');
        int second = first < 0 ? -1 : key.indexOf(':', first + 1);
        if (second < 0) {
            return WHOLE + key;
        }
        int index = indexOf(key, second + 1);
        if (index < 0) {
            return WHOLE + key;
        }
        return (char) index + key.substring(second + 1);
    }

    /** The key of a held form. */
    String full(String held) {
        char c = held.charAt(0);
        return c == WHOLE ? held.substring(1) : namespaces.get(c) + held.substring(1);
    }

    private int indexOf(String key, int namespaceLength) {
        for (int i = 0; i < namespaces.size(); i++) {
            String ns = namespaces.get(i);
            if (ns.length() == namespaceLength && key.startsWith(ns)) {
                return i;
            }
        }
        synchronized (namespaces) {
            for (int i = 0; i < namespaces.size(); i++) {
                if (namespaces.get(i).length() == namespaceLength && key.startsWith(namespaces.get(i))) {
                    return i;
                }
            }
            if (namespaces.size() >= MAX_NAMESPACES) {
                return -1;
            }
            namespaces.add(key.substring(0, namespaceLength));
            return namespaces.size() - 1;
        }
    }
}
