package dev.schematic.it.wildfly.openfeature;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ImmutableStructure;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Value;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * Answers from a flag through an injected OpenFeature {@link Client} (no Schematic type in sight): the provider was
 * registered by schematic-openfeature's CDI producer over the container's {@code Schematic}.
 */
@Path("/features")
@RequestScoped
public class FeatureResource {

    @Inject
    Client features;

    /** The flag's evaluation details for company {@code id=companyId}. */
    @GET
    @Path("/{flag}/{companyId}")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject evaluate(@PathParam("flag") String flag, @PathParam("companyId") String companyId) {
        ImmutableContext ctx = new ImmutableContext(
                Map.of("company", new Value(new ImmutableStructure(Map.of("id", new Value(companyId))))));
        FlagEvaluationDetails<Boolean> d = features.getBooleanDetails(flag, false, ctx);
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("value", d.getValue())
                .add("reason", String.valueOf(d.getReason()))
                .add("errorCode", String.valueOf(d.getErrorCode()))
                .add(
                        "provider",
                        OpenFeatureAPI.getInstance().getProviderMetadata().getName());
        String source = d.getFlagMetadata() == null ? null : d.getFlagMetadata().getString("source");
        b.add("source", String.valueOf(source));
        return b.build();
    }
}
