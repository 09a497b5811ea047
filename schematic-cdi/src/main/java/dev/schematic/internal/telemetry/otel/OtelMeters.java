package dev.schematic.internal.telemetry.otel;

import dev.schematic.DataStreamState;
import dev.schematic.DataStreamStatus;
import dev.schematic.EvaluationContext;
import dev.schematic.EventStats;
import dev.schematic.FlagCheck;
import dev.schematic.RulesEngineStats;
import dev.schematic.internal.telemetry.CheckObserver;
import dev.schematic.internal.telemetry.CheckOutcome;
import dev.schematic.internal.telemetry.Meters;
import dev.schematic.internal.telemetry.Telemetry;
import dev.schematic.internal.telemetry.TelemetrySource;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * The SDK's meters on one OpenTelemetry instance (names in {@link Meters}): the check counter and latency histogram
 * are fed by the check path; everything else is an asynchronous instrument read from the client's counters when the
 * SDK collects.
 */
final class OtelMeters implements CheckObserver {
    private static final AttributeKey<String> SOURCE = AttributeKey.stringKey(Meters.SOURCE);
    private static final AttributeKey<String> REASON = AttributeKey.stringKey(Meters.REASON);
    private static final AttributeKey<String> STATE = AttributeKey.stringKey(Meters.STATE);
    /** Check latencies are 0.1 ms (cache, local) to seconds (API); the default buckets start at 5 ms. */
    private static final List<Double> LATENCY_BUCKETS = List.of(
            0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            10.0);

    private final LongCounter checks;
    private final DoubleHistogram duration;
    private final Map<String, Attributes> checkAttributes = new ConcurrentHashMap<>();
    private final Map<String, Attributes> sourceAttributes = new ConcurrentHashMap<>();

    private OtelMeters(Meter meter) {
        this.checks = meter.counterBuilder(Meters.FLAG_CHECKS.meterName)
                .setUnit(Meters.FLAG_CHECKS.unit)
                .setDescription(Meters.FLAG_CHECKS.description)
                .build();
        this.duration = meter.histogramBuilder(Meters.FLAG_CHECK_DURATION.meterName)
                .setUnit(Meters.FLAG_CHECK_DURATION.unit)
                .setDescription(Meters.FLAG_CHECK_DURATION.description)
                .setExplicitBucketBoundariesAdvice(LATENCY_BUCKETS)
                .build();
    }

    /** Registers every meter on {@code otel}; closing the result unregisters them. */
    static AutoCloseable register(Telemetry telemetry, OpenTelemetry otel) {
        Meter meter = otel.getMeter(Meters.SCOPE);
        OtelMeters m = new OtelMeters(meter);
        List<AutoCloseable> handles = new ArrayList<>();
        handles.add(telemetry.observe(m));
        TelemetrySource s = telemetry.source();
        handles.add(counter(meter, Meters.EVENTS_QUEUED, s, src -> src.events().submitted()));
        handles.add(counter(meter, Meters.EVENTS_SENT, s, src -> src.events().delivered()));
        handles.add(counter(meter, Meters.EVENTS_DROPPED, s, src -> src.events().dropped()));
        handles.add(counter(meter, Meters.EVENTS_FAILED, s, src -> src.events().failed()));
        handles.add(gauge(meter, Meters.EVENTS_QUEUE_SIZE, o -> {
            EventStats e = s.events();
            o.record(e.queued() + e.inFlight());
        }));
        handles.add(gauge(meter, Meters.FLAG_CACHE_SIZE, o -> o.record(s.flagCacheSize())));
        handles.add(gauge(meter, Meters.DATASTREAM_STATE, o -> {
            DataStreamState now = s.dataStream().state();
            for (DataStreamState st : DataStreamState.values()) {
                o.record(st == now ? 1 : 0, Attributes.of(STATE, st.name().toLowerCase(Locale.ROOT)));
            }
        }));
        handles.add(counter(
                meter,
                Meters.DATASTREAM_RECONNECTS,
                s,
                src -> Math.max(0, src.dataStream().connects() - 1)));
        handles.add(meter.gaugeBuilder(Meters.DATASTREAM_DATA_AGE.meterName)
                .setUnit(Meters.DATASTREAM_DATA_AGE.unit)
                .setDescription(Meters.DATASTREAM_DATA_AGE.description)
                .buildWithCallback(o -> {
                    DataStreamStatus d = s.dataStream();
                    if (d.dataAge() != null) {
                        o.record(d.dataAge().toMillis() / 1000.0);
                    }
                }));
        handles.add(engineCounter(meter, Meters.ENGINE_EVALUATIONS, s, RulesEngineStats::evaluations));
        handles.add(engineCounter(meter, Meters.ENGINE_MEMO_HITS, s, RulesEngineStats::memoHits));
        handles.add(engineCounter(meter, Meters.ENGINE_FAILURES, s, RulesEngineStats::failures));
        handles.add(gauge(meter, Meters.ENGINE_MEMO_SIZE, o -> {
            RulesEngineStats r = s.rulesEngine();
            if (r != null) {
                o.record(r.memoEntries());
            }
        }));
        return () -> {
            for (AutoCloseable h : handles) {
                h.close();
            }
        };
    }

    @Override
    public void checked(FlagCheck check, EvaluationContext context, long nanos) {
        CheckOutcome outcome = CheckOutcome.of(check);
        checks.add(
                1,
                checkAttributes.computeIfAbsent(
                        outcome.source() + '|' + outcome.reason(),
                        k -> Attributes.of(SOURCE, outcome.source(), REASON, outcome.reason())));
        if (nanos >= 0) {
            duration.record(
                    nanos / 1e9, sourceAttributes.computeIfAbsent(outcome.source(), k -> Attributes.of(SOURCE, k)));
        }
    }

    private static AutoCloseable counter(
            Meter meter, Meters m, TelemetrySource s, ToLongFunction<TelemetrySource> read) {
        return meter.counterBuilder(m.meterName)
                .setUnit(m.unit)
                .setDescription(m.description)
                .buildWithCallback(o -> o.record(read.applyAsLong(s)));
    }

    private static AutoCloseable engineCounter(
            Meter meter, Meters m, TelemetrySource s, ToLongFunction<RulesEngineStats> read) {
        return meter.counterBuilder(m.meterName)
                .setUnit(m.unit)
                .setDescription(m.description)
                .buildWithCallback(o -> {
                    RulesEngineStats r = s.rulesEngine();
                    if (r != null) {
                        o.record(read.applyAsLong(r));
                    }
                });
    }

    private static AutoCloseable gauge(
            Meter meter, Meters m, java.util.function.Consumer<ObservableLongMeasurement> callback) {
        return meter.gaugeBuilder(m.meterName)
                .ofLongs()
                .setUnit(m.unit)
                .setDescription(m.description)
                .buildWithCallback(callback);
    }
}
