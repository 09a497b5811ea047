package dev.schematic.testkit;

import jakarta.json.JsonValue;
import java.util.Map;

/**
 * One HTTP answer of the fake. {@code checkContract} says whether the contract check validates it against the
 * operation's response schema (false for answers the test itself programmed, e.g. with {@code respond(...)}).
 */
record Response(int status, byte[] body, Map<String, String> headers, boolean checkContract) {

    Response(int status, byte[] body, Map<String, String> headers) {
        this(status, body, headers, true);
    }

    static Response json(int status, JsonValue body) {
        return new Response(status, JsonSupport.bytes(body), Map.of());
    }

    static Response error(int status, String message) {
        return json(status, JsonSupport.error(message));
    }

    static Response envelope(int status, JsonValue data, JsonValue params) {
        return json(
                status,
                JsonSupport.object().add("data", data).add("params", params).build());
    }

    /** The same answer, exempt from the response-schema check (custom responders send what the test asked for). */
    Response unchecked() {
        return new Response(status, body, headers, false);
    }

    static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "HTTP " + status;
        };
    }
}
