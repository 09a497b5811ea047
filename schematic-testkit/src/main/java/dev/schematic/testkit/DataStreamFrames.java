package dev.schematic.testkit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Collection;

/** The text frames of the DataStream protocol (datastream.md §2): building messages and parsing requests. */
final class DataStreamFrames {
    private DataStreamFrames() {}

    /** A server message: {@code {"entity_type", "message_type", "entity_id"?, "data"}}. */
    static String message(String entityType, String messageType, String entityId, JsonValue data) {
        JsonObjectBuilder b =
                Json.createObjectBuilder().add("entity_type", entityType).add("message_type", messageType);
        if (entityId != null) {
            b.add("entity_id", entityId);
        }
        return b.add("data", data).build().toString();
    }

    /** The full flags snapshot ({@code rulesengine.Flags}, {@code full}) of these flags, in order. */
    static String flagsSnapshot(Collection<JsonObject> flags) {
        var array = Json.createArrayBuilder();
        flags.forEach(array::add);
        return message("rulesengine.Flags", "full", null, array.build());
    }

    static JsonObject parse(String json) {
        try (var r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }
}
