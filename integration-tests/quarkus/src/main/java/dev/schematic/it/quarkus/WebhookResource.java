package dev.schematic.it.quarkus;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Receives Schematic webhooks (plan changes, entitlement updates, …). Plain POST for now: signature verification
 * ({@code @VerifiedSchematicWebhook}) is added when the SDK ships it.
 */
@Path("/webhooks/schematic")
public class SchematicWebhookResource {
    private static final Logger LOG = Logger.getLogger("demo");
    static final AtomicReference<String> LAST_TYPE = new AtomicReference<>();

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public void receive(String body) {
        JsonObject event;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            event = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new BadRequestException("expected a JSON object");
        }
        String type = event.getString("type", "unknown");
        LAST_TYPE.set(type);
        LOG.infof("webhook %s received", type);
    }
}
