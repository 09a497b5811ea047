package dev.schematic.internal.datastream;

import dev.schematic.DataStreamState;

/**
 * What a check may do locally in each {@link DataStreamState} (docs/datastream.md, "States"): the outage decision.
 * While the data is kept current a missing company or user is asked for (direct mode) or known to be absent
 * (replicator mode); while it is stale only what is cached is used and anything missing goes to the REST API at
 * once, since nothing would answer a request on a socket that is down.
 */
enum LocalMode {
    /** {@code CONNECTING}, {@code ERROR}: nothing is answered locally; the REST API answers. */
    OFF,
    /**
     * {@code READY}, direct mode: a company or user not cached is asked for over the socket and waited for at most
     * {@code entity-timeout}, then the REST API.
     */
    FETCH_MISSING,
    /** {@code READY}, replicator mode: a company or user not in the store is evaluated as absent (datastream.md §4.3). */
    ABSENT_MISSING,
    /**
     * {@code STALE}, both modes (socket lost and reconnecting, or the replicator not ready): checks whose flag and
     * company/user are cached are evaluated from the cache; one that needs anything not cached goes to the REST API
     * at once. Nothing is asked for and nothing is waited for.
     */
    CACHED_ONLY;

    static LocalMode of(DataStreamState state, boolean replicatorMode) {
        return switch (state) {
            case READY -> replicatorMode ? ABSENT_MISSING : FETCH_MISSING;
            case STALE -> CACHED_ONLY;
            default -> OFF;
        };
    }
}
