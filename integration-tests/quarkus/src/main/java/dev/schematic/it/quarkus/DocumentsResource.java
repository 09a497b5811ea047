package dev.schematic.it.quarkus;

import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Documents of the calling company ({@code X-Company-Id}) and user ({@code X-User-Email}): PDF export is a paid
 * feature behind the {@code pdf-export} flag; printing is metered with a {@code pages-printed} usage event.
 */
@Path("/documents/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentsResource {
    static final String PDF_EXPORT = "pdf-export";
    static final String PAGES_PRINTED = "pages-printed";
    private static final Logger LOG = Logger.getLogger("demo");

    @Inject
    Schematic schematic;

    /** The export when the company's plan includes {@code pdf-export}, else 403 with the reason. */
    @GET
    @Path("/export")
    public Response export(
            @PathParam("id") String document,
            @HeaderParam("X-Company-Id") String companyId,
            @HeaderParam("X-User-Email") String email) {
        FlagCheck check = schematic.checkFlagDetailed(PDF_EXPORT, Caller.of(companyId, email));
        LOG.infof(
                "checkFlag %s for company %s -> %s (%s, from %s)",
                PDF_EXPORT, companyId, check.value(), check.reason(), check.source());
        if (!check.value()) {
            return Response.status(Response.Status.FORBIDDEN)
                    .entity(new Denied(PDF_EXPORT, "PDF export is not part of your plan", check.reason()))
                    .build();
        }
        return Response.ok(new Export(document, "application/pdf", "/files/" + document + ".pdf"))
                .build();
    }

    /** Prints {@code pages} pages and records them as usage ({@code track} with a quantity). */
    @POST
    @Path("/print")
    public Response print(
            @PathParam("id") String document,
            @HeaderParam("X-Company-Id") String companyId,
            @HeaderParam("X-User-Email") String email,
            PrintRequest request) {
        if (request == null || request.pages() < 1) {
            throw new BadRequestException("pages must be at least 1");
        }
        schematic.track(PAGES_PRINTED, Caller.of(companyId, email), request.pages(), Map.of("document", document));
        LOG.infof("track %s quantity=%d for company %s", PAGES_PRINTED, request.pages(), companyId);
        return Response.accepted(new Printed(document, request.pages())).build();
    }

    public record PrintRequest(int pages) {}

    public record Printed(String document, int pages) {}

    public record Export(String document, String contentType, String location) {}

    public record Denied(String flag, String error, String reason) {}
}
