package dev.schematic.cdi;

import dev.schematic.AsyncSchematic;
import dev.schematic.Schematic;
import dev.schematic.SchematicClientCustomizer;
import dev.schematic.internal.client.SchematicRuntime;
import dev.schematic.internal.config.SchematicConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Produces the application's {@link Schematic} and {@link AsyncSchematic} from MicroProfile Config. The client is
 * created on first injection use (lazy) unless {@code schematic.eager=true}; it is closed (events flushed, threads
 * stopped) when the application stops. Every {@link SchematicClientCustomizer} bean is applied to its REST clients.
 * In a Jakarta EE server the async client runs on the default {@code ManagedExecutorService}.
 */
@ApplicationScoped
public class SchematicProducer {
    private static final System.Logger LOG = System.getLogger(SchematicProducer.class.getName());
    static final String MANAGED_EXECUTOR_JNDI = "java:comp/DefaultManagedExecutorService";

    @Inject
    @Any
    Instance<SchematicClientCustomizer> customizers;

    @Inject
    SchematicExtension extension;

    /**
     * Created on first use, which may be on a server thread that is not the application's (a {@code /health} probe):
     * the settings are the application's (captured at deployment), and the client is built with the application's
     * context class loader, which the threads it starts inherit. The managed executor is looked up only on the
     * application's own threads.
     */
    @Produces
    @ApplicationScoped
    Schematic schematic() {
        SchematicConfig settings = MicroProfileSettings.read(extension.applicationConfig());
        List<SchematicClientCustomizer> hooks = customizers.stream().toList();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        ClassLoader application = extension.applicationLoader();
        if (application == null || seesTheSdk(previous)) {
            return prepared(SchematicRuntime.containerManaged(settings, hooks, managedExecutor()));
        }
        // Not the application's thread, so java:comp is not the application's either: on Payara Micro the health
        // thread's java:comp gave the managed executor of Payara's own (disabled) default web module, which aborted
        // every task ("Module __default-web-module is disabled") and DataStream never got ready. The client runs its
        // async work on its own threads then.
        thread.setContextClassLoader(application);
        try {
            return prepared(SchematicRuntime.containerManaged(settings, hooks, null));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * The disposer flushes the events when the application stops; on Payara Micro that runs while another shutdown
     * hook deletes the server's jars, so the capture client and its JSON-B are built now, with the application's
     * class loader, instead of on the first send.
     */
    private static Schematic prepared(Schematic schematic) {
        SchematicRuntime.prepareEventDelivery(schematic);
        return schematic;
    }

    /** Whether {@code loader} is (or delegates to) the application's: it loads the SDK's classes as ours. */
    private static boolean seesTheSdk(ClassLoader loader) {
        if (loader == null) {
            return false;
        }
        try {
            return Class.forName(SchematicProducer.class.getName(), false, loader) == SchematicProducer.class;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    void close(@Disposes Schematic schematic) {
        SchematicRuntime.shutdown(schematic);
        stopRxJavaSchedulersOfThisDeployment();
    }

    /**
     * Infinispan loads RxJava, whose {@code Schedulers} class starts a thread that never stops. When RxJava was loaded
     * by this deployment's class loader (the SDK's jars in WEB-INF/lib), nobody else can use it after undeploy, so stop
     * it; that lets the class loader be collected. In other setups (a shared RxJava) it is left alone.
     */
    private static void stopRxJavaSchedulersOfThisDeployment() {
        ClassLoader ours = SchematicProducer.class.getClassLoader();
        try {
            Class<?> schedulers = Class.forName("io.reactivex.rxjava3.schedulers.Schedulers", false, ours);
            if (schedulers.getClassLoader() == ours) {
                schedulers.getMethod("shutdown").invoke(null);
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.log(Level.DEBUG, "RxJava schedulers not stopped: " + e);
        }
    }

    @Produces
    @ApplicationScoped
    AsyncSchematic asyncSchematic(Schematic schematic) {
        return schematic.async();
    }

    void startEagerly(@Observes @Initialized(ApplicationScoped.class) Object ignored, Instance<Schematic> schematic) {
        // the same parser as the client's own settings (MicroProfile's Boolean converter would also accept "yes")
        if (MicroProfileSettings.read(extension.applicationConfig()).eager()) {
            schematic.get().start();
        }
    }

    private static Executor managedExecutor() {
        try {
            Object found = new javax.naming.InitialContext().lookup(MANAGED_EXECUTOR_JNDI);
            if (found instanceof Executor executor) {
                return executor;
            }
        } catch (javax.naming.NamingException | RuntimeException | LinkageError e) {
            LOG.log(Level.DEBUG, "No managed executor at " + MANAGED_EXECUTOR_JNDI + "; using the SDK's own threads");
        }
        return null;
    }
}
