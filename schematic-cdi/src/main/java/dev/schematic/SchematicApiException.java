package dev.schematic;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A non-2xx answer from the Schematic API, after any retries. Carries the HTTP status, the raw body and the
 * response headers; {@link #errorMessage()} extracts the API's {@code {"error": "..."}} text when present.
 *
 * <pre>{@code
 * try { schematic.companies().getCompany("comp_1"); }
 * catch (SchematicApiException.NotFound e) { ... e.status() == 404 ... }
 * }</pre>
 *
 * <p>Subclasses exist for the statuses every operation declares (400, 401, 403, 404, 500); any other status is a
 * plain {@code SchematicApiException}.
 */
public class SchematicApiException extends SchematicException {
    private final int status;
    private final String body;
    private final Map<String, List<String>> headers;

    public SchematicApiException(int status, String body, Map<String, List<String>> headers) {
        super(describe(status, body));
        this.status = status;
        this.body = body == null ? "" : body;
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** Builds the subclass that matches the status. */
    public static SchematicApiException of(int status, String body, Map<String, List<String>> headers) {
        return switch (status) {
            case 400 -> new BadRequest(body, headers);
            case 401 -> new Unauthorized(body, headers);
            case 403 -> new Forbidden(body, headers);
            case 404 -> new NotFound(body, headers);
            case 500 -> new InternalServerError(body, headers);
            default -> new SchematicApiException(status, body, headers);
        };
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** The raw response body (empty when there was none). */
    public String body() {
        return body;
    }

    /** The response headers, names as the server sent them. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header, looked up case-insensitively. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream())
                .findFirst();
    }

    /** The {@code error} field of the API's JSON error body, or the raw body when it has none. */
    public String errorMessage() {
        return ErrorBodies.errorText(body);
    }

    private static String describe(int status, String body) {
        String text = ErrorBodies.errorText(body);
        return "Schematic API returned HTTP " + status + (text.isEmpty() ? "" : ": " + text);
    }

    /** HTTP 400. */
    public static final class BadRequest extends SchematicApiException {
        public BadRequest(String body, Map<String, List<String>> headers) {
            super(400, body, headers);
        }
    }

    /** HTTP 401: the API key is missing or wrong. */
    public static final class Unauthorized extends SchematicApiException {
        public Unauthorized(String body, Map<String, List<String>> headers) {
            super(401, body, headers);
        }
    }

    /** HTTP 403: the API key may not do this (e.g. a read-only key writing). */
    public static final class Forbidden extends SchematicApiException {
        public Forbidden(String body, Map<String, List<String>> headers) {
            super(403, body, headers);
        }
    }

    /** HTTP 404. */
    public static final class NotFound extends SchematicApiException {
        public NotFound(String body, Map<String, List<String>> headers) {
            super(404, body, headers);
        }
    }

    /** HTTP 500. */
    public static final class InternalServerError extends SchematicApiException {
        public InternalServerError(String body, Map<String, List<String>> headers) {
            super(500, body, headers);
        }
    }
}
