package dev.schematic.it.wildfly.app;

import dev.schematic.EvaluationContext;
import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A flag-gated feature: a company's advanced reports exist only while its {@code advanced-reports} flag is on. */
@Path("/companies/{companyId}")
@RequestScoped
public class ReportsResource {
    static final String FLAG = "advanced-reports";

    @Inject
    Schematic schematic;

    @GET
    @Path("/reports")
    @Produces(MediaType.APPLICATION_JSON)
    public Response reports(@PathParam("companyId") String companyId) {
        if (!schematic.checkFlag(FLAG, EvaluationContext.company("id", companyId))) {
            return Response.status(Response.Status.FORBIDDEN)
                    .entity(Json.createObjectBuilder()
                            .add("error", "advanced reports are not enabled for " + companyId)
                            .build())
                    .build();
        }
        return Response.ok(Json.createObjectBuilder()
                        .add("company", companyId)
                        .add("report", "revenue-by-plan")
                        .build())
                .build();
    }

    /** Any flag's detailed answer for the company, to see value and reason from outside. */
    @GET
    @Path("/flags/{flag}")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject flag(
            @PathParam("companyId") String companyId,
            @PathParam("flag") String flag,
            @QueryParam("user") String userId) {
        FlagCheck check = schematic.checkFlagDetailed(
                flag, EvaluationContext.company("id", companyId).withUser("id", userId)); // user optional
        return Json.createObjectBuilder()
                .add("flag", check.flag())
                .add("value", check.value())
                .add("reason", String.valueOf(check.reason()))
                .add("source", check.source().name())
                .build();
    }
}
