package dev.schematic.it.wildfly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.it.wildfly.telemetry.TelemetryApplication;
import dev.schematic.testkit.FakeSchematic;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.File;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SDK's OpenTelemetry data under the server's MicroProfile Telemetry, exported for real: the WAR carries no
 * OpenTelemetry jar (the server provides the API), turns the server's OpenTelemetry SDK on with {@code
 * otel.sdk.disabled=false} in its {@code microprofile-config.properties} and points the OTLP exporter
 * ({@code http/protobuf}) at {@link OtlpReceiver} in this JVM. A request to a JAX-RS resource that checks a flag must
 * arrive as the server's request span carrying the SDK's {@code feature_flag.evaluation} event, and the SDK's
 * {@code schematic.flag.checks} counter must arrive through the server's meter provider (the container's {@code
 * OpenTelemetry} CDI bean). The configuration is the one docs/observability.md gives.
 *
 * <p>WildFly needs nothing beyond {@code standalone-microprofile.xml} (it has the opentelemetry and
 * microprofile-telemetry subsystems). Open Liberty needs the {@code mpTelemetry-2.0} feature and the {@code
 * third-party} API visibility for the application (its suite's server.xml and arquillian.xml). Not run on Payara
 * Micro: not tried there yet.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisabledIfSystemProperty(
        named = "it.server",
        matches = "payara-micro",
        disabledReason = "MicroProfile Telemetry on Payara Micro is not covered yet")
class MicroProfileTelemetryIT {
    private static final String SPAN_FLAG = "otel-new-checkout";
    private static final String METERED_FLAG = "otel-metered";
    private static final String MISSING_FLAG = "otel-no-such-flag";
    /** Exports every 100 ms (spans) and 500 ms (metrics), so a few seconds is ample even on a loaded machine. */
    private static final Duration EXPORTED_WITHIN = Duration.ofSeconds(30);

    private static OtlpReceiver receiver;

    /**
     * Started with the deployment (its port goes into the WAR's configuration) and stopped when the test JVM exits:
     * the server flushes once more when the WAR is undeployed, after the last test.
     */
    private static synchronized OtlpReceiver receiver() {
        if (receiver == null) {
            receiver = OtlpReceiver.start();
            Runtime.getRuntime().addShutdownHook(new Thread(receiver::close, "otlp-receiver-shutdown"));
        }
        return receiver;
    }

    /**
     * The settings an application adds to enable MicroProfile Telemetry and export over OTLP/HTTP; only the short
     * export intervals are for the test's sake.
     */
    static Map<String, String> telemetryConfig(String endpoint) {
        Map<String, String> otel = new TreeMap<>();
        otel.put("otel.sdk.disabled", "false");
        otel.put("otel.service.name", "schematic-telemetry-it");
        otel.put("otel.exporter.otlp.endpoint", endpoint);
        otel.put("otel.exporter.otlp.protocol", "http/protobuf");
        otel.put("otel.traces.exporter", "otlp");
        otel.put("otel.metrics.exporter", "otlp");
        otel.put("otel.logs.exporter", "none");
        otel.put("otel.bsp.schedule.delay", "100");
        otel.put("otel.metric.export.interval", "500");
        return otel;
    }

    @Deployment(testable = false)
    static WebArchive telemetry() {
        return ShrinkWrap.create(WebArchive.class, "telemetry.war")
                .addPackage(TelemetryApplication.class.getPackage())
                .addAsResource(
                        new StringAsset(AppArchives.properties(
                                telemetryConfig(receiver().endpoint()))),
                        "META-INF/microprofile-config.properties")
                .addAsLibraries(AppArchives.sdkLibraries().toArray(File[]::new));
    }

    @ArquillianResource
    URL base;

    FakeSchematic fake;
    ShopClient client;

    @BeforeEach
    void programTheFake() {
        fake = FakeServer.get().reset();
        fake.company(Map.of("id", "acme"), "Acme", Map.of());
        fake.flag(SPAN_FLAG).defaultValue(false).forCompany(Map.of("id", "acme"), true, "rule_otel_acme", "acme");
        fake.flag(METERED_FLAG).defaultValue(false).forCompany(Map.of("id", "acme"), true);
        client = new ShopClient(base);
    }

    private boolean check(String flag, String company) {
        ShopClient.Answer a = client.get("api/flags/" + flag + "/" + company);
        assertEquals(200, a.status(), a::body);
        return a.json().getBoolean("value");
    }

    @Test
    void aFlagCheckIsAnEventOnTheServersRequestSpan() {
        assertTrue(check(SPAN_FLAG, "acme"));

        Span span = exportedSpanWithCheckOf(SPAN_FLAG);
        assertEquals(Span.SpanKind.SPAN_KIND_SERVER, span.getKind(), "the request's span, opened by the server");
        Map<String, String> event = checkEvent(span, SPAN_FLAG);
        assertEquals("schematic", event.get("feature_flag.provider.name"), event::toString);
        assertEquals("true", event.get("feature_flag.result.value"), event::toString);
        assertEquals("targeting_match", event.get("feature_flag.result.reason"), event::toString);
        assertEquals("api", event.get("schematic.source"), event::toString);
        assertEquals("rule_otel_acme", event.get("schematic.rule.id"), event::toString);
        String acmeId = fake.findCompany(Map.of("id", "acme")).orElseThrow().getString("id");
        assertEquals(acmeId, event.get("feature_flag.context.id"), "Schematic's id of the matched company");
        assertFalse(event.containsKey("error.type"), event::toString);
    }

    @Test
    void anUnknownFlagIsAnErrorEvent() {
        assertFalse(check(MISSING_FLAG, "acme"));

        Map<String, String> event = checkEvent(exportedSpanWithCheckOf(MISSING_FLAG), MISSING_FLAG);
        assertEquals("false", event.get("feature_flag.result.value"), event::toString);
        assertEquals("error", event.get("feature_flag.result.reason"), event::toString);
        assertEquals("flag_not_found", event.get("error.type"), event::toString);
    }

    @Test
    void theCheckCounterIsExportedThroughTheServersMeterProvider() {
        assertTrue(check(METERED_FLAG, "acme"));

        Optional<NumberDataPoint> checks = receiver()
                .awaitCounter(
                        "schematic.flag.checks",
                        a -> "api".equals(a.get("source")) && "targeting_match".equals(a.get("reason")),
                        1,
                        EXPORTED_WITHIN);
        assertTrue(checks.isPresent(), () -> "no schematic.flag.checks{source=api} exported: " + receiver.summary());
    }

    private static Span exportedSpanWithCheckOf(String flag) {
        return receiver()
                .awaitSpan(s -> s.getEventsList().stream().anyMatch(e -> isCheckOf(e, flag)), EXPORTED_WITHIN)
                .orElseThrow(() ->
                        new AssertionError("no exported span has a check of " + flag + ": " + receiver.summary()));
    }

    private static Map<String, String> checkEvent(Span span, String flag) {
        return span.getEventsList().stream()
                .filter(e -> isCheckOf(e, flag))
                .map(e -> OtlpReceiver.attributes(e.getAttributesList()))
                .findFirst()
                .orElseThrow();
    }

    private static boolean isCheckOf(Span.Event e, String flag) {
        return e.getName().equals("feature_flag.evaluation")
                && flag.equals(OtlpReceiver.attributes(e.getAttributesList()).get("feature_flag.key"));
    }
}
