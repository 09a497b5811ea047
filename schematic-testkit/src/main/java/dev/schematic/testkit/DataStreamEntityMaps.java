package dev.schematic.testkit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** The companies and users of a {@link FakeDataStream}; changes are pushed to the connections that asked for them. */
final class DataStreamEntityMaps {
    private final Map<String, JsonObject> companies = new LinkedHashMap<>();
    private final Map<String, JsonObject> users = new LinkedHashMap<>();
    private final DataStreamConnections connections;

    DataStreamEntityMaps(DataStreamConnections connections) {
        this.connections = connections;
    }

    private Map<String, JsonObject> table(String type) {
        return type.equals("rulesengine.Company") ? companies : users;
    }

    synchronized List<JsonObject> list(boolean company) {
        return List.copyOf((company ? companies : users).values());
    }

    synchronized void clear() {
        companies.clear();
        users.clear();
    }

    void upsert(String type, JsonObject entity) {
        Map<String, JsonObject> into = table(type);
        String id = entity.getString("id");
        synchronized (this) {
            into.put(id, entity);
        }
        connections.pushTo(type, id, DataStreamFrames.message(type, "full", id, entity));
    }

    void update(String type, String id, JsonObject partial) {
        Map<String, JsonObject> in = table(type);
        synchronized (this) {
            JsonObject current = in.get(id);
            if (current == null) {
                throw new IllegalArgumentException("no " + type + " with id " + id);
            }
            JsonObjectBuilder b = Json.createObjectBuilder(current);
            partial.forEach((k, v) -> {
                if (k.equals("keys") && v instanceof JsonObject added && current.get("keys") instanceof JsonObject c) {
                    JsonObjectBuilder keys = Json.createObjectBuilder(c);
                    added.forEach(keys::add);
                    b.add(k, keys);
                } else {
                    b.add(k, v);
                }
            });
            in.put(id, b.build());
        }
        connections.pushTo(type, id, DataStreamFrames.message(type, "partial", id, partial));
    }

    void delete(String type, String id) {
        Map<String, JsonObject> in = table(type);
        JsonObject gone;
        synchronized (this) {
            gone = in.remove(id);
        }
        if (gone != null) {
            connections.pushTo(type, id, DataStreamFrames.message(type, "delete", id, gone));
        }
    }

    /**
     * The company or user one of whose keys equals one of {@code wanted} (names and values lower case), or null;
     * {@code whileFound} gets its id before any change to it can be pushed (a subscription made here sees them all).
     */
    synchronized JsonObject find(boolean company, Map<String, String> wanted, Consumer<String> whileFound) {
        for (JsonObject e : (company ? companies : users).values()) {
            if (e.get("keys") instanceof JsonObject ek) {
                for (var entry : ek.entrySet()) {
                    if (entry.getValue() instanceof JsonString v
                            && v.getString()
                                    .toLowerCase(Locale.ROOT)
                                    .equals(wanted.get(entry.getKey().toLowerCase(Locale.ROOT)))) {
                        whileFound.accept(e.getString("id"));
                        return e;
                    }
                }
            }
        }
        return null;
    }
}
