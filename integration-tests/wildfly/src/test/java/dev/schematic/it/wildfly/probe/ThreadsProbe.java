package dev.schematic.it.wildfly.probe;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import java.util.stream.Collectors;

/**
 * A deployment of its own (no SDK) that lists the server's live threads, one per line: {@code name<TAB>context class
 * loader<TAB>its identity hash}. The class loader tells which deployment started a thread (a thread inherits its creator's), so a test can
 * ask whether anything an undeployed application started is still running.
 */
@Path("/threads")
public class ThreadsProbe {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String threads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(t -> t.getName() + "\t" + t.getContextClassLoader() + "\t"
                        + System.identityHashCode(t.getContextClassLoader()))
                .sorted()
                .collect(Collectors.joining("\n"));
    }

    /** The probe's JAX-RS application. */
    @ApplicationPath("/")
    public static class ProbeApplication extends Application {}
}
