package dev.schematic.internal.flags;

import dev.schematic.FlagCheck;
import dev.schematic.internal.concurrent.DaemonThreads;
import dev.schematic.internal.store.InfinispanLogging;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.eviction.EvictionStrategy;
import org.infinispan.manager.DefaultCacheManager;

/**
 * The local cache of API flag-check results: an Infinispan embedded local cache bounded to {@code maxSize} entries
 * (least recently used removed first) that are fresh for {@code ttl} after being written. With {@code maxStale > 0}
 * an entry is kept {@code maxStale} longer, for stale-if-error: {@link #get} returns fresh answers only, {@link
 * #lookup} also a stale one with its age, which flag checks serve only while the API is failing.
 *
 * <p>Infinispan starts on a background thread ({@code schematic-cache-start}) the first time the cache is used, so no
 * check ever waits for it; until it is up every lookup is a miss. {@link #awaitStarted(Duration)} waits for it (used
 * by eager start). A cache with {@code maxSize == 0} or disabled by config is never started.
 */
public final class FlagCheckCache implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FlagCheckCache.class.getName());
    static final String CACHE_NAME = "schematic-flag-checks";

    private final boolean enabled;
    private final int maxSize;
    private final Duration ttl;
    private final long ttlNanos;
    private final long maxAgeNanos;
    private final Duration maxStale;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Cache<String, Cached> cache;
    private volatile DefaultCacheManager manager;
    private volatile boolean starting;
    private volatile boolean closed;

    /** A cached answer and when it was written. */
    public record Cached(FlagCheck check, long writtenNanos) {
        /** How long ago it was written. */
        public Duration age() {
            return Duration.ofNanos(System.nanoTime() - writtenNanos);
        }
    }

    public FlagCheckCache(boolean enabled, int maxSize, Duration ttl) {
        this(enabled, maxSize, ttl, Duration.ZERO);
    }

    public FlagCheckCache(boolean enabled, int maxSize, Duration ttl, Duration maxStale) {
        this.enabled = enabled && maxSize > 0 && !ttl.isZero();
        this.maxSize = maxSize;
        this.ttl = ttl;
        this.ttlNanos = ttl.toNanos();
        this.maxAgeNanos = ttl.plus(maxStale).toNanos();
        this.maxStale = maxStale;
    }

    /** How long past its TTL an entry is kept for stale-if-error. */
    public Duration maxStale() {
        return maxStale;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The fresh cached result (written less than {@code ttl} ago), or null (also while the cache is starting). */
    public FlagCheck get(String key) {
        Cached hit = lookup(key);
        return hit != null && isFresh(hit) ? hit.check() : null;
    }

    /** The cached result, fresh or stale (at most {@code ttl + maxStale} old), or null. */
    public Cached lookup(String key) {
        Cache<String, Cached> c = cache;
        if (c == null) {
            startInBackground();
            return null;
        }
        Cached hit = c.get(key);
        return hit == null || System.nanoTime() - hit.writtenNanos() > maxAgeNanos ? null : hit;
    }

    /** Whether an entry is younger than the TTL. */
    public boolean isFresh(Cached hit) {
        return System.nanoTime() - hit.writtenNanos() < ttlNanos;
    }

    public void put(String key, FlagCheck result) {
        Cache<String, Cached> c = cache;
        if (c != null) {
            c.put(key, new Cached(result, System.nanoTime()));
        } else {
            startInBackground();
        }
    }

    /** Removes every cached result. */
    public void clear() {
        Cache<String, Cached> c = cache;
        if (c != null) {
            c.clear();
        }
    }

    /** Entries held now (stale ones included). */
    public int size() {
        Cache<String, Cached> c = cache;
        return c == null ? 0 : c.size();
    }

    /** Starts the cache if needed and waits until it serves lookups. Returns false on timeout or when disabled. */
    public boolean awaitStarted(Duration timeout) {
        if (!enabled) {
            return false;
        }
        startInBackground();
        try {
            return started.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && cache != null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void startInBackground() {
        if (!enabled || starting || closed) {
            return;
        }
        synchronized (this) {
            if (starting || closed) {
                return;
            }
            starting = true;
        }
        DaemonThreads.named("schematic-cache-start").newThread(this::startNow).start();
    }

    private void startNow() {
        try {
            InfinispanLogging.quietStartup();
            GlobalConfigurationBuilder global = new GlobalConfigurationBuilder().nonClusteredDefault();
            global.cacheManagerName("schematic-" + UUID.randomUUID());
            global.jmx().disable();
            // a flag-check cache has no metrics of its own; without this Infinispan warns that Micrometer is absent
            global.metrics().gauges(false).histograms(false).jvm(false);
            DefaultCacheManager m = new DefaultCacheManager(global.build());
            ConfigurationBuilder config = new ConfigurationBuilder();
            config.memory().maxCount(maxSize).whenFull(EvictionStrategy.REMOVE);
            config.expiration().lifespan(ttl.plus(maxStale).toMillis(), TimeUnit.MILLISECONDS);
            m.defineConfiguration(CACHE_NAME, config.build());
            Cache<String, Cached> c = m.getCache(CACHE_NAME);
            synchronized (this) {
                if (closed) {
                    m.stop();
                    return;
                }
                manager = m;
                cache = c;
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "Schematic flag-check cache could not start; checks go to the API uncached", e);
        } finally {
            started.countDown();
        }
    }

    @Override
    public void close() {
        if (starting) {
            // let a start in progress finish, so it does not run on against a closing class loader (app servers)
            try {
                started.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        DefaultCacheManager m;
        synchronized (this) {
            closed = true;
            m = manager;
            manager = null;
            cache = null;
        }
        if (m != null) {
            m.stop();
        }
    }

    /**
     * The cache key of a check: {@code <flag>[:company:k=v;k=v][:user:k=v]}, maps sorted by key, parts only when
     * non-empty (the official Python SDK's layout).
     */
    public static String key(String flagKey, Map<String, String> company, Map<String, String> user) {
        StringBuilder sb = new StringBuilder(64).append(flagKey);
        append(sb, ":company:", company);
        append(sb, ":user:", user);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String label, Map<String, String> keys) {
        if (keys == null || keys.isEmpty()) {
            return;
        }
        sb.append(label);
        Map<String, String> sorted = keys.size() == 1 || keys instanceof TreeMap ? keys : new TreeMap<>(keys);
        boolean first = true;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (!first) {
                sb.append(';');
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
            first = false;
        }
    }
}
