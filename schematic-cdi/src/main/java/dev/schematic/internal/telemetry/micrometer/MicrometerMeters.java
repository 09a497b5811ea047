package dev.schematic.internal.telemetry.micrometer;

import dev.schematic.DataStreamState;
import dev.schematic.EvaluationContext;
import dev.schematic.EventStats;
import dev.schematic.FlagCheck;
import dev.schematic.RulesEngineStats;
import dev.schematic.internal.telemetry.CheckObserver;
import dev.schematic.internal.telemetry.CheckOutcome;
import dev.schematic.internal.telemetry.Meters;
import dev.schematic.internal.telemetry.Telemetry;
import dev.schematic.internal.telemetry.TelemetrySource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The SDK's meters on one Micrometer registry, with the names of {@link Meters} (a Prometheus registry writes
 * {@code schematic.flag.checks} as {@code schematic_flag_checks_total}). The check counter and timer are fed by the
 * check path; the rest are function counters and gauges read from the client's counters at scrape time. Only
 * the seconds carry a base unit: Prometheus would append any other ({@code schematic_events_queued_events_total}).
 */
public final class MicrometerMeters implements CheckObserver {
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final Map<String, Counter> checks = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    private MicrometerMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers every meter on {@code registry}; closing the result removes them. */
    public static AutoCloseable register(Telemetry telemetry, MeterRegistry registry) {
        return telemetry.registerOnce(registry, () -> {
            MicrometerMeters m = new MicrometerMeters(registry);
            m.registerReadMeters(telemetry.source());
            AutoCloseable observing = telemetry.observe(m);
            return () -> {
                observing.close();
                m.meters.addAll(m.checks.values());
                m.meters.addAll(m.timers.values());
                m.meters.forEach(registry::remove);
            };
        });
    }

    private void registerReadMeters(TelemetrySource s) {
        counter(Meters.EVENTS_QUEUED, s, src -> src.events().submitted());
        counter(Meters.EVENTS_SENT, s, src -> src.events().delivered());
        counter(Meters.EVENTS_DROPPED, s, src -> src.events().dropped());
        counter(Meters.EVENTS_FAILED, s, src -> src.events().failed());
        gauge(Meters.EVENTS_QUEUE_SIZE, s, src -> {
            EventStats e = src.events();
            return e.queued() + e.inFlight();
        });
        gauge(Meters.FLAG_CACHE_SIZE, s, TelemetrySource::flagCacheSize);
        for (DataStreamState st : DataStreamState.values()) {
            meters.add(Gauge.builder(
                            Meters.DATASTREAM_STATE.meterName,
                            s,
                            src -> src.dataStream().state() == st ? 1 : 0)
                    .description(Meters.DATASTREAM_STATE.description)
                    .tag(Meters.STATE, st.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        counter(
                Meters.DATASTREAM_RECONNECTS,
                s,
                src -> Math.max(0, src.dataStream().connects() - 1));
        meters.add(Gauge.builder(Meters.DATASTREAM_DATA_AGE.meterName, s, src -> {
                    Duration age = src.dataStream().dataAge();
                    return age == null ? Double.NaN : age.toMillis() / 1000.0;
                })
                .description(Meters.DATASTREAM_DATA_AGE.description)
                .baseUnit("seconds")
                .register(registry));
        counter(Meters.ENGINE_EVALUATIONS, s, engine(RulesEngineStats::evaluations));
        counter(Meters.ENGINE_MEMO_HITS, s, engine(RulesEngineStats::memoHits));
        counter(Meters.ENGINE_FAILURES, s, engine(RulesEngineStats::failures));
        gauge(Meters.ENGINE_MEMO_SIZE, s, engine(RulesEngineStats::memoEntries));
    }

    @Override
    public void checked(FlagCheck check, EvaluationContext context, long nanos) {
        CheckOutcome outcome = CheckOutcome.of(check);
        checks.computeIfAbsent(
                        outcome.source() + '|' + outcome.reason(),
                        k -> Counter.builder(Meters.FLAG_CHECKS.meterName)
                                .description(Meters.FLAG_CHECKS.description)
                                .tag(Meters.SOURCE, outcome.source())
                                .tag(Meters.REASON, outcome.reason())
                                .register(registry))
                .increment();
        if (nanos >= 0) {
            timers.computeIfAbsent(
                            outcome.source(),
                            k -> Timer.builder(Meters.FLAG_CHECK_DURATION.meterName)
                                    .description(Meters.FLAG_CHECK_DURATION.description)
                                    .tag(Meters.SOURCE, k)
                                    .register(registry))
                    .record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private static ToDoubleFunction<TelemetrySource> engine(ToDoubleFunction<RulesEngineStats> read) {
        return src -> {
            RulesEngineStats r = src.rulesEngine();
            return r == null ? 0 : read.applyAsDouble(r);
        };
    }

    private void counter(Meters m, TelemetrySource s, ToDoubleFunction<TelemetrySource> read) {
        meters.add(FunctionCounter.builder(m.meterName, s, read)
                .description(m.description)
                .register(registry));
    }

    private void gauge(Meters m, TelemetrySource s, ToDoubleFunction<TelemetrySource> read) {
        meters.add(
                Gauge.builder(m.meterName, s, read).description(m.description).register(registry));
    }
}
