package dev.schematic.webhooks;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.System.Logger.Level;

/**
 * How a refused webhook is answered and logged, shared by {@link WebhookSignatureFilter} and {@link
 * WebhookPayloadExceptionMapper}: a JSON body {@code {"error":"..."}} and one log line with the method, path, status
 * and the SDK's own message. Never a header value, the body, a secret or a stack trace.
 */
final class WebhookRejection {
    /** One logger for every rejection, named after the filter (the category operators already know). */
    private static final System.Logger LOG = System.getLogger(WebhookSignatureFilter.class.getName());

    private WebhookRejection() {}

    /** Logs at WARNING; a 500 (not configured, already reported once at ERROR) only at DEBUG. */
    static void log(String methodAndPath, int status, String error) {
        LOG.log(
                status == 500 ? Level.DEBUG : Level.WARNING,
                "Rejected Schematic webhook " + methodAndPath + ": " + status + " " + error);
    }

    static Response answer(int status, String error) {
        Response.ResponseBuilder answer = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE);
        if (status == 408 || status == 413) {
            // the rest of the body is unread (still trickling in, or over the limit): do not keep the connection
            answer.header("Connection", "close");
        }
        return answer.entity("{\"error\":\"" + jsonEscape(error) + "\"}").build();
    }

    static String jsonEscape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
