package dev.schematic.internal.events;

import static dev.schematic.testkit.DataStreamEntities.flag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.Identify;
import dev.schematic.Schematic;
import dev.schematic.Track;
import dev.schematic.testkit.CapturedEvent;
import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code sent_at} in milliseconds and {@code idempotency_key} on every event type, as the official SDKs send them. */
class EventWireFormatTest {
    private static final Pattern MILLIS = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void identifyTrackAndFlagCheckCarrySentAtInMillisecondsAndAnIdempotencyKey() {
        try (FakeSchematic fake = FakeSchematic.start()) {
            fake.dataStream().flag(flag("f", true));
            try (Schematic s = CaptureClients.against(fake.baseUrl())
                    .cacheEnabled(false)
                    .property("schematic.datastream.enabled", "true")
                    .property("schematic.datastream.url", fake.dataStream().url())
                    .property("schematic.datastream.reconnect.min-delay", "20ms")
                    .property("schematic.datastream.reconnect.max-delay", "200ms")
                    .build()) {
                assertTrue(s.awaitReady(Duration.ofSeconds(30)), () -> "not ready: " + s.dataStream());
                s.identify(Map.of("email", "ada@acme.io"));
                s.track("api-call", Map.of("id", "acme"), Map.of());
                assertTrue(s.checkFlag("f"));
            }
            List<CapturedEvent> events = fake.awaitEvents(3, WAIT);
            assertEquals(
                    List.of("flag_check", "identify", "track"),
                    events.stream().map(CapturedEvent::type).sorted().toList());
            for (CapturedEvent e : events) {
                assertTrue(MILLIS.matcher(e.sentAt()).matches(), e.type() + " sent_at " + e.sentAt());
                UUID.fromString(e.idempotencyKey()); // a UUID string
            }
            assertEquals(3, CaptureClients.uniqueKeys(events).size());
        }
    }

    @Test
    void aWholeSecondStillHasThreeFractionalDigitsAndSubMillisecondsAreCut() {
        assertEquals("2026-01-02T03:04:05.000Z", EventBodies.sentAt(Instant.parse("2026-01-02T03:04:05Z")));
        assertEquals("2026-12-03T06:01:02.345Z", EventBodies.sentAt(Instant.parse("2026-12-03T06:01:02.345678912Z")));
    }

    @Test
    void theCallersKeyIsKeptAndATooLongOneIsRefusedNamingTheField() {
        try (FakeSchematic fake = FakeSchematic.start()) {
            try (Schematic s = CaptureClients.against(fake.baseUrl()).build()) {
                s.track(Track.event("a").idempotencyKey("order-42").build());
                s.identify(Identify.user(Map.of("email", "ada@acme.io"))
                        .idempotencyKey("x".repeat(256))
                        .build());
                s.flush();
                assertEquals(1, s.eventStats().submitted(), "the bad identify was refused, not sent");
            }
            assertEquals("order-42", fake.awaitEvents(1, WAIT).get(0).idempotencyKey());
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> EventBodies.track(
                        "k", Track.event("a").idempotencyKey("x".repeat(256)).build()));
        assertEquals("track: idempotencyKey must be at most 255 characters, got 256", e.getMessage());
    }
}
