package dev.schematic.webhooks;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers a {@link WebhookPayloadException} thrown by a resource (typically {@code WebhookEvents.parse(body,
 * SomeRecord.class)} on a body that does not fit) with 400 and {@code {"error":"<message>"}}, logged as one WARNING
 * line with the method, path and message, and no stack trace. Without it the runtime answers 500, and Schematic retries
 * a 5xx delivery up to five times although the payload will never change. Registered like {@link
 * WebhookSignatureFilter}: found by scanning, by the Quarkus extension, or listed in {@code Application#getClasses()}.
 */
@Provider
public class WebhookPayloadExceptionMapper implements ExceptionMapper<WebhookPayloadException> {
    @Context
    UriInfo uriInfo;

    @Context
    Request request;

    @Override
    public Response toResponse(WebhookPayloadException e) {
        WebhookRejection.log(where(), 400, e.getMessage());
        return WebhookRejection.answer(400, e.getMessage());
    }

    private String where() {
        try {
            return request.getMethod() + " " + uriInfo.getRequestUri().getRawPath();
        } catch (RuntimeException notInARequest) {
            return "(no request)";
        }
    }
}
