package dev.schematic.internal.datastream;

import dev.schematic.DataStreamState;
import dev.schematic.DataStreamStatus;
import dev.schematic.ReplicatorStatus;
import dev.schematic.internal.config.DataStreamSettings;
import dev.schematic.internal.replicator.ReplicatorHealth;
import dev.schematic.internal.store.EntityStore;
import dev.schematic.internal.store.StoreKeys;
import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * Replicator mode's {@link LocalSource} (docs/replicator.md): no socket. Schematic's replicator service writes flags,
 * companies and users into a shared store; this source polls the replicator's readiness URL ({@link ReplicatorHealth}),
 * reads the store under the {@code cache_version} it reports, and is ready exactly while the replicator says it is.
 * A company or user not in the store is evaluated as absent (nothing to ask for: the replicator already wrote
 * everything it has).
 */
final class ReplicatorSource implements LocalSource {
    private static final System.Logger LOG = System.getLogger(DataStreamClient.class.getName());

    private final DataStreamSettings settings;
    private final Readiness readiness;
    private volatile EntityStore store;
    private volatile String engineVersion;
    private volatile ReplicatorHealth health;
    private volatile DataStreamCache cache;

    ReplicatorSource(DataStreamSettings settings, Readiness readiness) {
        this.settings = settings;
        this.readiness = readiness;
    }

    @Override
    public void connect() {}

    @Override
    public void begin(EntityStore s, String wasmVersion) {
        store = s;
        engineVersion = wasmVersion;
        ReplicatorHealth h =
                new ReplicatorHealth(settings.replicatorHealthUrl(), settings.replicatorHealthInterval(), this::polled);
        if (!readiness.ifOpen(() -> health = h)) {
            return;
        }
        readiness.set(DataStreamState.CONNECTING, "polling the replicator at " + settings.replicatorHealthUrl());
        h.start();
    }

    /**
     * After every poll: the cache follows the reported version (until one is known, the engine's version key, as the
     * official SDKs do — reads then miss and go to the REST API), readiness follows the replicator's.
     */
    private void polled(ReplicatorStatus r) {
        EntityStore s = store;
        if (s == null) {
            return;
        }
        String version = r.cacheVersion() != null ? r.cacheVersion() : engineVersion;
        DataStreamCache c = cache;
        if (c == null || !c.keys().version().equals(version)) {
            cache = new DataStreamCache(s, new StoreKeys(version), settings.cacheTtl(), settings.flagTtl());
            if (c != null) {
                LOG.log(Level.DEBUG, () -> "Schematic replicator mode: reading cache version " + version);
            }
        }
        readiness.replicator(r.ready(), r.describe());
    }

    @Override
    public DataStreamCache cache() {
        return cache;
    }

    /** Off: other processes write the store, so a remembered answer could not know it changed. */
    @Override
    public LocalAnswers answers() {
        return null;
    }

    @Override
    public LocalMode mode(DataStreamState state) {
        return LocalMode.of(state, true);
    }

    @Override
    public EntityWaiters.Pending fetch(DataStreamCache c, EntityType type, Map<String, String> keys) {
        throw new IllegalStateException("replicator mode never asks for an entity");
    }

    @Override
    public DataStreamStatus status(Readiness.Snapshot now, String storeDescription) {
        ReplicatorHealth h = health;
        ReplicatorStatus r = h != null
                ? h.status()
                : ReplicatorStatus.initial(settings.replicatorHealthUrl().toString());
        return new DataStreamStatus(
                now.state(),
                now.reason(),
                now.since(),
                settings.replicatorHealthUrl().toString(),
                storeDescription,
                null,
                0,
                0,
                0,
                0,
                r,
                now.dataAsOf(),
                now.dataAge());
    }

    @Override
    public void failed(String why) {}

    @Override
    public void close() {
        ReplicatorHealth h = health;
        if (h != null) {
            h.close();
        }
    }
}
