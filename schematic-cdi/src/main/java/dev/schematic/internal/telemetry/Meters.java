package dev.schematic.internal.telemetry;

/**
 * The names, units and descriptions of the SDK's meters, one list for OpenTelemetry and Micrometer (and
 * docs/observability.md). Units are UCUM as OpenTelemetry writes them; Micrometer gets the base unit.
 */
public enum Meters {
    FLAG_CHECKS("schematic.flag.checks", "{check}", "Flag checks answered, by source and reason"),
    FLAG_CHECK_DURATION("schematic.flag.check.duration", "s", "Time to answer a flag check, by source"),
    FLAG_CACHE_SIZE("schematic.flag.cache.size", "{entry}", "Answers in the flag-check cache"),
    EVENTS_QUEUED("schematic.events.queued", "{event}", "Events accepted into the queue"),
    EVENTS_SENT("schematic.events.sent", "{event}", "Events the capture service acknowledged"),
    EVENTS_DROPPED("schematic.events.dropped", "{event}", "Events dropped before sending (queue full, after close)"),
    EVENTS_FAILED("schematic.events.failed", "{event}", "Events given up on (rejected, retries exhausted)"),
    EVENTS_QUEUE_SIZE("schematic.events.queue.size", "{event}", "Events waiting to be sent now"),
    DATASTREAM_STATE("schematic.datastream.state", "1", "1 for the DataStream connection's current state, else 0"),
    DATASTREAM_RECONNECTS(
            "schematic.datastream.reconnects", "{reconnect}", "DataStream sockets opened after the" + " first"),
    DATASTREAM_DATA_AGE("schematic.datastream.data.age", "s", "Age of the locally cached data (0 while READY)"),
    ENGINE_EVALUATIONS("schematic.engine.evaluations", "{evaluation}", "Local rules-engine evaluations"),
    ENGINE_MEMO_HITS("schematic.engine.memo.hits", "{hit}", "Evaluations served from the rules engine's memo"),
    ENGINE_MEMO_SIZE("schematic.engine.memo.size", "{entry}", "Entries in the rules engine's memo"),
    ENGINE_FAILURES(
            "schematic.engine.failures",
            "{failure}",
            "Rules-engine calls that failed (rejected, trapped," + " malformed output, unavailable)");

    /** The instrumentation scope of the OpenTelemetry meters. */
    public static final String SCOPE = "dev.schematic";

    public static final String SOURCE = "source";
    public static final String REASON = "reason";
    public static final String STATE = "state";

    public final String meterName;
    public final String unit;
    public final String description;

    Meters(String meterName, String unit, String description) {
        this.meterName = meterName;
        this.unit = unit;
        this.description = description;
    }
}
