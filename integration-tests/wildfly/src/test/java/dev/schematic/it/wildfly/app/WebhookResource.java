package dev.schematic.it.wildfly.app;

import dev.schematic.api.model.CompanyDetailResponseData;
import dev.schematic.webhooks.VerifiedSchematicWebhook;
import dev.schematic.webhooks.WebhookEvent;
import dev.schematic.webhooks.WebhookEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Receives Schematic webhooks, verified by the SDK's {@code WebhookSignatureFilter} before these methods run (WildFly
 * finds the filter by scanning the SDK jar in {@code WEB-INF/lib}; nothing is registered here). Two endpoints with
 * different secrets: the default one ({@code schematic.webhooks.secret}) and {@code /billing} ({@code
 * schematic.webhooks.secrets.billing}). Each answers what it received (action, byte count, SHA-256 of the bytes) so a
 * test can tell the resource saw the identical bytes that were signed.
 */
@Path("/webhooks/schematic")
@ApplicationScoped
public class WebhookResource {
    static final String BILLING_SECRET_KEY = "schematic.webhooks.secrets.billing";

    private final CopyOnWriteArrayList<String> received = new CopyOnWriteArrayList<>();

    @POST
    @VerifiedSchematicWebhook
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject receive(byte[] body) {
        return handle("default", body);
    }

    @POST
    @Path("/billing")
    @VerifiedSchematicWebhook(secretKey = BILLING_SECRET_KEY)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject billing(byte[] body) {
        return handle("billing", body);
    }

    /** The actions of the webhooks received so far (both endpoints, {@code endpoint:action}), oldest first. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject received() {
        return Json.createObjectBuilder()
                .add("count", received.size())
                .add("received", Json.createArrayBuilder(received))
                .build();
    }

    private JsonObject handle(String endpoint, byte[] body) {
        WebhookEvent<?> event = WebhookEvents.parse(body);
        received.add(endpoint + ":" + event.action());
        JsonObjectBuilder answer = Json.createObjectBuilder()
                .add("endpoint", endpoint)
                .add("action", event.action())
                .add("known", event.type().isKnown())
                .add("bodyType", bodyType(event.body()))
                .add("bytes", body.length)
                .add("sha256", sha256(body));
        // the typed body, mapped by the SDK from the action (company.* -> CompanyDetailResponseData)
        event.bodyAs(CompanyDetailResponseData.class)
                .ifPresent(company -> answer.add("companyName", String.valueOf(company.name())));
        return answer.build();
    }

    private static String bodyType(Object body) {
        if (body == null) {
            return "none";
        }
        return body instanceof JsonValue ? "JsonValue" : body.getClass().getSimpleName();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
