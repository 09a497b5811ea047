package dev.schematic.testkit;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Companies and users of the fake, upserted by keys like the real API. All access is synchronized on the store. */
final class EntityTable {
    static final String ENVIRONMENT_ID = "env_fake";

    private static final class KeyEntry {
        final String id;
        String value;
        final Instant createdAt;
        Instant updatedAt;

        KeyEntry(String id, String value, Instant now) {
            this.id = id;
            this.value = value;
            this.createdAt = now;
            this.updatedAt = now;
        }
    }

    private static final class Entity {
        final String id;
        final String type; // "company" | "user"
        final Instant createdAt;
        Instant updatedAt;
        Instant lastSeenAt;
        String name;
        final Map<String, KeyEntry> keys = new LinkedHashMap<>();
        final Map<String, JsonValue> traits = new LinkedHashMap<>();
        final Set<String> companyIds = new LinkedHashSet<>(); // users only
        final Map<String, Instant> membershipCreated = new LinkedHashMap<>();

        Entity(String id, String type, Instant now) {
            this.id = id;
            this.type = type;
            this.createdAt = now;
            this.updatedAt = now;
        }

        boolean matchesAny(Map<String, String> wanted) {
            for (Map.Entry<String, String> e : wanted.entrySet()) {
                KeyEntry k = keys.get(e.getKey());
                if (k != null && k.value.equals(e.getValue())) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Map<String, Entity> companies = new LinkedHashMap<>();
    private final Map<String, Entity> users = new LinkedHashMap<>();
    private long sequence;

    /** The {@code Upsert…RequestBody} for these keys, name and traits (the last two may be null). */
    static JsonObject upsertBody(
            Map<String, String> keys, String name, Map<String, ?> traits, Map<String, String> companyKeys) {
        Objects.requireNonNull(keys, "keys");
        JsonObjectBuilder b = JsonSupport.object().add("keys", JsonSupport.stringMapToJson(keys));
        if (name != null) {
            b.add("name", name);
        }
        if (traits != null) {
            b.add("traits", JsonSupport.toJsonObject(traits));
        }
        if (companyKeys != null) {
            b.add("company", JsonSupport.stringMapToJson(companyKeys));
        }
        return b.build();
    }

    synchronized void clear() {
        companies.clear();
        users.clear();
        sequence = 0;
    }

    private Map<String, Entity> table(String type) {
        return "company".equals(type) ? companies : users;
    }

    private String nextId(String prefix) {
        return prefix + Long.toString(1_000_000 + ++sequence, 36);
    }

    private static Entity findByKeys(Map<String, Entity> table, Map<String, String> keys) {
        if (keys == null || keys.isEmpty()) {
            return null;
        }
        for (Entity e : table.values()) {
            if (e.matchesAny(keys)) {
                return e;
            }
        }
        return null;
    }

    /** The id of the stored entity one of whose keys equals one of {@code keys}, or null. */
    synchronized String idForKeys(String type, Map<String, String> keys) {
        Entity e = findByKeys(table(type), keys);
        return e == null ? null : e.id;
    }

    synchronized JsonObject get(String type, String id) {
        Entity e = table(type).get(id);
        return e == null ? null : render(e);
    }

    synchronized JsonObject lookup(String type, Map<String, String> keys) {
        Entity e = findByKeys(table(type), keys);
        return e == null ? null : render(e);
    }

    synchronized boolean delete(String type, String id) {
        Entity removed = table(type).remove(id);
        if (removed != null && "company".equals(type)) {
            for (Entity u : users.values()) {
                u.companyIds.remove(id);
                u.membershipCreated.remove(id);
            }
        }
        return removed != null;
    }

    synchronized List<JsonObject> list(String type) {
        List<JsonObject> out = new ArrayList<>();
        for (Entity e : table(type).values()) {
            out.add(render(e));
        }
        return out;
    }

    /** Upserts from an {@code UpsertCompanyRequestBody} / {@code UpsertUserRequestBody}. */
    synchronized JsonObject upsert(String type, JsonObject body) {
        Map<String, Entity> table = table(type);
        Map<String, String> keys = JsonSupport.stringMap(body.get("keys"));
        String id = JsonSupport.optString(body, "id");
        Entity e;
        if (id != null) {
            e = table.get(id);
            if (e == null) {
                throw new FakeApiException(404, type + " not found");
            }
        } else {
            if (keys.isEmpty()) {
                throw new FakeApiException(400, "keys is required");
            }
            e = findByKeys(table, keys);
        }
        Instant now = Instant.now();
        if (e == null) {
            if (JsonSupport.optBoolean(body, "update_only")) {
                throw new FakeApiException(404, type + " not found");
            }
            e = new Entity(nextId("company".equals(type) ? "comp_" : "user_"), type, now);
        }
        List<String> companyIds = "user".equals(type) ? resolveCompanies(body, now) : List.of();
        for (Map.Entry<String, String> k : keys.entrySet()) {
            KeyEntry existing = e.keys.get(k.getKey());
            if (existing == null) {
                e.keys.put(k.getKey(), new KeyEntry(nextId("ekey_"), k.getValue(), now));
            } else if (!existing.value.equals(k.getValue())) {
                existing.value = k.getValue();
                existing.updatedAt = now;
            }
        }
        if (body.get("remove_keys") instanceof jakarta.json.JsonArray remove) {
            for (JsonValue v : remove) {
                String name = JsonSupport.plainString(v);
                if (e.keys.size() > 1) {
                    e.keys.remove(name);
                }
            }
        }
        String name = JsonSupport.optString(body, "name");
        if (name != null) {
            e.name = name;
        }
        if (body.get("traits") instanceof JsonObject traits) {
            e.traits.putAll(traits);
        }
        String lastSeen = JsonSupport.optString(body, "last_seen_at");
        if (lastSeen != null) {
            try {
                e.lastSeenAt = Instant.parse(lastSeen);
            } catch (RuntimeException ignored) {
                e.lastSeenAt = now;
            }
        }
        for (String companyId : companyIds) {
            if (e.companyIds.add(companyId)) {
                e.membershipCreated.put(companyId, now);
            }
        }
        e.updatedAt = now;
        table.put(e.id, e);
        return render(e);
    }

    /** Company ids named by a user upsert ({@code company}, {@code companies}, {@code company_id}, {@code company_ids}). */
    private List<String> resolveCompanies(JsonObject body, Instant now) {
        List<String> ids = new ArrayList<>();
        List<Map<String, String>> keySets = new ArrayList<>();
        Map<String, String> company = JsonSupport.stringMap(body.get("company"));
        if (!company.isEmpty()) {
            keySets.add(company);
        }
        if (body.get("companies") instanceof jakarta.json.JsonArray arr) {
            for (JsonValue v : arr) {
                Map<String, String> k = JsonSupport.stringMap(v);
                if (!k.isEmpty()) {
                    keySets.add(k);
                }
            }
        }
        for (Map<String, String> k : keySets) {
            Entity c = findByKeys(companies, k);
            if (c == null) {
                // Like identify(): unknown company keys create the company.
                c = new Entity(nextId("comp_"), "company", now);
                for (Map.Entry<String, String> kv : k.entrySet()) {
                    c.keys.put(kv.getKey(), new KeyEntry(nextId("ekey_"), kv.getValue(), now));
                }
                companies.put(c.id, c);
            }
            ids.add(c.id);
        }
        List<String> explicit = new ArrayList<>();
        String companyId = JsonSupport.optString(body, "company_id");
        if (companyId != null) {
            explicit.add(companyId);
        }
        if (body.get("company_ids") instanceof jakarta.json.JsonArray arr) {
            arr.forEach(v -> explicit.add(JsonSupport.plainString(v)));
        }
        for (String cid : explicit) {
            if (!companies.containsKey(cid)) {
                throw new FakeApiException(404, "company not found: " + cid);
            }
            ids.add(cid);
        }
        return ids;
    }

    private JsonObject render(Entity e) {
        JsonObjectBuilder b = JsonSupport.object()
                .add("id", e.id)
                .add("environment_id", ENVIRONMENT_ID)
                .add("name", e.name == null ? "" : e.name)
                .add("created_at", e.createdAt.toString())
                .add("updated_at", e.updatedAt.toString())
                .add(
                        "last_seen_at",
                        e.lastSeenAt == null ? JsonValue.NULL : JsonSupport.string(e.lastSeenAt.toString()))
                .add("keys", renderKeys(e))
                .add("entity_traits", renderTraits(e))
                .add("traits", traitsObject(e.traits));
        if ("company".equals(e.type)) {
            long userCount = users.values().stream()
                    .filter(u -> u.companyIds.contains(e.id))
                    .count();
            JsonValue emptyArray = JsonValue.EMPTY_JSON_ARRAY;
            b.add("add_ons", emptyArray)
                    .add("billing_subscriptions", emptyArray)
                    .add("custom_plan_billings", emptyArray)
                    .add("entitlements", emptyArray)
                    .add("metrics", emptyArray)
                    .add("payment_methods", emptyArray)
                    .add("plans", emptyArray)
                    .add("rules", emptyArray)
                    .add("logo_url", JsonValue.NULL)
                    .add("user_count", userCount);
        } else {
            JsonArrayBuilder memberships = JsonSupport.array();
            for (String companyId : e.companyIds) {
                Entity c = companies.get(companyId);
                if (c == null) {
                    continue;
                }
                Instant since = e.membershipCreated.getOrDefault(companyId, e.createdAt);
                memberships.add(JsonSupport.object()
                        .add("id", "cmem_" + e.id + "_" + c.id)
                        .add("company_id", c.id)
                        .add("user_id", e.id)
                        .add("created_at", since.toString())
                        .add("updated_at", since.toString())
                        .add(
                                "company",
                                JsonSupport.object()
                                        .add("id", c.id)
                                        .add("environment_id", ENVIRONMENT_ID)
                                        .add("name", c.name == null ? "" : c.name)
                                        .add("created_at", c.createdAt.toString())
                                        .add("updated_at", c.updatedAt.toString())));
            }
            b.add("company_memberships", memberships);
        }
        return b.build();
    }

    private static JsonObject traitsObject(Map<String, JsonValue> traits) {
        JsonObjectBuilder t = JsonSupport.object();
        traits.forEach(t::add);
        return t.build();
    }

    private static JsonArrayBuilder renderKeys(Entity e) {
        JsonArrayBuilder keys = JsonSupport.array();
        e.keys.forEach((name, k) -> keys.add(JsonSupport.object()
                .add("id", k.id)
                .add("environment_id", ENVIRONMENT_ID)
                .add("definition_id", "ekdef_" + e.type + "_" + name)
                .add("entity_type", e.type)
                .add("entity_id", e.id)
                .add("key", name)
                .add("value", k.value)
                .add("created_at", k.createdAt.toString())
                .add("updated_at", k.updatedAt.toString())));
        return keys;
    }

    private static JsonArrayBuilder renderTraits(Entity e) {
        JsonArrayBuilder traits = JsonSupport.array();
        e.traits.forEach((name, v) -> {
            String value = JsonSupport.plainString(v);
            traits.add(JsonSupport.object()
                    .add("id", "etrait_" + e.id + "_" + name)
                    .add("environment_id", ENVIRONMENT_ID)
                    .add("definition_id", "etdef_" + e.type + "_" + name)
                    .add("value", value == null ? "" : value)
                    .add("created_at", e.createdAt.toString())
                    .add("updated_at", e.updatedAt.toString()));
        });
        return traits;
    }
}
