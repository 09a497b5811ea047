package dev.schematic.internal.datastream;

import dev.schematic.internal.rules.RulesInput;
import dev.schematic.internal.store.CacheKind;
import dev.schematic.internal.store.EntityStore;
import dev.schematic.internal.store.StoreKeys;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The DataStream's view of the {@link EntityStore}: flags, companies and users with their lookup keys, kept in the
 * layout of datastream.md §3 and changed by the rules of §2.2/§2.6/§3.6. Entity writes are compare-and-set on the
 * entity document, so a partial merge and a local usage increment (possibly in another app instance sharing the
 * store) never lose each other's change.
 */
final class DataStreamCache {
    private static final int MAX_CAS_TRIES = 16;

    /** A company or user found by lookup keys: its id and document, or why it could not be used. */
    record Found(String id, RulesInput doc, boolean conflict) {
        static final Found MISSING = new Found(null, null, false);
        static final Found CONFLICT = new Found(null, null, true);
    }

    /** A company or user just written: its document and the lookup keys that now point at it. */
    record Stored(RulesInput doc, List<String> lookupKeys) {}

    private final EntityStore store;
    private final StoreKeys keys;
    private final Duration entityTtl;
    private final Duration flagTtl;

    DataStreamCache(EntityStore store, StoreKeys keys, Duration entityTtl, Duration flagTtl) {
        this.store = store;
        this.keys = keys;
        this.entityTtl = entityTtl;
        this.flagTtl = flagTtl;
    }

    StoreKeys keys() {
        return keys;
    }

    // ---- flags

    RulesInput flag(String flagKey) {
        return store.get(CacheKind.FLAGS, keys.flag(flagKey));
    }

    /** Stores a flag given as JSON text (as the DataStream sent it); true when it differs from the one cached. */
    boolean putFlag(String flagKey, String flagJson) {
        String storeKey = keys.flag(flagKey);
        RulesInput doc = RulesInput.of(flagJson);
        boolean changed = !doc.equals(store.get(CacheKind.FLAGS, storeKey));
        store.put(CacheKind.FLAGS, storeKey, doc, flagTtl);
        return changed;
    }

    /** Removes a flag; true when it was cached. */
    boolean removeFlag(String flagKey) {
        String storeKey = keys.flag(flagKey);
        boolean had = store.get(CacheKind.FLAGS, storeKey) != null;
        store.remove(CacheKind.FLAGS, storeKey);
        return had;
    }

    /**
     * The keys of every flag of this version, as the flags spell them, sorted; a flag whose document has no key is
     * left out.
     */
    List<String> flagKeys() {
        List<String> out = new ArrayList<>();
        for (String k : store.keys(CacheKind.FLAGS, keys.flagPrefix())) {
            RulesInput f = store.get(CacheKind.FLAGS, k);
            JsonObject o = f == null ? null : parseOrNull(f);
            String key = o == null ? null : Json.string(o, "key");
            if (key != null) {
                out.add(key);
            }
        }
        out.sort(null);
        return out;
    }

    /** Removes the flag with this id (a delete message without a key); scans this version's flags. */
    List<String> removeFlagById(String id) {
        List<String> removed = new ArrayList<>();
        for (String k : store.keys(CacheKind.FLAGS, keys.flagPrefix())) {
            RulesInput f = store.get(CacheKind.FLAGS, k);
            if (f != null && id.equals(idOf(f))) {
                removed.add(flagKeyOf(f));
                store.remove(CacheKind.FLAGS, k);
            }
        }
        return removed;
    }

    /** After a full snapshot: removes this version's flags that were not in it (§3.6, version-scoped). */
    List<String> removeFlagsExcept(Set<String> keptFlagKeys) {
        Set<String> kept = new HashSet<>();
        keptFlagKeys.forEach(k -> kept.add(keys.flag(k)));
        List<String> removed = new ArrayList<>();
        for (String k : store.keys(CacheKind.FLAGS, keys.flagPrefix())) {
            if (!kept.contains(k)) {
                RulesInput f = store.get(CacheKind.FLAGS, k);
                store.remove(CacheKind.FLAGS, k);
                if (f != null) {
                    removed.add(flagKeyOf(f));
                }
            }
        }
        return removed;
    }

    /** The flag's key as its document spells it; {@code ""} when it has none. */
    private static String flagKeyOf(RulesInput doc) {
        JsonObject o = parseOrNull(doc);
        String key = o == null ? null : Json.string(o, "key");
        return key == null ? "" : key;
    }

    // ---- companies and users

