package dev.schematic.telemetry;

import static dev.schematic.telemetry.OtelFixture.attr;
import static dev.schematic.telemetry.OtelFixture.flagEvents;
import static dev.schematic.telemetry.OtelFixture.histogramCount;
import static dev.schematic.telemetry.OtelFixture.longValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import dev.schematic.testkit.FakeSchematic;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.EventData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/observability.md on the API path: each check is a {@code feature_flag.evaluation} event on the current span
 * with the semantic-convention attributes, and the meters count checks by source and reason, time them, and read the
 * event counters — all with the real OpenTelemetry SDK and the test kit's fake.
 */
class OpenTelemetryChecksAndEventsTest {
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

    /** Started: the flag-check cache is open before the first check (it opens in the background otherwise). */
    private Schematic client() {
        Schematic s = Schematic.builder()
                .apiKey("sch_dev_test_key")
                .baseUrl(fake.baseUrl())
                .eventCaptureUrl(fake.baseUrl())
                .timeout(Duration.ofSeconds(5))
                .maxRetries(0)
                .eventsRetryBackoff(Duration.ofMillis(10))
                .eventsFlushInterval(Duration.ofMillis(100))
                .property("schematic.events.max-retries", "0")
                .build();
        s.start();
        return s;
    }

    @Test
    void eachCheckIsAFeatureFlagEvaluationEventOnTheCurrentSpan() {
        try (Schematic s = client()) {
            List<FlagCheck> answers = otel.inSpan(
                    "GET /editor",
                    () -> List.of(
                            s.checkFlagDetailed("new-ui", ACME, Map.of()),
                            s.checkFlagDetailed("new-ui", ACME, Map.of()),
                            s.checkFlagDetailed("no-such-flag", ACME, Map.of())));
            assertEquals(FlagCheck.Source.API, answers.get(0).source());
            assertEquals(FlagCheck.Source.CACHE, answers.get(1).source());
            assertEquals(FlagCheck.Source.DEFAULT, answers.get(2).source());

            List<EventData> events = flagEvents(otel.span("GET /editor"));
            assertEquals(3, events.size(), events::toString);
            EventData api = events.get(0);
            assertEquals("new-ui", attr(api, "feature_flag.key"));
            assertEquals("schematic", attr(api, "feature_flag.provider.name"));
            assertEquals("true", attr(api, "feature_flag.result.value"));
            assertEquals("true", attr(api, "feature_flag.result.variant"));
            assertEquals("targeting_match", attr(api, "feature_flag.result.reason"));
            assertEquals(answers.get(0).companyId(), attr(api, "feature_flag.context.id"));
            assertTrue(attr(api, "feature_flag.context.id") != null, "the fake names the matched company");
            assertEquals("api", attr(api, "schematic.source"));
            assertEquals(answers.get(0).reason(), attr(api, "schematic.reason"));
            assertNull(attr(api, "error.type"));

            assertEquals("cached", attr(events.get(1), "feature_flag.result.reason"));
            assertEquals("cache", attr(events.get(1), "schematic.source"));

            EventData missing = events.get(2);
            assertEquals("no-such-flag", attr(missing, "feature_flag.key"));
            assertEquals("false", attr(missing, "feature_flag.result.value"));
            assertEquals("error", attr(missing, "feature_flag.result.reason"));
            assertEquals("flag_not_found", attr(missing, "error.type"));
        }
    }

    @Test
    void aCheckOutsideAnySpanRecordsNoEventButIsCounted() {
        try (Schematic s = client()) {
            SchematicOpenTelemetry.register(s, otel.openTelemetry());
            s.checkFlag("new-ui", ACME, Map.of());
            assertTrue(otel.spans.getFinishedSpanItems().isEmpty());
            assertEquals(
                    Optional.of(1L),
                    longValue(
                            otel.collect(),
                            "schematic.flag.checks",
                            Map.of("source", "api", "reason", "targeting_match")));
        }
    }

