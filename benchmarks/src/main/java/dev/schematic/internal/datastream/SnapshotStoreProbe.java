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

    /**
     * The worker's steps for one snapshot one after the other, each timed (ms): parse the message, serialise each flag,
     * make its {@code RulesInput} (UTF-8 bytes and content hash), read-compare-put it into the hand-over store, remove
     * the flags not in the snapshot.
     */
    public static long[] steps(DataStreamSettings s, String versionKey, String snapshot) {
        EntityStore store = HandOverEntityStore.deferred(s.maxEntries(), s.maxFlags(), () -> {
            throw new IllegalStateException("Infinispan is not started by this probe");
        });
        StoreKeys keys = new StoreKeys(versionKey);
        long t0 = System.nanoTime();
        JsonObject m = Json.parseObject(snapshot);
        JsonArray flags = (JsonArray) m.get("data");
        long t1 = System.nanoTime();
        java.util.List<String> texts = new java.util.ArrayList<>();
        java.util.List<String> flagKeys = new java.util.ArrayList<>();
        for (JsonValue v : flags) {
            flagKeys.add(Json.string((JsonObject) v, "key"));
            texts.add(v.toString());
        }
        long t2 = System.nanoTime();
        java.util.List<dev.schematic.internal.rules.RulesInput> docs = new java.util.ArrayList<>();
        for (String t : texts) {
            docs.add(dev.schematic.internal.rules.RulesInput.of(t));
        }
        long t3 = System.nanoTime();
        java.util.Set<String> kept = new java.util.HashSet<>();
        for (int i = 0; i < docs.size(); i++) {
            String k = keys.flag(flagKeys.get(i));
            boolean changed = !docs.get(i).equals(store.get(dev.schematic.internal.store.CacheKind.FLAGS, k));
            store.put(dev.schematic.internal.store.CacheKind.FLAGS, k, docs.get(i), s.flagTtl());
            if (changed) {
                kept.add(k);
            }
        }
        long t4 = System.nanoTime();
        int extra = 0;
        for (String k : store.keys(dev.schematic.internal.store.CacheKind.FLAGS, keys.flagPrefix())) {
            if (!kept.contains(k)) {
                extra++;
            }
        }
        long t5 = System.nanoTime();
        if (extra != 0) {
            throw new IllegalStateException("flags left over: " + extra);
        }
        return new long[] {
            (t1 - t0) / 1_000_000,
            (t2 - t1) / 1_000_000,
            (t3 - t2) / 1_000_000,
            (t4 - t3) / 1_000_000,
            (t5 - t4) / 1_000_000
        };
    }

    /**
     * How much of the parse is the parser's first use (classes, first calls): a one-flag message parsed first, then the
     * snapshot; both timed (ms).
     */
    public static long[] parseAfterSmall(String snapshot) {
        long t0 = System.nanoTime();
        String small = "{\"entity_type\":\"rulesengine.Flags\",\"message_type\":\"full\",\"data\":["
                + "{\"id\":\"f\",\"key\":\"k\",\"default_value\":true,\"rules\":[{\"id\":\"r\",\"value\":true,"
                + "\"conditions\":[{\"resource_ids\":[\"c\"],\"trait_value\":\"\"}]}]}]}";
        parse(small);
        RawJson.elements(small, "data");
        long t1 = System.nanoTime();
        parse(snapshot);
        RawJson.elements(snapshot, "data");
        long t2 = System.nanoTime();
        return new long[] {(t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000};
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
