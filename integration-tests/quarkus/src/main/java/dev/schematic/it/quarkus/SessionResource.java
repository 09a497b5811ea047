package dev.schematic.it.quarkus;

import dev.schematic.EvaluationContext;
import dev.schematic.Identify;
import dev.schematic.Schematic;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.jboss.logging.Logger;

/** Sign-in: tells Schematic who the user is and which company they belong to ({@code identify}). */
@Path("/session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {
    private static final Logger LOG = Logger.getLogger("demo");

    @Inject
    Schematic schematic;

    @POST
    public SignedIn signIn(SignIn request) {
        if (request == null || request.email() == null || request.companyId() == null) {
            throw new BadRequestException("email and companyId are required");
        }
        EvaluationContext who = Caller.of(request.companyId(), request.email());
        schematic.identify(Identify.of(who)
                .name(request.name())
                .company(who.companyKeys(), request.companyName(), Map.of())
                .build());
        LOG.infof("identify %s of company %s", request.email(), request.companyId());
        return new SignedIn(request.email(), request.companyId());
    }

    public record SignIn(String email, String name, String companyId, String companyName) {}

    public record SignedIn(String email, String companyId) {}
}
