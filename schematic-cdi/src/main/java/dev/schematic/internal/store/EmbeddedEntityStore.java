package dev.schematic.internal.store;

import dev.schematic.internal.rules.RulesInput;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.eviction.EvictionStrategy;
import org.infinispan.manager.DefaultCacheManager;

/**
 * One in-process Infinispan local cache per logical cache (datastream.md §3.4): bounded by entry count (least
 * recently used removed first), each entry with the lifespan it was written with. Values are held by reference
 * (company and user documents arrive {@link RulesInput#packed packed}); keys without their repeated
 * {@code kind:{ver}:} namespace ({@link ShortKeys}).
 */
public final class EmbeddedEntityStore implements EntityStore {
    private final DefaultCacheManager manager;
    private final Map<CacheKind, Cache<String, RulesInput>> caches = new EnumMap<>(CacheKind.class);
    private final ShortKeys shortKeys = new ShortKeys();

    /**
     * @param maxEntries most entries of each company, user and lookup cache
     * @param maxFlags most entries of the flag cache
     */
    public EmbeddedEntityStore(int maxEntries, int maxFlags) {
        InfinispanLogging.quietStartup();
        GlobalConfigurationBuilder global = new GlobalConfigurationBuilder().nonClusteredDefault();
        global.cacheManagerName("schematic-datastream-" + UUID.randomUUID());
        global.jmx().disable();
        global.metrics().gauges(false).histograms(false).jvm(false);
        manager = new DefaultCacheManager(global.build());
        try {
            for (CacheKind kind : CacheKind.values()) {
                ConfigurationBuilder config = new ConfigurationBuilder();
                config.memory()
                        .maxCount(kind == CacheKind.FLAGS ? maxFlags : maxEntries)
                        .whenFull(EvictionStrategy.REMOVE);
                String name = "schematic-datastream-" + kind.name().toLowerCase(Locale.ROOT);
                manager.defineConfiguration(name, config.build());
                caches.put(kind, manager.getCache(name));
            }
        } catch (RuntimeException e) {
            manager.stop();
            throw e;
        }
    }

    @Override
    public RulesInput get(CacheKind kind, String key) {
        return caches.get(kind).get(shortKeys.shorten(key));
    }

    @Override
    public void put(CacheKind kind, String key, RulesInput value, Duration ttl) {
        caches.get(kind).put(shortKeys.shorten(key), value, lifespan(ttl), TimeUnit.MILLISECONDS);
    }

    @Override
    public void remove(CacheKind kind, String key) {
        caches.get(kind).remove(shortKeys.shorten(key));
    }

    @Override
    public boolean replace(CacheKind kind, String key, RulesInput expected, RulesInput value, Duration ttl) {
        return caches.get(kind).replace(shortKeys.shorten(key), expected, value, lifespan(ttl), TimeUnit.MILLISECONDS);
    }

    @Override
    public List<String> keys(CacheKind kind, String prefix) {
        return caches.get(kind).keySet().stream()
                .map(shortKeys::full)
                .filter(k -> k.startsWith(prefix))
                .toList();
    }

    /** Entries held now in one cache. */
    public int size(CacheKind kind) {
        return caches.get(kind).size();
    }

    @Override
    public boolean writtenOnlyHere() {
        return true;
    }

    @Override
    public String description() {
        return "embedded Infinispan";
    }

    @Override
    public void close() {
        manager.stop();
    }

    static long lifespan(Duration ttl) {
        return ttl.isZero() || ttl.isNegative() ? -1 : ttl.toMillis();
    }
}
