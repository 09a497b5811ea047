package dev.schematic.internal.events;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/** The body of {@code POST /batch}: at most {@value dev.schematic.internal.config.SchematicConfig#MAX_BATCH_SIZE} events. */
public record CaptureBatch(@JsonbProperty("events") List<CaptureEvent> events) {}
