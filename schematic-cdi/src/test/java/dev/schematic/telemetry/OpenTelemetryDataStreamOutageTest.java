package dev.schematic.telemetry;

import static dev.schematic.telemetry.OtelFixture.attr;
import static dev.schematic.telemetry.OtelFixture.flagEvents;
import static dev.schematic.telemetry.OtelFixture.longValue;
import static dev.schematic.testkit.DataStreamEntities.company;
import static dev.schematic.testkit.DataStreamEntities.companyOverride;
import static dev.schematic.testkit.DataStreamEntities.flag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import dev.schematic.testkit.FakeDataStream;
import dev.schematic.testkit.FakeSchematic;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.EventData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/observability.md, local evaluation: a local check is a span event with source {@code local}, the engine's
 * counters are meters, and a forced DataStream outage shows in the state gauge, the data age and the reconnects.
 */
class OpenTelemetryDataStreamOutageTest {
    static final Map<String, String> ACME = Map.of("id", "acme");
    /** Generous: a cold JVM on a loaded machine needs more than 10 s to be ready. */
    static final Duration READY_WAIT = Duration.ofSeconds(30);

    FakeSchematic fake;
    FakeDataStream ds;
    OtelFixture otel;

    @BeforeEach
    void start() {
        fake = FakeSchematic.start();
        fake.flag("new-ui").defaultValue(false).forCompany(ACME, true);
        ds = fake.dataStream();
        ds.flag(flag("new-ui", false, companyOverride("r1", "comp_1", true)));
        ds.company(company("comp_1", ACME));
        otel = new OtelFixture();
    }

    @AfterEach
    void stop() {
        otel.close();
        fake.close();
    }

    @Test
    void aLocalCheckAndAnOutageShowInSpansAndMeters() throws Exception {
        try (Schematic s = Schematic.builder()
                .apiKey("sch_dev_test_key")
                .baseUrl(fake.baseUrl())
                .eventCaptureUrl(fake.baseUrl())
                .timeout(Duration.ofSeconds(5))
                .cacheEnabled(false)
                .property("schematic.datastream.enabled", "true")
                .property("schematic.datastream.url", ds.url())
                .property("schematic.datastream.entity-timeout", "5s")
                .property("schematic.datastream.reconnect.min-delay", "20ms")
                .property("schematic.datastream.reconnect.max-delay", "200ms")
                .build()) {
            SchematicOpenTelemetry.register(s, otel.openTelemetry());
            assertTrue(s.awaitReady(READY_WAIT), s.dataStream()::toString);
            assertEquals(Optional.of(1L), state(otel.collect(), "ready"));

            FlagCheck local = otel.inSpan("job", () -> s.checkFlagDetailed("new-ui", ACME, Map.of()));
            assertEquals(FlagCheck.Source.LOCAL, local.source(), local::toString);
            EventData e = flagEvents(otel.span("job")).get(0);
            assertEquals("local", attr(e, "schematic.source"));
            assertEquals("targeting_match", attr(e, "feature_flag.result.reason"));
            assertEquals("comp_1", attr(e, "feature_flag.context.id"));

            List<MetricData> m = otel.collect();
            assertEquals(
                    Optional.of(1L),
                    longValue(m, "schematic.flag.checks", Map.of("source", "local", "reason", "targeting_match")));
            assertTrue(longValue(m, "schematic.engine.evaluations", Map.of()).orElseThrow() >= 1);
            assertEquals(Optional.of(0L), longValue(m, "schematic.engine.failures", Map.of()));
            assertEquals(Optional.of(0L), longValue(m, "schematic.datastream.reconnects", Map.of()));
            assertEquals(Optional.of(0.0), OtelFixture.doubleGauge(m, "schematic.datastream.data.age"));

            ds.stop();
            assertTrue(
                    eventually(() -> state(otel.collect(), "stale").equals(Optional.of(1L))), s.dataStream()::toString);
            Thread.sleep(1100);
            m = otel.collect();
            assertEquals(Optional.of(0L), state(m, "ready"));
            double age =
                    OtelFixture.doubleGauge(m, "schematic.datastream.data.age").orElseThrow();
            assertTrue(age >= 1.0, "the data ages during the outage: " + age);

            ds.restart();
            assertTrue(
                    eventually(() -> state(otel.collect(), "ready").equals(Optional.of(1L))), s.dataStream()::toString);
            m = otel.collect();
            assertTrue(longValue(m, "schematic.datastream.reconnects", Map.of()).orElseThrow() >= 1);
            assertEquals(Optional.of(0.0), OtelFixture.doubleGauge(m, "schematic.datastream.data.age"));
        }
    }

    private static Optional<Long> state(List<MetricData> m, String state) {
        return longValue(m, "schematic.datastream.state", Map.of("state", state));
    }

    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
