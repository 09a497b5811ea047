package dev.schematic.it.wildfly;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * A minimal OpenTelemetry collector for the test JVM: accepts OTLP over HTTP with protobuf bodies ({@code
 * http/protobuf}, the protocol both servers' exporters speak besides gRPC) on {@code /v1/traces} and {@code
 * /v1/metrics}, keeps every span and metric it is sent, and answers 200 to everything else ({@code /v1/logs}) without
 * reading it. Real HTTP on a free port of 127.0.0.1; decoding with the OTLP protobuf classes.
 */
final class OtlpReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();
    private final List<Metric> metrics = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> posts = new ConcurrentHashMap<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            OtlpReceiver receiver = new OtlpReceiver(http);
            http.createContext("/", receiver::handle);
            http.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "otlp-receiver");
                t.setDaemon(true);
                return t;
            }));
            http.start();
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the OTLP receiver", e);
        }
    }

    /** The base URL an exporter is given ({@code otel.exporter.otlp.endpoint}); it appends {@code /v1/traces} etc. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        posts.computeIfAbsent(exchange.getRequestMethod() + " " + path, k -> new AtomicInteger())
                .incrementAndGet();
        try (exchange) {
            byte[] body = body(exchange);
            if (path.equals("/v1/traces")) {
                ExportTraceServiceRequest.parseFrom(body).getResourceSpansList().stream()
                        .flatMap(r -> r.getScopeSpansList().stream())
                        .forEach(s -> spans.addAll(s.getSpansList()));
            } else if (path.equals("/v1/metrics")) {
                ExportMetricsServiceRequest.parseFrom(body).getResourceMetricsList().stream()
                        .flatMap(r -> r.getScopeMetricsList().stream())
                        .forEach(s -> metrics.addAll(s.getMetricsList()));
            }
            // an empty Export*ServiceResponse: full success
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        } catch (IOException | RuntimeException e) {
            exchange.sendResponseHeaders(400, -1);
        }
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        return in.readAllBytes();
    }

    /** The first span received that matches, waiting up to {@code timeout} for it (polling, no fixed sleep). */
    Optional<Span> awaitSpan(Predicate<Span> matches, Duration timeout) {
        return await(() -> spans.stream().filter(matches).findFirst(), timeout);
    }

    /**
     * The latest data point of the sum (counter) {@code name} whose attributes match, waiting up to {@code timeout}
     * for one with a value of at least {@code atLeast}.
     */
    Optional<NumberDataPoint> awaitCounter(
            String name, Predicate<Map<String, String>> attributes, long atLeast, Duration timeout) {
        return await(
                () -> {
                    List<NumberDataPoint> points = metrics.stream()
                            .filter(m -> m.getName().equals(name) && m.hasSum())
                            .flatMap(m -> m.getSum().getDataPointsList().stream())
                            .filter(p -> attributes.test(attributes(p.getAttributesList())))
                            .toList();
                    return points.isEmpty()
                            ? Optional.<NumberDataPoint>empty()
                            : Optional.of(points.get(points.size() - 1)).filter(p -> p.getAsInt() >= atLeast);
                },
                timeout);
    }

    private static <T> Optional<T> await(java.util.function.Supplier<Optional<T>> probe, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent() || System.nanoTime() - deadline > 0) {
                return found;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
        }
    }

    /** Attribute values as strings (the SDK records strings; other types are shown for diagnostics). */
    static Map<String, String> attributes(List<KeyValue> attributes) {
        Map<String, String> out = new TreeMap<>();
        for (KeyValue kv : attributes) {
            AnyValue v = kv.getValue();
            out.put(
                    kv.getKey(),
                    v.hasStringValue() ? v.getStringValue() : v.toString().trim());
        }
        return out;
    }

    /** What arrived so far, for an assertion's message. */
    String summary() {
        return "requests " + new TreeMap<>(posts) + ", spans "
                + spans.stream().map(s -> s.getName() + "(" + s.getKind() + ")").collect(Collectors.toList())
                + ", metrics "
                + metrics.stream().map(Metric::getName).distinct().sorted().collect(Collectors.toList());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
