package dev.schematic.it.wildfly.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.stream.Collectors;

/**
 * The shop's view of its threads, for the lifecycle tests: the JVM's live threads in the threads probe's format ({@code
 * name<TAB>context class loader<TAB>its identity hash}), and the identities ({@link System#identityHashCode}) of this
 * deployment's class loaders: its classes' loader and the context class loader its request threads carry. A thread
 * started by the deployment inherits one of them, which tells the deployment's threads apart on every server (WildFly
 * names its loaders after the deployment; Open Liberty and Payara do not). Payara Micro runs no probe beside the shop,
 * so there the shop's own list is the only one.
 */
@Path("/threads")
public class ThreadsResource {
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

    @GET
    @Path("/loaders")
    @Produces(MediaType.TEXT_PLAIN)
    public String loaders() {
        return System.identityHashCode(ThreadsResource.class.getClassLoader()) + "\n"
                + System.identityHashCode(Thread.currentThread().getContextClassLoader());
    }
}
