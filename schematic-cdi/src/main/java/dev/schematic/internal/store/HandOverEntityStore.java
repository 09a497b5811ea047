package dev.schematic.internal.store;

import dev.schematic.internal.concurrent.DaemonThreads;
import dev.schematic.internal.rules.RulesInput;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The embedded DataStream store without waiting for Infinispan (datastream.md §3.4, "the hand-over"): answers from
 * {@link InterimEntries} (an in-memory map, same bounds and lifespans) while the embedded cache manager starts on a
 * background thread ({@code schematic-store-start}, {@link #startInfinispan() when told}); once it is up, every entry moves into the Infinispan caches and
 * from then on each call goes straight to them. In a cold JVM the cache manager takes about a second; the DataStream
 * client no longer waits for it before it can be ready.
 *
 * <p>Across the move: writes ({@code put}, {@code remove}, {@code replace}) and {@code keys} take a read lock while
 * they use the map, the move takes the write lock, so no write is lost or reordered and {@code keys} is complete;
 * {@code get} never waits (the map is frozen while the move runs and during the switch, so what it reads there was
 * current). Entries keep their remaining lifespan; expired ones are not moved.
 *
 * <p>If Infinispan cannot start, an ERROR names the cause and the store keeps serving from the map (bounded, with
 * expiry) until closed: local checks go on with correct data rather than the whole load falling on the REST API.
 * {@link #close()} during the start waits for it (at most {@link #CLOSE_WAIT}) and stops the cache manager it made.
 */
public final class HandOverEntityStore implements EntityStore {
    private static final System.Logger LOG = System.getLogger(HandOverEntityStore.class.getName());
    /** How long {@link #close()} waits for a start in progress. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final InterimEntries interim;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final CountDownLatch settled = new CountDownLatch(1);
    private final Thread starter;
    /** The Infinispan store once the entries were moved into it; {@code null} before. */
    private volatile EntityStore target;
    /** Why Infinispan did not start; {@code null} unless it failed. */
    private volatile String failure;
    // guarded by lock (write)
    private boolean closed;
    private boolean launched;

    private HandOverEntityStore(int maxEntries, int maxFlags, Supplier<? extends EntityStore> infinispan) {
        this.interim = new InterimEntries(maxEntries, maxFlags);
        this.starter = DaemonThreads.named("schematic-store-start").newThread(() -> start(infinispan));
    }

    /**
     * A store answering from memory at once and starting {@code infinispan} (e.g. {@code new EmbeddedEntityStore(..)})
     * on a background thread now.
     */
    public static HandOverEntityStore start(int maxEntries, int maxFlags, Supplier<? extends EntityStore> infinispan) {
        HandOverEntityStore s = deferred(maxEntries, maxFlags, infinispan);
        s.startInfinispan();
        return s;
    }

    /**
     * A store answering from memory that starts {@code infinispan} only when told ({@link #startInfinispan()}): the
     * DataStream client does so once it is ready, so that in a cold JVM the cache manager's start does not compete for
     * the CPU with the client's own.
     */
    public static HandOverEntityStore deferred(
            int maxEntries, int maxFlags, Supplier<? extends EntityStore> infinispan) {
        return new HandOverEntityStore(maxEntries, maxFlags, infinispan);
    }

    /** Starts Infinispan on the background thread unless started already or closed. Idempotent. */
    public void startInfinispan() {
        Lock w = lock.writeLock();
        w.lock();
        try {
            if (launched || closed) {
                return;
            }
            launched = true;
        } finally {
            w.unlock();
        }
        starter.start();
    }

    private void start(Supplier<? extends EntityStore> infinispan) {
        try {
            EntityStore s;
            try {
                s = infinispan.get();
            } catch (RuntimeException | LinkageError e) {
                failure = e.toString();
                LOG.log(
                        Level.ERROR,
                        "Schematic's embedded Infinispan store could not start (" + e + "). The SDK keeps the "
                                + "DataStream data in its own in-memory map instead (same entry limits and lifespans) "
                                + "until the client is closed: local checks go on, but the data is not in Infinispan. "
                                + "Fix the cause and restart the application.",
                        e);
                return;
            }
            moveInto(s);
        } finally {
            settled.countDown();
        }
    }

    private void moveInto(EntityStore s) {
        Lock w = lock.writeLock();
        w.lock();
        try {
            if (closed) {
                s.close();
                return;
            }
            long t0 = System.nanoTime();
            int moved = interim.moveTo(s);
            target = s;
            LOG.log(
                    Level.DEBUG,
                    () -> "embedded Infinispan store up; moved " + moved + " entries into it in "
                            + (System.nanoTime() - t0) / 1_000_000 + " ms");
        } catch (RuntimeException e) {
            failure = e.toString();
            s.close();
            LOG.log(
                    Level.ERROR,
                    "Schematic could not move the DataStream data into the embedded Infinispan store (" + e
                            + "). The SDK keeps it in its own in-memory map (same entry limits and lifespans) until the"
                            + " client is closed. Fix the cause and restart the application.",
                    e);
            return;
        } finally {
            w.unlock();
        }
        interim.clear();
    }

    @Override
    public RulesInput get(CacheKind kind, String key) {
        EntityStore t = target;
        if (t != null) {
            return t.get(kind, key);
        }
        RulesInput v = interim.get(kind, key);
        if (v != null) {
            return v;
        }
        // the map may have been emptied after the move: then the entry is in Infinispan
        t = target;
        return t == null ? null : t.get(kind, key);
    }

    @Override
    public void put(CacheKind kind, String key, RulesInput value, Duration ttl) {
        write(s -> {
            s.put(kind, key, value, ttl);
            return null;
        });
    }

    @Override
    public void remove(CacheKind kind, String key) {
        write(s -> {
            s.remove(kind, key);
            return null;
        });
    }

    @Override
    public boolean replace(CacheKind kind, String key, RulesInput expected, RulesInput value, Duration ttl) {
        return write(s -> s.replace(kind, key, expected, value, ttl));
    }

    @Override
    public List<String> keys(CacheKind kind, String prefix) {
        return write(s -> s.keys(kind, prefix));
    }

    /**
     * Runs {@code op} on Infinispan once handed over, else on the map under the read lock, so that the move (under the
     * write lock) never runs while a write or a {@code keys} listing uses the map.
     */
    private <T> T write(Function<EntityStore, T> op) {
        EntityStore t = target;
        if (t == null) {
            Lock r = lock.readLock();
            r.lock();
            try {
                t = target;
                if (t == null) {
                    return op.apply(interim);
                }
            } finally {
                r.unlock();
            }
        }
        return op.apply(t);
    }

    /** True once the entries live in Infinispan. */
    public boolean handedOver() {
        return target != null;
    }

    /** Waits until the start has ended (moved, failed or closed); true when the entries live in Infinispan. */
    public boolean awaitHandOver(Duration timeout) throws InterruptedException {
        return settled.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && target != null;
    }

    /** The Infinispan store once handed over, else {@code null} (tests). */
    EntityStore infinispan() {
        return target;
    }

    @Override
    public boolean writtenOnlyHere() {
        return true;
    }

    @Override
    public String description() {
        EntityStore t = target;
        if (t != null) {
            return t.description();
        }
        String why = failure;
        return why == null
                ? "embedded Infinispan (starting; in memory until then)"
                : "in-memory map (embedded Infinispan could not start: " + why + ")";
    }

    /**
     * Stops the store; a start still in progress is waited for (at most {@link #CLOSE_WAIT}), and the cache manager it
     * made is stopped, so no Infinispan thread outlives the store. Idempotent.
     */
    @Override
    public void close() {
        boolean wasLaunched;
        Lock w = lock.writeLock();
        w.lock();
        try {
            closed = true;
            wasLaunched = launched;
        } finally {
            w.unlock();
        }
        try {
            if (wasLaunched && !settled.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(
                        Level.WARNING,
                        "Schematic's embedded Infinispan store is still starting after " + CLOSE_WAIT.toSeconds()
                                + " s; it will be stopped as soon as its start returns");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        EntityStore t = target;
        if (t != null) {
            t.close();
        }
        interim.clear();
    }
}
