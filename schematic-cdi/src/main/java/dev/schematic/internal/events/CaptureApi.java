package dev.schematic.internal.events;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Schematic's event capture service ({@code schematic.event-capture-url}), not part of the REST API. */
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface CaptureApi {
    @POST
    @Path("/batch")
    Response sendBatch(CaptureBatch batch);
}
