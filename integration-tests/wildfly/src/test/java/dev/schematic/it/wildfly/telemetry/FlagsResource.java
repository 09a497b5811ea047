package dev.schematic.it.wildfly.telemetry;

import dev.schematic.EvaluationContext;
import dev.schematic.Schematic;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * An ordinary resource that checks a flag: it names no OpenTelemetry type. The server's MicroProfile Telemetry opens
 * a span for the request, and the SDK adds its {@code feature_flag.evaluation} event to it.
 */
@Path("/flags")
@RequestScoped
public class FlagsResource {

    @Inject
    Schematic schematic;

    /** Checks {@code flag} for the company {@code id=companyId}. */
    @GET
    @Path("/{flag}/{companyId}")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject check(@PathParam("flag") String flag, @PathParam("companyId") String companyId) {
        boolean value = schematic.checkFlag(flag, EvaluationContext.company("id", companyId));
        return Json.createObjectBuilder().add("value", value).build();
    }
}
