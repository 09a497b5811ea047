package dev.schematic;

import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of the DataStream connection, for {@code Schematic.dataStream()} and the readiness check.
 *
 * @param state where the connection stands
 * @param reason why (e.g. {@code connected; 312 flags loaded}, {@code socket closed (1006): …; reconnecting in 2 s})
 * @param since when the state was entered
 * @param url the WebSocket URL, or {@code null} when disabled
 * @param store the entity store in use, or {@code null} when not started
 * @param lastMessageAt when the last message arrived, or {@code null}
 * @param connects sockets opened so far
 * @param messages messages received so far
 * @param malformedMessages messages that could not be used (bad JSON, wrong shapes); counted and logged, never fatal
 * @param droppedMessages messages dropped because the processing queue stayed full
 * @param replicator in replicator mode, the last poll of the replicator's readiness endpoint; otherwise {@code null}
 * @param dataAsOf when the cached data was last known current: the snapshot's time while {@code READY}, the moment
 *     the client stopped being ready otherwise (socket lost, replicator not ready); {@code null} before it was ever
 *     ready
 * @param dataAge how old the cached data is at the snapshot's time ({@code ZERO} while {@code READY}; growing while
 *     {@code STALE}); {@code null} before it was ever ready
 */
public record DataStreamStatus(
        DataStreamState state,
        String reason,
        Instant since,
        String url,
        String store,
        Instant lastMessageAt,
        long connects,
        long messages,
        long malformedMessages,
        long droppedMessages,
        ReplicatorStatus replicator,
        Instant dataAsOf,
        Duration dataAge) {

    /** A status without the data's age. */
    public DataStreamStatus(
            DataStreamState state,
            String reason,
            Instant since,
            String url,
            String store,
            Instant lastMessageAt,
            long connects,
            long messages,
            long malformedMessages,
            long droppedMessages,
            ReplicatorStatus replicator) {
        this(
                state,
                reason,
                since,
                url,
                store,
                lastMessageAt,
                connects,
                messages,
                malformedMessages,
                droppedMessages,
                replicator,
                null,
                null);
    }

    /** A status without replicator (direct mode). */
    public DataStreamStatus(
            DataStreamState state,
            String reason,
            Instant since,
            String url,
            String store,
            Instant lastMessageAt,
            long connects,
            long messages,
            long malformedMessages,
            long droppedMessages) {
        this(
                state,
                reason,
                since,
                url,
                store,
                lastMessageAt,
                connects,
                messages,
                malformedMessages,
                droppedMessages,
                null);
    }

    /** The status of a client without DataStream. */
    public static final DataStreamStatus DISABLED = new DataStreamStatus(
            DataStreamState.DISABLED,
            "schematic.datastream.enabled is false",
            Instant.EPOCH,
            null,
            null,
            null,
            0,
            0,
            0,
            0);

    /** True when the data is current and checks are evaluated locally ({@code READY}). */
    public boolean ready() {
        return state == DataStreamState.READY;
    }

    /**
     * True when checks whose flag and company/user are cached are evaluated locally: {@code READY}, and {@code STALE}
     * (from the cache as of {@link #dataAsOf()}; anything not cached goes to the REST API at once).
     */
    public boolean answersLocally() {
        return state == DataStreamState.READY || state == DataStreamState.STALE;
    }
}
