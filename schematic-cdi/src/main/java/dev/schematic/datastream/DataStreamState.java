package dev.schematic.datastream;

/** Where the DataStream connection stands; see {@link DataStreamStatus}. */
public enum DataStreamState {
    /** {@code schematic.datastream.enabled=false} (or offline): every check uses the REST API. */
    DISABLED,
    /** Starting or connecting, never ready yet: checks use the REST API. */
    CONNECTING,
    /** Connected and every flag loaded: checks are evaluated locally. */
    READY,
    /** Was ready, lost the socket and is reconnecting: checks use the REST API meanwhile. */
    STALE,
    /** Stopped for good (the server refused the API key, or no WebSocket client is available): see the reason. */
    ERROR
}
