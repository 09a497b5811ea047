package dev.schematic.testkit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A fake of Schematic's replicator service (datastream.md §4) for testing an application in replicator mode: it
 * writes flags, companies and users into a Redis-protocol server (a real {@code redis-server}, see
 * {@link LocalRedisServer}, or Infinispan's RESP endpoint) in exactly the replicator's layout, and serves its
 * readiness endpoint ({@code GET /ready}, {@code GET /health}) with the replicator's body.
 *
 * <pre>{@code
 * LocalRedisServer redis = LocalRedisServer.start();
 * FakeReplicator replicator = FakeReplicator.start(redis.url());
 * replicator.flag(DataStreamEntities.flag("new-ui", false, DataStreamEntities.companyOverride("r1", "comp_1", true)));
 * replicator.company(DataStreamEntities.company("comp_1", Map.of("id", "acme")));
 * Schematic s = Schematic.builder()...
 *         .property("schematic.datastream.replicator-mode", "true")
 *         .property("schematic.datastream.replicator-health-url", replicator.healthUrl())
 *         .property("schematic.datastream.replicator-health-interval", "200ms")
 *         .property("schematic.datastream.redis.url", redis.url()).build();
 * }</pre>
 *
 * <p>Layout ({@code {p}} = key prefix, default {@code schematic}; {@code {v}} = {@link #cacheVersion()}):
 * {@code {p}:flags:{v}:{lower(key)}} → flag JSON; {@code {p}:company:{v}:{id}} → company JSON;
 * {@code {p}:company:{v}:{lower(name)}:{lower(value)}} → {@code "id"} (a JSON string); the same with {@code user}.
 * Written with {@link #ttl(Duration)} (default none, as the replicator's {@code CACHE_TTL=0}). Lookup keys an entity
 * no longer has are deleted, as the replicator does.
 *
 * <p>Failures on demand: {@link #ready(boolean)} (200 ↔ 503), {@link #healthDown()} / {@link #healthUp()} (the
 * endpoint goes away and comes back on the same port), {@link #healthBody(String)} (any raw body, e.g. garbage),
 * {@link #cacheVersion(String)} (a new version: everything is written again under it), {@link #republish()} (after
 * the Redis-protocol server lost its data). Thread-safe.
 */
public final class FakeReplicator implements AutoCloseable {
    /** The version the fake reports until {@link #cacheVersion(String)} changes it. */
    public static final String DEFAULT_CACHE_VERSION = "fa4e0001";

    private final RespClient redis;
    private final ReplicatorHealth health;
    private final Map<String, JsonObject> flags = new LinkedHashMap<>();
    private final Map<String, JsonObject> companies = new LinkedHashMap<>();
    private final Map<String, JsonObject> users = new LinkedHashMap<>();
    private String prefix = "schematic";
    private String version = DEFAULT_CACHE_VERSION;
    private Duration ttl = Duration.ZERO;

    private FakeReplicator(RespClient redis, int healthPort) {
        this.redis = redis;
        this.health = new ReplicatorHealth(healthPort, this::cacheVersion);
    }

    /** Writes into the Redis-protocol server at {@code redis://[:password@]host:port[/0]}; serves health on a free port. */
    public static FakeReplicator start(String redisUrl) {
        URI u = URI.create(redisUrl);
        String info = u.getUserInfo();
        String password = info == null ? null : info.substring(info.indexOf(':') + 1);
        return start(u.getHost(), u.getPort() < 0 ? 6379 : u.getPort(), password);
    }

    /** Writes into the Redis-protocol server at host:port; serves health on a free port. */
    public static FakeReplicator start(String host, int port) {
        return start(host, port, null);
    }

    private static FakeReplicator start(String host, int port, String password) {
        FakeReplicator r = new FakeReplicator(RespClient.connect(host, port, password), ReplicatorHealth.freePort());
        r.healthUp();
        return r;
    }

    // ---- health endpoint (served by ReplicatorHealth)

    /** {@code http://127.0.0.1:<port>/ready}: the value for {@code schematic.datastream.replicator-health-url}. */
    public String healthUrl() {
        return health.url();
    }

    /** 200 with {@code "ready":true} (default) or 503 with {@code "ready":false}. */
    public FakeReplicator ready(boolean ready) {
        health.ready(ready);
        return this;
    }

    /** Answers every health request with this body instead (null: the normal body again). */
    public FakeReplicator healthBody(String rawBody) {
        health.rawBody(rawBody);
        return this;
    }

    /** The {@code Content-Type} of health answers (default {@code text/plain; charset=utf-8}, as the replicator's). */
    public FakeReplicator contentType(String contentType) {
        health.contentType(contentType);
        return this;
    }

    /** Stops the health endpoint: requests are refused until {@link #healthUp()}. */
    public FakeReplicator healthDown() {
        health.down();
        return this;
    }

    /** Starts the health endpoint (again) on the same port. */
    public FakeReplicator healthUp() {
        health.up();
        return this;
    }

    /** Requests to {@code /ready} so far. */
    public long polls() {
        return health.polls();
    }

    // ---- the store

    /** The key prefix (default {@code schematic}, as the replicator); set it before writing anything. */
    public synchronized FakeReplicator keyPrefix(String prefix) {
        this.prefix = prefix;
        return this;
    }

    /** TTL of the following writes (zero, the default: no expiry). */
    public synchronized FakeReplicator ttl(Duration ttl) {
        this.ttl = ttl;
        return this;
    }

    public synchronized String cacheVersion() {
        return version;
    }

    /**
     * Reports a new cache version and writes every flag, company and user again under it (what a replicator with
     * another rules-engine build does); the old version's keys stay until {@link #cleanup()}.
     */
    public synchronized FakeReplicator cacheVersion(String newVersion) {
        this.version = newVersion;
        republish();
        return this;
    }

    /** Deletes every key of another version (the replicator's hourly cleanup). */
    public synchronized int cleanup() {
        List<String> stale = new ArrayList<>();
        for (String kind : List.of("flags", "company", "user")) {
            for (String k : redis.keys(glob(prefix) + ":" + kind + ":*")) {
                String[] parts = k.substring(prefix.length() + 1).split(":", 3);
                if (parts.length >= 2 && !parts[1].equals(version)) {
                    stale.add(k);
                }
            }
        }
        stale.forEach(redis::del);
        return stale.size();
    }

    /** Writes everything again (e.g. after the Redis-protocol server restarted empty). */
    public synchronized FakeReplicator republish() {
        flags.values().forEach(this::writeFlag);
        companies.values().forEach(c -> writeEntity("company", c, null));
        users.values().forEach(u -> writeEntity("user", u, null));
        return this;
    }

    /** Adds or replaces a flag (rules-engine JSON, see {@link DataStreamEntities#flag}). */
    public synchronized FakeReplicator flag(JsonObject flag) {
        flags.put(flag.getString("key").toLowerCase(Locale.ROOT), flag);
        writeFlag(flag);
        return this;
    }

    /** Deletes a flag. */
    public synchronized FakeReplicator removeFlag(String key) {
        flags.remove(key.toLowerCase(Locale.ROOT));
        redis.del(flagKey(key));
        return this;
    }

    /** Adds or replaces a company: the document and one lookup key per entry of its {@code keys}. */
    public synchronized FakeReplicator company(JsonObject company) {
        JsonObject previous = companies.put(company.getString("id"), company);
        writeEntity("company", company, previous);
        return this;
    }

    /** Deletes a company and its lookup keys. */
    public synchronized FakeReplicator removeCompany(String id) {
        JsonObject c = companies.remove(id);
        deleteEntity("company", id, c);
        return this;
    }

    /** Adds or replaces a user: the document and one lookup key per entry of its {@code keys}. */
    public synchronized FakeReplicator user(JsonObject user) {
        JsonObject previous = users.put(user.getString("id"), user);
        writeEntity("user", user, previous);
        return this;
    }

    /** Deletes a user and its lookup keys. */
    public synchronized FakeReplicator removeUser(String id) {
        JsonObject u = users.remove(id);
        deleteEntity("user", id, u);
        return this;
    }

    /** The raw value under a full key (with prefix), or null. */
    public String get(String fullKey) {
        return redis.get(fullKey);
    }

    /** The client writing into the store, for your own inspection. */
    public RespClient redis() {
        return redis;
    }

    /** {@code {p}:flags:{v}:{lower(key)}}. */
    public synchronized String flagKey(String key) {
        return prefix + ":flags:" + version + ":" + key.toLowerCase(Locale.ROOT);
    }

    /** {@code {p}:company:{v}:{id}}. */
    public synchronized String companyKey(String id) {
        return prefix + ":company:" + version + ":" + id;
    }

    /** {@code {p}:company:{v}:{lower(name)}:{lower(value)}}. */
    public synchronized String companyLookupKey(String name, String value) {
        return lookupKey("company", name, value);
    }

    /** {@code {p}:user:{v}:{id}}. */
    public synchronized String userKey(String id) {
        return prefix + ":user:" + version + ":" + id;
    }

    /** {@code {p}:user:{v}:{lower(name)}:{lower(value)}}. */
    public synchronized String userLookupKey(String name, String value) {
        return lookupKey("user", name, value);
    }

    private String lookupKey(String kind, String name, String value) {
        return prefix + ":" + kind + ":" + version + ":" + name.toLowerCase(Locale.ROOT) + ":"
                + value.toLowerCase(Locale.ROOT);
    }

    private void writeFlag(JsonObject flag) {
        redis.set(flagKey(flag.getString("key")), flag.toString(), ttl.toMillis());
    }

    private void writeEntity(String kind, JsonObject entity, JsonObject previous) {
        String id = entity.getString("id");
        redis.set(prefix + ":" + kind + ":" + version + ":" + id, entity.toString(), ttl.toMillis());
        Set<String> now = lookups(kind, entity);
        String ref = Json.createValue(id).toString();
        for (String k : now) {
            redis.set(k, ref, ttl.toMillis());
        }
        if (previous != null) {
            for (String k : lookups(kind, previous)) {
                if (!now.contains(k)) {
                    redis.del(k);
                }
            }
        }
    }

    private void deleteEntity(String kind, String id, JsonObject entity) {
        redis.del(prefix + ":" + kind + ":" + version + ":" + id);
        if (entity != null) {
            lookups(kind, entity).forEach(redis::del);
        }
    }

    private Set<String> lookups(String kind, JsonObject entity) {
        Set<String> out = new LinkedHashSet<>();
        JsonValue keys = entity.get("keys");
        if (keys instanceof JsonObject o) {
            o.forEach((name, value) -> {
                if (value instanceof JsonString s) {
                    out.add(lookupKey(kind, name, s.getString()));
                }
            });
        }
        return out;
    }

    private static String glob(String literal) {
        return literal.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    /** Stops the health endpoint and closes the store connection (the data stays in the store). */
    @Override
    public void close() {
        healthDown();
        redis.close();
    }
}
