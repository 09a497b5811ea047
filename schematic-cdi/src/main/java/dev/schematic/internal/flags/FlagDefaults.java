package dev.schematic.internal.flags;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The value a check returns when it cannot be answered: the per-check default, else the configured or runtime-set
 * {@code schematic.flag-defaults.<flag-key>}, else {@code false}.
 */
public final class FlagDefaults {
    private final Map<String, Boolean> defaults = new ConcurrentHashMap<>();

    public FlagDefaults(Map<String, Boolean> configured) {
        defaults.putAll(configured);
    }

    public boolean valueFor(String flagKey) {
        return defaults.getOrDefault(flagKey, Boolean.FALSE);
    }

    public void set(String flagKey, boolean value) {
        defaults.put(flagKey, value);
    }

    public void setAll(Map<String, Boolean> values) {
        defaults.putAll(values);
    }

    /** A snapshot of every default known by key. */
    public Map<String, Boolean> snapshot() {
        return Map.copyOf(defaults);
    }
}
