package dev.schematic.it.quarkus;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ImmutableStructure;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Value;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * Code written against OpenFeature's API only (no Schematic type): the answer for the calling company ({@code
 * X-Company-Id}) through an injected OpenFeature {@link Client}. The extension registered the {@code schematic}
 * provider over its {@code Schematic} bean because schematic-openfeature is on the class path (docs/openfeature.md).
 */
@Path("/features/{flag}")
@Produces(MediaType.APPLICATION_JSON)
public class FeaturesResource {
    @Inject
    Client features;

    /** The flag's evaluation details: value, reason, error code, the provider's name and Schematic's source. */
    @GET
    public Answer evaluate(@PathParam("flag") String flag, @HeaderParam("X-Company-Id") String companyId) {
        ImmutableContext ctx = companyId == null
                ? new ImmutableContext()
                : new ImmutableContext(
                        Map.of("company", new Value(new ImmutableStructure(Map.of("id", new Value(companyId))))));
        FlagEvaluationDetails<Boolean> d = features.getBooleanDetails(flag, false, ctx);
        return new Answer(
                d.getValue(),
                d.getReason(),
                d.getErrorCode() == null ? null : d.getErrorCode().name(),
                OpenFeatureAPI.getInstance().getProviderMetadata().getName(),
                d.getFlagMetadata().getString("source"));
    }

    public record Answer(boolean value, String reason, String errorCode, String provider, String source) {}
}