    /** Resolves lookup keys to one cached entity: missing when none or a stale lookup, conflict when several ids. */
    Found find(EntityType type, Map<String, String> lookup) {
        String id = null;
        for (Map.Entry<String, String> e : lookup.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                continue;
            }
            RulesInput ref = store.get(type.lookup, type.lookupKey(keys, e.getKey(), e.getValue()));
            String found = ref == null ? null : decodeId(ref);
            if (found == null) {
                continue;
            }
            if (id != null && !id.equals(found)) {
                return Found.CONFLICT;
            }
            id = found;
        }
        if (id == null) {
            return Found.MISSING;
        }
        RulesInput doc = store.get(type.docs, type.docKey(keys, id));
        return doc == null ? Found.MISSING : new Found(id, doc, false);
    }

    /** The lookup cache keys of a keys map (lower-cased), in order. */
    List<String> lookupKeys(EntityType type, Map<String, String> lookup) {
        Set<String> out = new LinkedHashSet<>();
        lookup.forEach((k, v) -> {
            if (k != null && v != null) {
                out.add(type.lookupKey(keys, k, v));
            }
        });
        return new ArrayList<>(out);
    }

    /**
     * Stores a full entity: document, its lookup keys, and removes the lookup keys a previous version had that this
     * one lacks. Returns what was stored, or {@code null} when the entity has no keys (not cached, as the official SDKs
     * do).
     */
    Stored putEntity(EntityType type, String id, JsonObject entity) {
        Map<String, String> lookup = EntityMerge.keys(entity);
        if (lookup.isEmpty()) {
            return null;
        }
        RulesInput doc = RulesInput.packed(entity.toString());
        String docKey = type.docKey(keys, id);
        RulesInput previous = store.get(type.docs, docKey);
        store.put(type.docs, docKey, doc, entityTtl);
        List<String> lookupKeys = writeLookups(type, id, lookup);
        if (previous != null) {
            removeStaleLookups(type, id, parseOrNull(previous), lookupKeys);
        }
        return new Stored(doc, lookupKeys);
    }

    /**
     * Applies {@code change} to the cached entity atomically (compare-and-set, retried); the lookup keys follow the
     * new document. Returns what was stored, or {@code null} when the entity is not cached or {@code change} returned
     * null.
     */
    Stored updateEntity(EntityType type, String id, UnaryOperator<JsonObject> change) {
        String docKey = type.docKey(keys, id);
        for (int i = 0; i < MAX_CAS_TRIES; i++) {
            RulesInput current = store.get(type.docs, docKey);
            if (current == null) {
                return null;
            }
            JsonObject before = parseOrNull(current);
            if (before == null) {
                return null;
            }
            JsonObject after = change.apply(before);
            if (after == null) {
                return null;
            }
            // plain, not packed: this is the track path's usage write-back, and deflating costs ~18 µs; the next full
            // entity message from the DataStream stores the packed form again
            RulesInput doc = RulesInput.of(after.toString());
            if (store.replace(type.docs, docKey, current, doc, entityTtl)) {
                List<String> lookupKeys = writeLookups(type, id, EntityMerge.keys(after));
                removeStaleLookups(type, id, before, lookupKeys);
                return new Stored(doc, lookupKeys);
            }
        }
        return null;
    }

    /** Removes an entity: its document and the lookup keys of both the cached copy and the message payload. */
    void removeEntity(EntityType type, String id, JsonObject payload) {
        String docKey = type.docKey(keys, id);
        RulesInput cached = store.get(type.docs, docKey);
        store.remove(type.docs, docKey);
        Set<String> lookups = new LinkedHashSet<>();
        if (cached != null) {
            JsonObject c = parseOrNull(cached);
            if (c != null) {
                lookups.addAll(lookupKeys(type, EntityMerge.keys(c)));
            }
        }
        if (payload != null) {
            lookups.addAll(lookupKeys(type, EntityMerge.keys(payload)));
        }
        for (String k : lookups) {
            removeLookupOf(type, id, k);
        }
    }

    /**
     * Evicts what these lookup keys point at: each entity found (its document and every lookup key of it, as
     * {@link #removeEntity}) and the lookup entries themselves. For an error answer to a request (e.g. "not found"
     * after a reconnect, for an entity deleted meanwhile): nothing keeps a cached copy current any more. Returns how
     * many cached documents were removed.
     */
    int evict(EntityType type, Map<String, String> lookup) {
        Set<String> ids = new LinkedHashSet<>();
        for (String k : lookupKeys(type, lookup)) {
            RulesInput ref = store.get(type.lookup, k);
            String id = ref == null ? null : decodeId(ref);
            if (id != null) {
                ids.add(id);
                removeLookupOf(type, id, k);
            }
        }
        int removed = 0;
        for (String id : ids) {
            if (store.get(type.docs, type.docKey(keys, id)) != null) {
                removed++;
            }
            removeEntity(type, id, null);
        }
        return removed;
    }

    /** Points the lookup keys of {@code lookup} at {@code id}; returns those keys. */
    private List<String> writeLookups(EntityType type, String id, Map<String, String> lookup) {
        RulesInput ref = RulesInput.of(Json.quote(id));
        List<String> written = lookupKeys(type, lookup);
        for (String k : written) {
            store.put(type.lookup, k, ref, entityTtl);
        }
        return written;
    }

    private void removeStaleLookups(EntityType type, String id, JsonObject previous, List<String> now) {
        if (previous == null) {
            return;
        }
        Set<String> current = new HashSet<>(now);
        for (String k : lookupKeys(type, EntityMerge.keys(previous))) {
            if (!current.contains(k)) {
                removeLookupOf(type, id, k);
            }
        }
    }

    /** Removes a lookup entry if it still points at {@code id} (another entity may have taken the key since). */
    private void removeLookupOf(EntityType type, String id, String lookupKey) {
        RulesInput ref = store.get(type.lookup, lookupKey);
        if (ref != null && id.equals(decodeId(ref))) {
            store.remove(type.lookup, lookupKey);
        }
    }

    /** A lookup value is the id as a JSON string ({@code "comp_9"}, with the quotes). */
    static String decodeId(RulesInput ref) {
        String s = ref.json();
        if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"' && s.indexOf('\\') < 0) {
            return s.substring(1, s.length() - 1);
        }
        try {
            JsonValue v = Json.parse(s);
            return v instanceof JsonString js ? js.getString() : null;
        } catch (JsonException e) {
            return null;
        }
    }

    static JsonObject parseOrNull(RulesInput doc) {
        try {
            return Json.parseObject(doc.json());
        } catch (JsonException e) {
            return null;
        }
    }

    private static String idOf(RulesInput doc) {
        JsonObject o = parseOrNull(doc);
        return o == null ? null : Json.string(o, "id");
    }
}
