package dev.schematic;

import java.util.Set;

/**
 * Flag definitions that DataStream pushed and that differ from what this client had: added, changed or deleted
 * flags (a reconnect's snapshot that repeats the same definitions announces nothing). Delivered to the listeners of
 * {@link Schematic#onFlagsChanged}; see docs/datastream.md.
 *
 * <pre>{@code
 * FlagsChanged.Registration r = schematic.onFlagsChanged(c -> log.info("flags changed: " + c.keys()));
 * ...
 * r.close(); // stop listening
 * }</pre>
 *
 * @param keys every flag key whose definition was added, changed or removed (never empty)
 * @param removed those of {@code keys} that were removed
 */
public record FlagsChanged(Set<String> keys, Set<String> removed) {

    /** Copies the sets; {@code removed} must be part of {@code keys}. */
    public FlagsChanged {
        keys = Set.copyOf(keys);
        removed = Set.copyOf(removed);
        if (!keys.containsAll(removed)) {
            throw new IllegalArgumentException("removed " + removed + " must be part of keys " + keys);
        }
    }

    /** A listener's registration: {@link #close()} stops its calls. Idempotent. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        /** Stops calling the listener (a call under way completes). */
        @Override
        void close();
    }
}
