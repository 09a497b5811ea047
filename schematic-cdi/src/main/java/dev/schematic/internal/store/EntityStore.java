package dev.schematic.internal.store;

import dev.schematic.internal.rules.RulesInput;
import java.time.Duration;
import java.util.List;

/**
 * The caches behind local evaluation: JSON documents (flags, companies, users) and lookup entries, keyed as in
 * datastream.md §3. Values are {@link RulesInput}s so that an embedded store hands the rules engine the very instance
 * it cached (its memo then recognises it by reference). Implementations are thread-safe; a store that cannot be
 * reached answers misses and drops writes (logged), it never throws from {@code get}.
 */
public interface EntityStore extends AutoCloseable {

    /** The cached document, or {@code null}. */
    RulesInput get(CacheKind kind, String key);

    /** Stores a document; {@code ttl} zero means no expiry. */
    void put(CacheKind kind, String key, RulesInput value, Duration ttl);

    /** Removes an entry (absent is fine). */
    void remove(CacheKind kind, String key);

    /**
     * Replaces the entry only if it still holds {@code expected} (by content): the step of an atomic
     * read-modify-write across every app instance sharing the store.
     */
    boolean replace(CacheKind kind, String key, RulesInput expected, RulesInput value, Duration ttl);

    /** The keys of {@code kind} that start with {@code prefix} (used to drop flags missing from a snapshot). */
    List<String> keys(CacheKind kind, String prefix);

    /**
     * True when only this process writes the store (in-process caches, nothing shared with other app instances): a
     * memo of local answers may then be kept valid by observing this process's own writes.
     */
    default boolean writtenOnlyHere() {
        return false;
    }

    /** What this store is, for logs and health data, e.g. {@code embedded Infinispan}. */
    String description();

    /** Releases connections and threads. Idempotent. */
    @Override
    void close();
}
