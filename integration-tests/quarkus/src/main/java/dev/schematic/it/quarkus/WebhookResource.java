package dev.schematic.it.quarkus;

import dev.schematic.api.model.CompanyDetailResponseData;
import dev.schematic.webhooks.VerifiedSchematicWebhook;
import dev.schematic.webhooks.WebhookEvent;
import dev.schematic.webhooks.WebhookEvents;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * Receives Schematic webhooks, verified by the SDK's {@code WebhookSignatureFilter} before these methods run (the
 * Quarkus extension registers the filter; nothing is registered here). Two endpoints with different secrets: the
 * default one ({@code schematic.webhooks.secret}) and {@code /billing} ({@code schematic.webhooks.secrets.billing}).
 * Each answers what it received (action, byte count, SHA-256 of the bytes), so a test can tell that the resource saw
 * the identical bytes that were signed.
 */
@Path("/webhooks/schematic")
@ApplicationScoped
public class WebhookResource {
    static final String BILLING_SECRET_KEY = "schematic.webhooks.secrets.billing";
    private static final Logger LOG = Logger.getLogger("demo");

    private final CopyOnWriteArrayList<String> received = new CopyOnWriteArrayList<>();

    @POST
    @VerifiedSchematicWebhook
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Received receive(byte[] body) {
        return handle("default", body);
    }

    @POST
    @Path("/billing")
    @VerifiedSchematicWebhook(secretKey = BILLING_SECRET_KEY)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Received billing(byte[] body) {
        return handle("billing", body);
    }

    /** The webhooks received so far by both endpoints ({@code endpoint:action}), oldest first. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public History history() {
        List<String> all = List.copyOf(received);
        return new History(all.size(), all);
    }

    private Received handle(String endpoint, byte[] body) {
        WebhookEvent<?> event = WebhookEvents.parse(body);
        received.add(endpoint + ":" + event.action());
        LOG.infof("webhook %s received on the %s endpoint (%d bytes)", event.action(), endpoint, body.length);
        return new Received(
                endpoint,
                event.action(),
                event.type().isKnown(),
                bodyType(event.body()),
                body.length,
                sha256(body),
                // the typed body, mapped by the SDK from the action (company.* -> CompanyDetailResponseData)
                event.bodyAs(CompanyDetailResponseData.class)
                        .map(company -> String.valueOf(company.name()))
                        .orElse(null));
    }

    /** What an endpoint received; {@code companyName} only for {@code company.*} events. */
    public record Received(
            String endpoint,
            String action,
            boolean known,
            String bodyType,
            int bytes,
            String sha256,
            String companyName) {}

    /** The webhooks received so far. */
    public record History(int count, List<String> received) {}

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
