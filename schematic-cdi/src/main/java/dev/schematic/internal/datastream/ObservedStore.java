package dev.schematic.internal.datastream;

import dev.schematic.internal.rules.RulesInput;
import dev.schematic.internal.store.CacheKind;
import dev.schematic.internal.store.EntityStore;
import java.time.Duration;
import java.util.List;

/** An {@link EntityStore} that reports every write after it happened (for {@link LocalAnswers#changed()}). */
final class ObservedStore implements EntityStore {
    private final EntityStore store;
    private final Runnable changed;

    ObservedStore(EntityStore store, Runnable changed) {
        this.store = store;
        this.changed = changed;
    }

    @Override
    public RulesInput get(CacheKind kind, String key) {
        return store.get(kind, key);
    }

    @Override
    public void put(CacheKind kind, String key, RulesInput value, Duration ttl) {
        store.put(kind, key, value, ttl);
        changed.run();
    }

    @Override
    public void remove(CacheKind kind, String key) {
        store.remove(kind, key);
        changed.run();
    }

    @Override
    public boolean replace(CacheKind kind, String key, RulesInput expected, RulesInput value, Duration ttl) {
        boolean replaced = store.replace(kind, key, expected, value, ttl);
        if (replaced) {
            changed.run();
        }
        return replaced;
    }

    @Override
    public List<String> keys(CacheKind kind, String prefix) {
        return store.keys(kind, prefix);
    }

    @Override
    public boolean writtenOnlyHere() {
        return store.writtenOnlyHere();
    }

    @Override
    public String description() {
        return store.description();
    }

    @Override
    public void close() {
        store.close();
    }
}
