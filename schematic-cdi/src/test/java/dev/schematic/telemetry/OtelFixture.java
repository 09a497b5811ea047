package dev.schematic.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The real OpenTelemetry SDK with in-memory exporters, and readers for what the tests assert. */
final class OtelFixture implements AutoCloseable {
    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .setMeterProvider(
                    SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();

    OpenTelemetry openTelemetry() {
        return otel;
    }

    /** Runs {@code work} inside a span named {@code name} and returns what it returned. */
    <T> T inSpan(String name, Supplier<T> work) {
        Span span = otel.getTracer("test").spanBuilder(name).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.get();
        } finally {
            span.end();
        }
    }

    SpanData span(String name) {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans.getFinishedSpanItems()));
    }

    static List<EventData> flagEvents(SpanData span) {
        return span.getEvents().stream()
                .filter(e -> e.getName().equals("feature_flag.evaluation"))
                .toList();
    }

    static String attr(EventData e, String key) {
        return e.getAttributes().get(AttributeKey.stringKey(key));
    }

    List<MetricData> collect() {
        return List.copyOf(metrics.collectAllMetrics());
    }

    static Optional<MetricData> metric(List<MetricData> all, String name) {
        return all.stream().filter(m -> m.getName().equals(name)).findFirst();
    }

    /** The value of a long sum or gauge point whose attributes contain {@code tags}; empty when there is none. */
    static Optional<Long> longValue(List<MetricData> all, String name, Map<String, String> tags) {
        return metric(all, name).flatMap(m -> {
            var points = m.getLongSumData().getPoints().isEmpty()
                    ? m.getLongGaugeData().getPoints()
                    : m.getLongSumData().getPoints();
            return points.stream()
                    .filter(p -> matches(p.getAttributes(), tags))
                    .map(LongPointData::getValue)
                    .findFirst();
        });
    }

    static Optional<Double> doubleGauge(List<MetricData> all, String name) {
        return metric(all, name)
                .flatMap(m ->
                        m.getDoubleGaugeData().getPoints().stream().findFirst().map(p -> p.getValue()));
    }

    static long histogramCount(List<MetricData> all, String name, Map<String, String> tags) {
        return metric(all, name)
                .map(m -> m.getHistogramData().getPoints().stream()
                        .filter(p -> matches(p.getAttributes(), tags))
                        .mapToLong(HistogramPointData::getCount)
                        .sum())
                .orElse(0L);
    }

    private static boolean matches(Attributes attributes, Map<String, String> tags) {
        return tags.entrySet().stream()
                .allMatch(t -> t.getValue().equals(attributes.get(AttributeKey.stringKey(t.getKey()))));
    }

    @Override
    public void close() {
        otel.close();
    }
}
