package dev.schematic.testkit;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Reads request bodies; malformed ones become a 400 naming the problem. */
final class Bodies {
    private Bodies() {}

    /** The body as a JSON object ({@code {}} when empty). */
    static JsonObject object(RecordedRequest request) {
        byte[] body = request.rawBody();
        if (body.length == 0) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        JsonValue v;
        try {
            v = JsonSupport.parse(body);
        } catch (JsonException e) {
            throw new FakeApiException(400, "invalid JSON body: " + e.getMessage());
        }
        if (!(v instanceof JsonObject o)) {
            throw new FakeApiException(400, "request body must be a JSON object");
        }
        return o;
    }
}
