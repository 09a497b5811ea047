package dev.schematic.internal.events;

import jakarta.json.bind.adapter.JsonbAdapter;
import java.time.Instant;

/**
 * Writes {@code sent_at} as {@link EventBodies#sentAt} does (UTC, milliseconds). Formatting happens when a batch is
 * serialized, on a sender thread, not on the caller's.
 */
public final class SentAtAdapter implements JsonbAdapter<Instant, String> {
    @Override
    public String adaptToJson(Instant at) {
        return EventBodies.sentAt(at);
    }

    @Override
    public Instant adaptFromJson(String text) {
        return Instant.parse(text);
    }
}
