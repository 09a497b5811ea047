package dev.schematic.internal.telemetry;

import dev.schematic.DataStreamStatus;
import dev.schematic.EventStats;
import dev.schematic.RulesEngineStats;

/**
 * The counters a client already keeps, read by the meters when a registry asks (gauges and counters read from these
 * snapshots): no meter adds code to the event queue, the DataStream or the rules engine.
 */
public interface TelemetrySource {
    /** The event buffer's counters. */
    EventStats events();

    /** The DataStream connection ({@link DataStreamStatus#DISABLED} without DataStream). */
    DataStreamStatus dataStream();

    /** Answers in the flag-check cache now. */
    int flagCacheSize();

    /** The rules engine's counters, or {@code null} when the client evaluates nothing locally. */
    RulesEngineStats rulesEngine();
}
