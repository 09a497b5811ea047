package dev.schematic.internal.datastream;

import dev.schematic.internal.config.DataStreamSettings;
import dev.schematic.internal.store.EntityStore;
import dev.schematic.internal.store.HandOverEntityStore;
import dev.schematic.internal.store.StoreKeys;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * For {@code dev.schematic.benchmarks.ColdStartParts}: the DataStream client's handling of one flags snapshot alone
 * (parse, store into the embedded hand-over store, as the worker does), without the socket, the engine or the rest of
 * the SDK. In this package because the processor is package-private.
 */
public final class SnapshotStoreProbe {
    private SnapshotStoreProbe() {}

    /** Parses the snapshot and stores its flags as the worker does; returns the number of flags stored. */
    public static int store(DataStreamSettings s, String versionKey, String snapshot) {
        EntityStore store = HandOverEntityStore.deferred(s.maxEntries(), s.maxFlags(), () -> {
            throw new IllegalStateException("Infinispan is not started by this probe");
        });
        DataStreamCache cache = new DataStreamCache(store, new StoreKeys(versionKey), s.cacheTtl(), s.flagTtl());
        AtomicInteger loaded = new AtomicInteger(-1);
        MessageProcessor p = new MessageProcessor(cache, new EntityWaiters(), (gen, n) -> loaded.set(n));
        p.process(1, snapshot);
        if (loaded.get() < 0) {
            throw new IllegalStateException("the snapshot was not stored (malformed: " + p.malformed.sum() + ")");
        }
        return loaded.get();
    }

    /** Only the JSON parse of the snapshot and one {@code toString} per flag (what storing a flag serialises). */
    public static int parse(String snapshot) {
        JsonObject m = Json.parseObject(snapshot);
        JsonArray flags = (JsonArray) m.get("data");
        int chars = 0;
        for (JsonValue v : flags) {
            chars += v.toString().length();
        }
        return chars;
    }
}
