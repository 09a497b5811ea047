package dev.schematic.internal.client;

import dev.schematic.DataStreamStatus;
import dev.schematic.EventStats;
import dev.schematic.RulesEngineStats;
import dev.schematic.internal.telemetry.TelemetrySource;

/** The runtime's existing counters, as the meters read them. */
final class RuntimeTelemetrySource implements TelemetrySource {
    private final SchematicRuntime rt;

    RuntimeTelemetrySource(SchematicRuntime runtime) {
        this.rt = runtime;
    }

    @Override
    public EventStats events() {
        return rt.events.stats();
    }

    @Override
    public DataStreamStatus dataStream() {
        return rt.dataStream == null ? DataStreamStatus.DISABLED : rt.dataStream.status();
    }

    @Override
    public int flagCacheSize() {
        return rt.cache.size();
    }

    @Override
    public RulesEngineStats rulesEngine() {
        return rt.dataStream == null ? null : rt.dataStream.engineStats();
    }
}
