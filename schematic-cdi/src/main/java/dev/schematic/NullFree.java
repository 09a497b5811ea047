package dev.schematic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copies of key and trait maps without null keys or values (null means absent, never an error). */
final class NullFree {
    private NullFree() {}

    static Map<String, String> keys(Map<String, String> keys) {
        if (keys == null || keys.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        keys.forEach((k, v) -> {
            if (k != null && v != null) {
                out.put(k, v);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    static Map<String, Object> traits(Map<String, ?> traits) {
        if (traits == null || traits.isEmpty()) {
            return Map.of();
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
