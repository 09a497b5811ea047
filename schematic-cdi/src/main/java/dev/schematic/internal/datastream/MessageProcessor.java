package dev.schematic.internal.datastream;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Applies DataStream messages (datastream.md §2.2) to the cache, in arrival order, on the one worker thread. Unknown
 * entity and message types and unknown fields are ignored; a message that cannot be used is counted and logged (the
 * first at WARNING, later ones at DEBUG) and never stops processing.
 */
final class MessageProcessor {
    private static final System.Logger LOG = System.getLogger(MessageProcessor.class.getName());
    static final String FLAGS = "rulesengine.Flags";
    static final String FLAG = "rulesengine.Flag";

    private final DataStreamCache cache;
    private final EntityWaiters waiters;
    private final FlagsLoaded flagsLoaded;
    private final FlagListeners flagListeners;
    final LongAdder malformed = new LongAdder();
    final LongAdder ignored = new LongAdder();
    private final AtomicBoolean malformedLogged = new AtomicBoolean();

    /** Called after a full flags snapshot was stored: (generation, number of flags). */
    interface FlagsLoaded {
        void accept(long generation, int flags);
    }

    MessageProcessor(DataStreamCache cache, EntityWaiters waiters, FlagsLoaded flagsLoaded) {
        this(cache, waiters, flagsLoaded, new FlagListeners());
    }

    /** With the listeners told about flag definitions that changed ({@link dev.schematic.Schematic#onFlagsChanged}). */
    MessageProcessor(DataStreamCache cache, EntityWaiters waiters, FlagsLoaded flagsLoaded, FlagListeners listeners) {
        this.cache = cache;
        this.waiters = waiters;
        this.flagsLoaded = flagsLoaded;
        this.flagListeners = listeners;
    }

    void process(long generation, String text) {
        JsonObject message;
        try {
            message = Json.parseObject(text);
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            malformed(text, "not a JSON object: " + e.getMessage());
            return;
        }
        try {
            apply(generation, message, text);
        } catch (RuntimeException e) {
            // a shape the rules below did not expect (e.g. a number where an object belongs): never fatal
            malformed(text, e.toString());
        }
    }

    private void apply(long generation, JsonObject m, String text) {
        String entityType = Json.string(m, "entity_type");
        String messageType = Json.string(m, "message_type");
        JsonValue data = m.get("data");
        if (entityType == null || messageType == null) {
            malformed(text, "entity_type and message_type are required");
            return;
        }
        if (messageType.equals("error")) {
            error(entityType, data);
            return;
        }
        if (entityType.equals(FLAGS)) {
            if (!messageType.equals("full")) {
                ignore(entityType, messageType);
            } else if (data instanceof JsonArray flags) {
                snapshot(generation, flags, text);
            } else {
                malformed(text, "a flags snapshot needs an array of flags");
            }
            return;
        }
        if (entityType.equals(FLAG)) {
            flag(messageType, data, text);
            return;
        }
        EntityType type = EntityType.ofWire(entityType);
        if (type == null) {
            ignore(entityType, messageType);
            return;
        }
        if (!(data instanceof JsonObject entity)) {
            malformed(text, entityType + " " + messageType + " needs an object in data");
            return;
        }
        String id = Json.string(m, "entity_id");
        if (id == null || id.isEmpty()) {
            id = Json.string(entity, "id");
        }
        if (id == null || id.isEmpty()) {
            malformed(text, entityType + " " + messageType + " without entity_id or data.id");
            return;
        }
        switch (messageType) {
            case "full" -> full(type, id, entity);
            case "partial" -> partial(type, id, entity);
            case "delete" -> cache.removeEntity(type, id, entity);
            default -> ignore(entityType, messageType);
        }
    }

    /** The flag's text as the server sent it, or the parsed value serialised when the raw slice is not to be had. */
    private static String rawOr(String raw, JsonValue parsed) {
        return raw != null ? raw : parsed.toString();
    }

