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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The same flags through OpenFeature (schematic-openfeature): code that only knows OpenFeature's {@link Client}, for
 * the calling company ({@code X-Company-Id}). Its provider is registered over the app's {@code Schematic} when
 * {@code schematic.openfeature.enabled} is true (off in this app's default profile, see application.properties).
 */
@Path("/features/{flag}")
@Produces(MediaType.APPLICATION_JSON)
public class FeaturesResource {

    @Inject
    Client features;

    /** The flag's OpenFeature evaluation details. */
    @GET
    public Map<String, Object> evaluate(@PathParam("flag") String flag, @HeaderParam("X-Company-Id") String companyId) {
        ImmutableContext ctx = companyId == null
                ? new ImmutableContext()
                : new ImmutableContext(
                        Map.of("company", new Value(new ImmutableStructure(Map.of("id", new Value(companyId))))));
        FlagEvaluationDetails<Boolean> d = features.getBooleanDetails(flag, false, ctx);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", d.getValue());
        out.put("reason", String.valueOf(d.getReason()));
        out.put("errorCode", String.valueOf(d.getErrorCode()));
        out.put("provider", OpenFeatureAPI.getInstance().getProviderMetadata().getName());
        return out;
    }
}
