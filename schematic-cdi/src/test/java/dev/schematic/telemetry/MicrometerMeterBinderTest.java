package dev.schematic.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.EvaluationContext;
import dev.schematic.Schematic;
import dev.schematic.testkit.FakeSchematic;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docs/observability.md, Micrometer: the same meters, bound by {@link SchematicMeterBinder}. */
class MicrometerMeterBinderTest {
    static final Map<String, String> ACME = Map.of("id", "acme");

    FakeSchematic fake;

    @BeforeEach
    void start() {
        fake = FakeSchematic.start();
        fake.flag("new-ui").defaultValue(false).forCompany(ACME, true);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void checksEventsAndTheDataStreamStateAppearInASimpleMeterRegistry() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Schematic s = Schematic.builder()
                .apiKey("sch_dev_test_key")
                .baseUrl(fake.baseUrl())
                .eventCaptureUrl(fake.baseUrl())
                .timeout(Duration.ofSeconds(5))
                .eventsFlushInterval(Duration.ofMillis(100))
                .build()) {
            s.start();
            SchematicMeterBinder binder = new SchematicMeterBinder(s);
            binder.bindTo(registry);
            binder.bindTo(registry); // binds once

            s.checkFlag("new-ui", ACME, Map.of());
            s.checkFlag("new-ui", ACME, Map.of());
            s.track("export", EvaluationContext.of(ACME, Map.of()));
            s.flush();

            assertEquals(
                    1.0,
                    registry.get("schematic.flag.checks")
                            .tags("source", "api", "reason", "targeting_match")
                            .counter()
                            .count());
            assertEquals(
                    1.0,
                    registry.get("schematic.flag.checks")
                            .tags("source", "cache", "reason", "cached")
                            .counter()
                            .count());
            assertEquals(
                    2,
                    registry.get("schematic.flag.check.duration").timers().stream()
                            .mapToLong(t -> t.count())
                            .sum());
            assertEquals(
                    1.0,
                    registry.get("schematic.events.queued").functionCounter().count());
            assertEquals(
                    1.0, registry.get("schematic.events.sent").functionCounter().count());
            assertEquals(
                    0.0,
                    registry.get("schematic.events.dropped").functionCounter().count());
            assertEquals(1.0, registry.get("schematic.flag.cache.size").gauge().value());
            assertEquals(
                    1.0,
                    registry.get("schematic.datastream.state")
                            .tag("state", "disabled")
                            .gauge()
                            .value());
            assertEquals(
                    0.0,
                    registry.get("schematic.datastream.state")
                            .tag("state", "ready")
                            .gauge()
                            .value());
            assertTrue(Double.isNaN(
                    registry.get("schematic.datastream.data.age").gauge().value()));

            binder.close();
            assertNull(registry.find("schematic.events.queued").functionCounter(), "removed on close");
            assertNull(registry.find("schematic.flag.checks").counter(), "removed on close");
        }
    }
}
