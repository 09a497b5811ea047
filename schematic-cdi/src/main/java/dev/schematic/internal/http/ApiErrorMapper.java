package dev.schematic.internal.http;

import dev.schematic.SchematicApiException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** Turns every non-2xx response into a {@link SchematicApiException} (or its status subclass) with body and headers. */
public final class ApiErrorMapper implements ResponseExceptionMapper<SchematicApiException> {

    @Override
    public boolean handles(int status, jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    @Override
    public SchematicApiException toThrowable(Response response) {
        String body;
        try {
            response.bufferEntity();
            body = response.hasEntity() ? response.readEntity(String.class) : "";
        } catch (RuntimeException e) {
            body = "";
        }
        Map<String, List<String>> headers = Map.copyOf(response.getStringHeaders());
        return SchematicApiException.of(response.getStatus(), body, headers);
    }

    @Override
    public int getPriority() {
        return 100;
    }
}
