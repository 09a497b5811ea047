package dev.schematic.internal.store;

import dev.schematic.internal.rules.RulesInput;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A Redis-protocol server (Redis, Valkey, or Infinispan Server's RESP endpoint) holding the five logical caches in
 * the layout of the official SDKs and the replicator (datastream.md §3): {@code {prefix}:flags:{ver}:{key}},
 * {@code {prefix}:company:{ver}:{id}}, {@code {prefix}:company:{ver}:{name}:{value}} → {@code "comp_9"} (a JSON
 * string), the same for users. Values are JSON text; TTLs are set with {@code PX} (zero = no expiry).
 *
 * <p>Speaks plain RESP2 and sends no {@code HELLO}, {@code CLIENT SETINFO} or {@code SELECT 0}, so it also works on
 * Infinispan's dedicated RESP port (toolchain.md G9). {@link #replace} is a {@code WATCH}/{@code MULTI}/{@code EXEC}
 * compare-and-set; on a server without transactions it degrades to read-compare-write (logged once).
 *
 * <p>Failures to reach the server are logged once and turn into misses and dropped writes (checks then use the REST
 * API); they never throw. The pool reconnects by itself once the server answers again.
 */
public final class RedisEntityStore implements EntityStore {
    private static final System.Logger LOG = System.getLogger(RedisEntityStore.class.getName());
    private static final int SCAN_COUNT = 500;

    private final JedisPool pool;
    private final String prefix;
    private final String description;
    private final StoreReachability reachability;
    private volatile boolean transactions = true;

    /**
     * Creates the pool; connects lazily (a server that is down at start is not an error: reads miss until it is up).
     *
     * @param host server host
     * @param port server port
     * @param database database number ({@code SELECT}ed only when not 0)
     * @param tls {@code rediss://}
     * @param username ACL user, or empty
     * @param password password, or empty
     * @param keyPrefix prefix of every key ({@code schematic} → {@code schematic:flags:…}); empty for none
     * @param timeout connect and read timeout
     */
    public RedisEntityStore(
            String host,
            int port,
            int database,
            boolean tls,
            Optional<String> username,
            Optional<String> password,
            String keyPrefix,
            Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis)
                .socketTimeoutMillis(millis)
                .database(database)
                .ssl(tls)
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
        username.ifPresent(config::user);
        password.ifPresent(config::password);
        // plain commons-pool config: no evictor thread (JedisPoolConfig would start one that outlives a deployment)
        GenericObjectPoolConfig<Jedis> poolConfig = new GenericObjectPoolConfig<>();
        poolConfig.setMaxTotal(16);
        poolConfig.setMaxIdle(8);
        poolConfig.setMinIdle(0);
        poolConfig.setJmxEnabled(false);
        poolConfig.setTestOnBorrow(false);
        poolConfig.setTestWhileIdle(false);
        poolConfig.setMaxWait(timeout);
        this.pool = new JedisPool(poolConfig, new HostAndPort(host, port), config.build());
        this.prefix = keyPrefix == null || keyPrefix.isEmpty() ? "" : keyPrefix + ":";
        this.description = "redis " + (tls ? "rediss" : "redis") + "://" + host + ":" + port + "/" + database
                + (prefix.isEmpty() ? "" : " (prefix " + prefix + ")");
        this.reachability = new StoreReachability(LOG, description);
    }

    private String key(String logical) {
        return prefix + logical;
    }

    @Override
    public RulesInput get(CacheKind kind, String key) {
        try (Jedis j = pool.getResource()) {
            String v = j.get(key(key));
            reachability.ok();
            return v == null ? null : RulesInput.of(v);
        } catch (RuntimeException e) {
            reachability.failed("read", e);
            return null;
        }
    }

    @Override
    public void put(CacheKind kind, String key, RulesInput value, Duration ttl) {
        try (Jedis j = pool.getResource()) {
            set(j, key(key), value.json(), px(ttl));
            reachability.ok();
        } catch (RuntimeException e) {
            reachability.failed("write", e);
        }
    }

    @Override
    public void remove(CacheKind kind, String key) {
        try (Jedis j = pool.getResource()) {
            j.del(key(key));
            reachability.ok();
        } catch (RuntimeException e) {
            reachability.failed("write", e);
        }
    }

    @Override
    public boolean replace(CacheKind kind, String key, RulesInput expected, RulesInput value, Duration ttl) {
        String k = key(key);
        long px = px(ttl);
        try (Jedis j = pool.getResource()) {
            if (transactions) {
                try {
                    j.watch(k);
                } catch (JedisDataException e) {
                    transactions = false;
                    LOG.log(
                            Level.WARNING,
                            "Schematic DataStream store: " + description + " has no WATCH/MULTI/EXEC (" + e.getMessage()
                                    + "); metric write-back is read-compare-write, not atomic");
                }
            }
            String current = j.get(k);
            if (current == null || !current.equals(expected.json())) {
                if (transactions) {
                    j.unwatch();
                }
                reachability.ok();
                return false;
            }
            if (!transactions) {
                set(j, k, value.json(), px);
                reachability.ok();
                return true;
            }
            List<Object> done;
            try (Transaction t = j.multi()) {
                if (px > 0) {
                    t.set(k, value.json(), SetParams.setParams().px(px));
                } else {
                    t.set(k, value.json());
                }
                done = t.exec();
            }
            reachability.ok();
            return done != null && !done.isEmpty();
        } catch (RuntimeException e) {
            reachability.failed("write", e);
            return false;
        }
    }

    private static void set(Jedis j, String k, String v, long px) {
        if (px > 0) {
            j.set(k, v, SetParams.setParams().px(px));
        } else {
            j.set(k, v);
        }
    }

    @Override
    public List<String> keys(CacheKind kind, String logicalPrefix) {
        String wanted = key(logicalPrefix);
        List<String> out = new ArrayList<>();
        ScanParams params = new ScanParams().match(glob(wanted) + "*").count(SCAN_COUNT);
        try (Jedis j = pool.getResource()) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = j.scan(cursor, params);
                for (String k : page.getResult()) {
                    if (k.startsWith(wanted)) {
                        out.add(k.substring(prefix.length()));
                    }
                }
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
            reachability.ok();
        } catch (RuntimeException e) {
            reachability.failed("scan", e);
        }
        return out;
    }

    /** The remaining time to live of a logical key in milliseconds ({@code PTTL}: -1 none, -2 absent). */
    public long ttlMillis(String logicalKey) {
        try (Jedis j = pool.getResource()) {
            return j.pttl(key(logicalKey));
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Escapes the glob characters of a literal for {@code SCAN MATCH}. */
    static String glob(String literal) {
        StringBuilder sb = new StringBuilder(literal.length() + 8);
        for (char c : literal.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static long px(Duration ttl) {
        return ttl.isZero() || ttl.isNegative() ? 0 : Math.max(1, ttl.toMillis());
    }
}
