package dev.schematic;

/** Where the DataStream connection stands; see {@link DataStreamStatus}. */
public enum DataStreamState {
    /** {@code schematic.datastream.enabled=false} (or offline): every check uses the REST API. */
    DISABLED,
    /** Starting or connecting, never ready yet (no data): checks use the REST API. */
    CONNECTING,
    /**
     * Connected and every flag loaded (replicator mode: the replicator says ready): checks are evaluated locally; a
     * company or user not cached is asked for and waited for at most {@code entity-timeout} (replicator mode: evaluated
     * as absent).
     */
    READY,
    /**
     * Was ready, lost the socket and is reconnecting (replicator mode: the replicator stopped saying ready): checks
     * whose flag and company/user are cached are evaluated from the cache at once; a check needing anything not
     * cached goes to the REST API at once, never waiting for the socket. {@link DataStreamStatus#dataAge()} says how
     * old the cache is.
     */
    STALE,
    /**
     * Stopped for good (the server refused the API key, or no WebSocket client is available): see the reason. The
     * cache is no longer kept current, so every check uses the REST API.
     */
    ERROR
}
