package dev.schematic.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.Schematic;
import dev.schematic.testkit.FakeSchematic;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SDK under quarkus-opentelemetry (docs/observability.md): a flag check made inside a traced JAX-RS request adds a
 * {@code feature_flag.evaluation} event, with the feature-flag semantic-convention attributes, to that request's server
 * span; with {@code quarkus.otel.metrics.enabled=true} the SDK's meters reach Quarkus' OpenTelemetry metrics. Both
 * are read back from the OpenTelemetry SDK's in-memory exporters, which quarkus-opentelemetry exports to because they
 * are CDI beans.
 */
class OpenTelemetryQuarkusTest {
    // one fake per class loader copy of this class, programmed alike; the application talks to the first one's
    static final FakeSchematic FAKE = FakeSchematic.start();

    static {
        FAKE.flag("beta").defaultValue(false).forCompany(Map.of("id", "acme"), true);
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BetaResource.class, InMemoryExporters.class))
            .overrideConfigKey("schematic.api-key", "sch_dev_otel")
            .overrideConfigKey("schematic.base-url", FAKE.baseUrl())
            .overrideConfigKey("schematic.event-capture-url", FAKE.baseUrl())
            .overrideConfigKey("schematic.cache.enabled", "false")
            .overrideConfigKey("quarkus.otel.metrics.enabled", "true")
            .overrideConfigKey("quarkus.otel.metric.export.interval", "100ms")
            .overrideConfigKey("quarkus.otel.bsp.schedule.delay", "50ms")
            .setAfterUndeployListener(FAKE::close);

    @Path("/beta")
    public static class BetaResource {
        @Inject
        Schematic schematic;

        @GET
        public String beta(@QueryParam("company") String company) {
            return String.valueOf(schematic.checkFlag("beta", Map.of("id", company), Map.of()));
        }
    }

    @ApplicationScoped
    public static class InMemoryExporters {
        @Produces
        @Singleton
        InMemorySpanExporter spans() {
            return InMemorySpanExporter.create();
        }

        @Produces
        @Singleton
        InMemoryMetricExporter metrics() {
            return InMemoryMetricExporter.create();
        }
    }

    @Inject
    InMemorySpanExporter spans;

    @Inject
    InMemoryMetricExporter metrics;

    @Test
    void aCheckInATracedRequestIsAnEventOnTheRequestsServerSpan() {
        spans.reset();
        assertEquals("true", given().get("/beta?company=acme").asString());

        SpanData server = await(
                "the server span of GET /beta",
                () -> spans.getFinishedSpanItems().stream()
                        .filter(s -> s.getKind() == SpanKind.SERVER
                                && s.getName().contains("/beta")
                                // this request's, not a late export of the other test's request (globex: false)
                                && s.getEvents().stream()
                                        .anyMatch(e -> "true"
                                                .equals(e.getAttributes()
                                                        .get(AttributeKey.stringKey("feature_flag.result.value")))))
                        .findFirst());
        EventData event = server.getEvents().stream()
                .filter(e -> e.getName().equals("feature_flag.evaluation"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no feature_flag.evaluation event on " + server));
        Attributes a = event.getAttributes();
        assertEquals("beta", a.get(AttributeKey.stringKey("feature_flag.key")), a::toString);
        assertEquals("schematic", a.get(AttributeKey.stringKey("feature_flag.provider.name")));
        assertEquals("true", a.get(AttributeKey.stringKey("feature_flag.result.value")));
        assertEquals("targeting_match", a.get(AttributeKey.stringKey("feature_flag.result.reason")));
        assertEquals("rule_beta_company_1", a.get(AttributeKey.stringKey("schematic.rule.id")), a::toString);
        assertEquals("api", a.get(AttributeKey.stringKey("schematic.source")));
        assertEquals(null, a.get(AttributeKey.stringKey("error.type")), a::toString);
    }

    @Test
    void theSdksMetersAreExportedThroughQuarkusOpenTelemetryMetrics() {
        assertEquals("false", given().get("/beta?company=globex").asString());

        // cumulative counts: the latest export of schematic.flag.checks has a point for the API's default answer
        long defaults = await(
                "schematic.flag.checks with source=api, reason=default",
                () -> metrics.getFinishedMetricItems().stream()
                        .filter(m -> m.getName().equals("schematic.flag.checks"))
                        .reduce((first, second) -> second)
                        .flatMap(m -> points(m).stream()
                                .filter(p -> "api".equals(p.getAttributes().get(AttributeKey.stringKey("source")))
                                        && "default".equals(p.getAttributes().get(AttributeKey.stringKey("reason"))))
                                .map(LongPointData::getValue)
                                .findFirst()));
        assertTrue(defaults >= 1, "counted " + defaults);
        List<String> names = metrics.getFinishedMetricItems().stream()
                .map(MetricData::getName)
                .distinct()
                .toList();
        assertTrue(names.contains("schematic.events.queued"), names::toString);
        assertTrue(names.contains("schematic.flag.check.duration"), names::toString);
    }

    private static List<LongPointData> points(MetricData m) {
        return List.copyOf(m.getLongSumData().getPoints());
    }

    private static <T> T await(String what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("not exported within 15 s: " + what);
    }
}
