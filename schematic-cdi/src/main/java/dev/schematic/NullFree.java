package dev.schematic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copies of key and trait maps without null keys or values (null means absent, never an error). */
final class NullFree {
    private static final Class<?> MAP_1 = Map.of("k", "v").getClass();
    private static final Class<?> MAP_N = Map.of("k", "v", "l", "w").getClass();

    private NullFree() {}

    /** A map made by {@code Map.of}/{@code Map.copyOf}: immutable, and it cannot hold a null. */
    private static boolean isJdkImmutable(Map<?, ?> map) {
        Class<?> c = map.getClass();
        return c == MAP_1 || c == MAP_N;
    }

    static Map<String, String> keys(Map<String, String> keys) {
        if (keys == null || keys.isEmpty()) {
            return Map.of();
        }
        if (isJdkImmutable(keys)) {
            return keys; // Map.of/Map.copyOf: already immutable and null-free, no copy on the check path
        }
        Map<String, String> out = new LinkedHashMap<>();
        keys.forEach((k, v) -> {
            if (k != null && v != null) {
                out.put(k, v);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> traits(Map<String, ?> traits) {
        if (traits == null || traits.isEmpty()) {
            return Map.of();
        }
        if (isJdkImmutable(traits)) {
            return (Map<String, Object>) traits; // read-only: the wildcard cast cannot be written through
        }
        Map<String, Object> out = new LinkedHashMap<>();
        traits.forEach((k, v) -> {
            if (k != null && v != null) {
                out.put(k, v);
            }
        });
        return Collections.unmodifiableMap(out);
    }
}
