package dev.schematic.telemetry;

import static dev.schematic.telemetry.OtelFixture.attr;
import static dev.schematic.telemetry.OtelFixture.flagEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.EvaluationContext;
import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import dev.schematic.testkit.FakeSchematic;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.EventData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, docs/observability.md: an {@code AsyncSchematic} check runs on the SDK's executor, yet its {@code
 * feature_flag.evaluation} event lands on the span that was current where the check was asked for (the caller's
 * OpenTelemetry context goes along with the task), never on a span that happens to be current on the executor.
 */
class OpenTelemetryAsyncCheckTest {
    static final Map<String, String> ACME = Map.of("id", "acme");

    FakeSchematic fake;
    OtelFixture otel;

    @BeforeEach
    void start() {
        fake = FakeSchematic.start();
        fake.company(ACME, "Acme", Map.of());
        fake.flag("new-ui").defaultValue(false).forCompany(ACME, true);
        otel = new OtelFixture();
    }

    @AfterEach
    void stop() {
        otel.close();
        fake.close();
    }

    private Schematic client() {
        Schematic s = Schematic.builder()
                .apiKey("sch_dev_test_key")
                .baseUrl(fake.baseUrl())
                .eventCaptureUrl(fake.baseUrl())
                .timeout(Duration.ofSeconds(5))
                .maxRetries(0)
                .build();
        s.start();
        return s;
    }

    @Test
    void anAsyncChecksEventIsOnTheCallersSpan() throws Exception {
        try (Schematic s = client()) {
            EvaluationContext acme = EvaluationContext.of(ACME, Map.of());
            FlagCheck answer = otel.inSpan(
                    "GET /async-editor",
                    () -> s.async()
                            .checkFlagDetailed("new-ui", acme)
                            .toCompletableFuture()
                            .join());
            assertTrue(answer.value());
            List<EventData> events = flagEvents(otel.span("GET /async-editor"));
            assertEquals(1, events.size(), () -> "one event on the caller's span: " + events);
            assertEquals("new-ui", attr(events.get(0), "feature_flag.key"));
            assertEquals("targeting_match", attr(events.get(0), "feature_flag.result.reason"));

            // bulk checks too, each answer an event on the caller's span
            otel.inSpan(
                    "GET /async-bulk",
                    () -> s.async()
                            .checkFlags(List.of("new-ui", "other"), acme)
                            .toCompletableFuture()
                            .join());
            assertEquals(2, flagEvents(otel.span("GET /async-bulk")).size());
        }
    }

    @Test
    void aSpanCurrentOnTheExecutorThreadGetsNoEventOfAnotherCaller() throws Exception {
        try (Schematic s = client()) {
            EvaluationContext acme = EvaluationContext.of(ACME, Map.of());
            // the first async check starts the executor's thread; a span left current there would catch the event
            Span stray =
                    otel.openTelemetry().getTracer("test").spanBuilder("stray").startSpan();
            s.async()
                    .api(api -> {
                        Scope leaked = stray.makeCurrent(); // deliberately never closed: a badly behaved task
                        return leaked != null;
                    })
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            otel.inSpan(
                    "caller",
                    () -> s.async()
                            .checkFlagDetailed("new-ui", acme)
                            .toCompletableFuture()
                            .join());
            stray.end();
            assertEquals(1, flagEvents(otel.span("caller")).size());
            assertEquals(0, flagEvents(otel.span("stray")).size());
        }
    }
}
