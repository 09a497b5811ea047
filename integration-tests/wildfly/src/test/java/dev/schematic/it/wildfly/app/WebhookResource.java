package dev.schematic.it.wildfly.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Receives Schematic webhooks. A plain endpoint for now: signature verification (the SDK's filter) is added to this
 * resource, and its test to this suite, with the webhooks feature.
 */
@Path("/webhooks/schematic")
@ApplicationScoped
public class WebhookResource {
    private final CopyOnWriteArrayList<String> received = new CopyOnWriteArrayList<>();

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(JsonObject event) {
        String type = event.getString("type", "unknown");
        received.add(type);
        return Response.ok(Json.createObjectBuilder().add("received", type).build())
                .build();
    }

    /** The types of the webhooks received so far, oldest first. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject received() {
        return Json.createObjectBuilder()
                .add("received", Json.createArrayBuilder(received))
                .build();
    }
}
