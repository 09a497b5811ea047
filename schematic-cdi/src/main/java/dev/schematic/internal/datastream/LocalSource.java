package dev.schematic.internal.datastream;

import dev.schematic.DataStreamState;
import dev.schematic.DataStreamStatus;
import dev.schematic.internal.store.EntityStore;
import java.util.Map;

/**
 * Where local evaluation gets its data: the DataStream socket ({@link SocketSource}) or Schematic's replicator writing a
 * shared store ({@link ReplicatorSource}). The client starts it, the {@link LocalEvaluator} reads through it; neither
 * asks which one it is.
 */
interface LocalSource {
    /** Starts what needs neither the store nor the engine (the socket); called once, first. */
    void connect();

    /** The store is open and the engine loaded (its version key given): start filling or following the cache. */
    void begin(EntityStore store, String engineVersion);

    /** The cache checks read; {@code null} until {@link #begin}. */
    DataStreamCache cache();

    /** Reused answers of repeated checks; {@code null} when off. */
    LocalAnswers answers();

    /** What a check may do locally in {@code state}. */
    LocalMode mode(DataStreamState state);

    /**
     * Asks for a company or user not cached ({@link LocalMode#FETCH_MISSING} only); the returned request completes
     * when it arrives.
     */
    EntityWaiters.Pending fetch(DataStreamCache cache, EntityType type, Map<String, String> keys);

    /** The status with this source's address and counters. */
    DataStreamStatus status(Readiness.Snapshot now, String storeDescription);

    /** Stopped for good (no retry can mend {@code why}): drops what is pending. */
    void failed(String why);

    /** Stops everything this source runs. Idempotent. */
    void close();
}
