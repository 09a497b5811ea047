package dev.schematic.internal.store;

import dev.schematic.internal.rules.RulesInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.infinispan.client.hotrod.MetadataValue;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;
import org.infinispan.commons.configuration.StringConfiguration;
import org.infinispan.commons.util.CloseableIterator;

/**
 * One cache on an Infinispan Server, reached through Hot Rod and shared by every app instance that points at it. All
 * five logical caches live in it under {@code {prefix}:{logical key}} (datastream.md §3.2); values are JSON text, so
 * other clients can read them. The cache is created (as a local cache) when it does not exist and the user may.
 *
 * <p>Failures to reach the server are logged once and turn into misses (checks then use the REST API) and dropped
 * writes; they never throw.
 */
public final class RemoteEntityStore implements EntityStore {
    private static final System.Logger LOG = System.getLogger(RemoteEntityStore.class.getName());

    private final RemoteCacheManager manager;
    private final RemoteCache<String, String> cache;
    private final String prefix;
    private final String description;
    private final StoreReachability reachability;

    /**
     * Connects and opens (or creates) the cache.
     *
     * @param servers {@code host:port;host:port}
     * @param username Hot Rod user, or {@code null} for anonymous access
     * @param password the user's password
     * @param cacheName the remote cache
     * @param keyPrefix prefix of every key ({@code schematic} → {@code schematic:flags:…}); empty for none
     * @throws IllegalStateException when the server cannot be reached or the cache cannot be opened
     */
    public RemoteEntityStore(String servers, String username, String password, String cacheName, String keyPrefix) {
        ConfigurationBuilder b = new ConfigurationBuilder();
        b.addServers(servers);
        b.connectionTimeout(5_000).socketTimeout(5_000).maxRetries(1);
        if (username != null && !username.isEmpty()) {
            b.security()
                    .authentication()
                    .enable()
                    .username(username)
                    .password(password == null ? new char[0] : password.toCharArray());
        }
        RemoteCacheManager m = new RemoteCacheManager(b.build());
        try {
            RemoteCache<String, String> c = m.getCache(cacheName);
            if (c == null) {
                c = m.administration()
                        .getOrCreateCache(
                                cacheName,
                                new StringConfiguration("<local-cache name=\"" + cacheName
                                        + "\"><encoding media-type=\"application/x-protostream\"/></local-cache>"));
            }
            this.cache = c;
        } catch (RuntimeException e) {
            m.stop();
            throw new IllegalStateException(
                    "cannot open the Infinispan cache '" + cacheName + "' on " + servers + ": " + e.getMessage(), e);
        }
        this.manager = m;
        this.prefix = keyPrefix == null || keyPrefix.isEmpty() ? "" : keyPrefix + ":";
        this.description = "remote Infinispan cache '" + cacheName + "' on " + servers;
        this.reachability = new StoreReachability(LOG, description);
    }

    private String key(String logical) {
        return prefix + logical;
    }

    @Override
    public RulesInput get(CacheKind kind, String key) {
        try {
            String v = cache.get(key(key));
            reachability.ok();
            return v == null ? null : RulesInput.of(v);
        } catch (RuntimeException e) {
            reachability.failed("read", e);
            return null;
        }
    }

    @Override
    public void put(CacheKind kind, String key, RulesInput value, Duration ttl) {
        try {
            cache.put(key(key), value.json(), lifespan(ttl), TimeUnit.MILLISECONDS);
            reachability.ok();
        } catch (RuntimeException e) {
            reachability.failed("write", e);
        }
    }

    @Override
    public void remove(CacheKind kind, String key) {
        try {
            cache.remove(key(key));
            reachability.ok();
        } catch (RuntimeException e) {
            reachability.failed("write", e);
        }
    }

    @Override
    public boolean replace(CacheKind kind, String key, RulesInput expected, RulesInput value, Duration ttl) {
        try {
            MetadataValue<String> current = cache.getWithMetadata(key(key));
            if (current == null || !current.getValue().equals(expected.json())) {
                return false;
            }
            boolean done = cache.replaceWithVersion(
                    key(key),
                    value.json(),
                    current.getVersion(),
                    lifespan(ttl),
                    TimeUnit.MILLISECONDS,
                    -1,
                    TimeUnit.MILLISECONDS);
            reachability.ok();
            return done;
        } catch (RuntimeException e) {
            reachability.failed("write", e);
            return false;
        }
    }

    @Override
    public List<String> keys(CacheKind kind, String logicalPrefix) {
        String wanted = key(logicalPrefix);
        List<String> out = new ArrayList<>();
        try (CloseableIterator<String> it = cache.keySet().iterator()) {
            while (it.hasNext()) {
                String k = it.next();
                if (k.startsWith(wanted)) {
                    out.add(k.substring(prefix.length()));
                }
            }
            reachability.ok();
        } catch (RuntimeException e) {
            reachability.failed("scan", e);
        }
        return out;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        manager.stop();
    }

    private static long lifespan(Duration ttl) {
        return ttl.isZero() || ttl.isNegative() ? -1 : ttl.toMillis();
    }
}
