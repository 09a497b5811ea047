package dev.schematic.it.wildfly.app;

import dev.schematic.EvaluationContext;
import dev.schematic.EventStats;
import dev.schematic.Schematic;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Usage tracking: sign-ups are identified, metered actions are tracked (both queued and sent in batches). Its paths
 * do not start with {@code /companies/{id}}: JAX-RS picks one resource class per path prefix, {@link
 * ReportsResource}'s.
 */
@Path("/")
@RequestScoped
public class UsageResource {

    @Inject
    Schematic schematic;

    /** A user signs up in a company: identify with name and traits. */
    @POST
    @Path("/signups/{companyId}/{userId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signUp(
            @PathParam("companyId") String companyId, @PathParam("userId") String userId, JsonObject profile) {
        schematic.identify(
                EvaluationContext.company("id", companyId).withUser("id", userId),
                profile.getString("name", userId),
                Map.of("plan", profile.getString("plan", "free")));
        return Response.accepted().build();
    }

    /** A metered action: {@code count} track events of {@code quantity} each (count > 1 is for load tests). */
    @POST
    @Path("/usage/{companyId}/{event}")
    public Response use(
            @PathParam("companyId") String companyId,
            @PathParam("event") String event,
            @QueryParam("user") String userId,
            @QueryParam("quantity") @DefaultValue("1") long quantity,
            @QueryParam("count") @DefaultValue("1") int count) {
        EvaluationContext who = EvaluationContext.company("id", companyId).withUser("id", userId); // user optional
        for (int i = 0; i < count; i++) {
            schematic.track(event, who, quantity, Map.of("seq", i));
        }
        return Response.accepted().build();
    }

    /** The SDK's event counters, to tell what is still queued. */
    @GET
    @Path("/events/stats")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject stats() {
        EventStats stats = schematic.eventStats();
        return Json.createObjectBuilder()
                .add("submitted", stats.submitted())
                .add("delivered", stats.delivered())
                .add("dropped", stats.dropped())
                .add("failed", stats.failed())
                .add("queued", stats.queued())
                .build();
    }
}
