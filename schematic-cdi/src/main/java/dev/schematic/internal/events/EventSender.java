package dev.schematic.internal.events;

import java.util.List;

/** Delivers one batch; throws on any failure (the buffer decides about retries). Called from sender threads. */
@FunctionalInterface
public interface EventSender {
    void send(List<CaptureEvent> batch) throws Exception;
}