    @Test
    void checksAreCountedBySourceAndReasonAndTimed() {
        try (Schematic s = client()) {
            AutoCloseable handle = SchematicOpenTelemetry.register(s, otel.openTelemetry());
            assertTrue(handle == SchematicOpenTelemetry.register(s, otel.openTelemetry()), "registered once");
            s.checkFlag("new-ui", ACME, Map.of());
            s.checkFlag("new-ui", ACME, Map.of());
            s.checkFlag("new-ui", ACME, Map.of());
            s.checkFlag("no-such-flag", ACME, Map.of());
            s.checkFlags(List.of("new-ui"), dev.schematic.EvaluationContext.of(ACME, Map.of()));

            List<MetricData> m = otel.collect();
            assertEquals(
                    Optional.of(1L),
                    longValue(m, "schematic.flag.checks", Map.of("source", "api", "reason", "targeting_match")));
            // two single checks and the batch's one answer came from the cache
            assertEquals(
                    Optional.of(3L),
                    longValue(m, "schematic.flag.checks", Map.of("source", "cache", "reason", "cached")));
            assertEquals(
                    Optional.of(1L),
                    longValue(m, "schematic.flag.checks", Map.of("source", "default", "reason", "error")));
            // the batch check is counted (by its own source) but not timed
            long counted = m.stream()
                    .filter(x -> x.getName().equals("schematic.flag.checks"))
                    .flatMap(x -> x.getLongSumData().getPoints().stream())
                    .mapToLong(p -> p.getValue())
                    .sum();
            assertEquals(5, counted);
            assertEquals(1, histogramCount(m, "schematic.flag.check.duration", Map.of("source", "api")));
            assertEquals(2, histogramCount(m, "schematic.flag.check.duration", Map.of("source", "cache")));
            assertEquals(1, histogramCount(m, "schematic.flag.check.duration", Map.of("source", "default")));
            assertTrue(longValue(m, "schematic.flag.cache.size", Map.of()).orElseThrow() >= 1);
            assertEquals(Optional.of(1L), longValue(m, "schematic.datastream.state", Map.of("state", "disabled")));
            assertEquals(Optional.of(0L), longValue(m, "schematic.datastream.state", Map.of("state", "ready")));
            assertFalse(
                    longValue(m, "schematic.engine.evaluations", Map.of()).isPresent(),
                    "no engine without" + " DataStream");

            handle.close();
            s.checkFlag("new-ui", ACME, Map.of());
            assertFalse(
                    OtelFixture.metric(otel.collect(), "schematic.events.queued")
                            .isPresent(),
                    "unregistered");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void eventMetersReadQueuedSentAndFailedFromTheEventBuffer() {
        try (Schematic s = client()) {
            SchematicOpenTelemetry.register(s, otel.openTelemetry());
            for (int i = 0; i < 3; i++) {
                s.track("export", dev.schematic.EvaluationContext.of(ACME, Map.of()));
            }
            s.flush();
            List<MetricData> m = otel.collect();
            assertEquals(Optional.of(3L), longValue(m, "schematic.events.queued", Map.of()));
            assertEquals(Optional.of(3L), longValue(m, "schematic.events.sent", Map.of()));
            assertEquals(Optional.of(0L), longValue(m, "schematic.events.failed", Map.of()));
            assertEquals(Optional.of(0L), longValue(m, "schematic.events.dropped", Map.of()));
            assertEquals(Optional.of(0L), longValue(m, "schematic.events.queue.size", Map.of()));

            fake.failNext("/batch", 1, 400); // a rejected batch is given up on
            s.track("export", dev.schematic.EvaluationContext.of(ACME, Map.of()));
            s.flush();
            m = otel.collect();
            assertEquals(Optional.of(4L), longValue(m, "schematic.events.queued", Map.of()));
            assertEquals(Optional.of(1L), longValue(m, "schematic.events.failed", Map.of()), s.eventStats()::toString);
        }
    }

    @Test
    void aClientTheSdkDidNotMakeIsRefusedWithAClearMessage() {
        Schematic stranger = (Schematic) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Schematic.class}, (p, m, a) -> null);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> SchematicOpenTelemetry.register(stranger, otel.openTelemetry()));
        assertTrue(e.getMessage().contains("not a client made by the Schematic SDK"), e.getMessage());
    }
}