    private void snapshot(long generation, JsonArray flags, String text) {
        Set<String> kept = new HashSet<>();
        Set<String> changed = new TreeSet<>();
        // each flag is stored as the server sent it (the text was parsed above, so it is valid JSON): serialising the
        // parsed tree again was most of the time storing a snapshot took in a cold JVM
        List<String> raw = RawJson.elements(text, "data");
        if (raw != null && raw.size() != flags.size()) {
            raw = null;
        }
        for (int i = 0; i < flags.size(); i++) {
            JsonValue v = flags.get(i);
            String key = v instanceof JsonObject f ? Json.string(f, "key") : null;
            if (key == null || key.isEmpty()) {
                malformed(text, "a flag in the snapshot has no key");
                continue;
            }
            if (cache.putFlag(key, rawOr(raw == null ? null : raw.get(i), v))) {
                changed.add(key);
            }
            kept.add(key);
        }
        List<String> removed = cache.removeFlagsExcept(kept);
        changed.addAll(removed);
        LOG.log(
                Level.DEBUG,
                () -> "DataStream flags snapshot: " + kept.size() + " flags, " + removed.size() + " removed, "
                        + changed.size() + " changed");
        // listeners first: whoever waits for readiness and then registers one is not told about this snapshot
        flagListeners.fire(changed, Set.copyOf(removed));
        flagsLoaded.accept(generation, kept.size());
    }

    private void flag(String messageType, JsonValue data, String text) {
        if (!(data instanceof JsonObject f)) {
            malformed(text, "a flag message needs an object in data");
            return;
        }
        String key = Json.string(f, "key");
        switch (messageType) {
            case "full", "partial" -> {
                if (key == null || key.isEmpty()) {
                    malformed(text, "a flag without key");
                } else if (cache.putFlag(key, rawOr(RawJson.member(text, "data"), f))) {
                    flagListeners.fire(Set.of(key), Set.of());
                }
            }
            case "delete" -> {
                String id = Json.string(f, "id");
                if (key != null && !key.isEmpty()) {
                    if (cache.removeFlag(key)) {
                        flagListeners.fire(Set.of(key), Set.of(key));
                    }
                } else if (id != null && !id.isEmpty()) {
                    Set<String> gone = new TreeSet<>(cache.removeFlagById(id));
                    flagListeners.fire(gone, gone);
                } else {
                    malformed(text, "a flag delete without key or id");
                }
            }
            default -> ignore(FLAG, messageType);
        }
    }

    private void full(EntityType type, String id, JsonObject entity) {
        DataStreamCache.Stored stored = cache.putEntity(type, id, entity);
        if (stored != null) {
            waiters.complete(stored.lookupKeys(), stored.doc());
        }
    }

    private void partial(EntityType type, String id, JsonObject partial) {
        DataStreamCache.Stored stored = cache.updateEntity(
                type,
                id,
                cached -> type == EntityType.COMPANY
                        ? EntityMerge.company(cached, partial)
                        : EntityMerge.user(cached, partial));
        if (stored == null) {
            // §2.2: a partial for an entity not cached here is skipped (its full version arrives when requested)
            ignored.increment();
            return;
        }
        waiters.complete(stored.lookupKeys(), stored.doc());
    }

    private void error(String entityType, JsonValue data) {
        String detail = data instanceof JsonObject o ? String.valueOf(Json.string(o, "error")) : String.valueOf(data);
        LOG.log(Level.DEBUG, () -> "DataStream error message for " + entityType + ": " + detail);
        if (data instanceof JsonObject o) {
            String type = Json.string(o, "entity_type");
            EntityType t = EntityType.ofWire(type != null ? type : entityType);
            Map<String, String> keys = Json.stringMap(o.get("keys"));
            if (t != null && !keys.isEmpty()) {
                // the server will not send (or keep sending) this entity, e.g. it was deleted while the socket was
                // down and the re-request after the reconnect is answered "not found": a cached copy would be answered
                // from forever, so it goes (under all its keys) and the next check asks again or uses the REST API
                int evicted = cache.evict(t, keys);
                if (evicted > 0) {
                    LOG.log(Level.DEBUG, () -> "DataStream evicted " + evicted + " cached " + t + " for " + keys);
                }
                List<String> lookups = cache.lookupKeys(t, keys);
                waiters.fail(lookups, "DataStream error: " + detail);
            }
        }
    }

    private void ignore(String entityType, String messageType) {
        ignored.increment();
        LOG.log(Level.DEBUG, () -> "DataStream message ignored: " + entityType + " / " + messageType);
    }

    private void malformed(String text, String why) {
        malformed.increment();
        String head = text.length() > 200 ? text.substring(0, 200) + "…" : text;
        if (malformedLogged.compareAndSet(false, true)) {
            LOG.log(
                    Level.WARNING,
                    "Schematic DataStream message not usable (" + why + "): " + head
                            + " (logged once; later ones at DEBUG, counted in Schematic.dataStream())");
        } else {
            LOG.log(Level.DEBUG, () -> "DataStream message not usable (" + why + "): " + head);
        }
    }
}
