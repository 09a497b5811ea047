package dev.schematic.quarkus.runtime;

import dev.schematic.AsyncSchematic;
import dev.schematic.Schematic;
import dev.schematic.SchematicClientCustomizer;
import dev.schematic.internal.client.ClientTelemetry;
import dev.schematic.internal.client.SchematicRuntime;
import dev.schematic.internal.config.SchematicConfig;
import dev.schematic.quarkus.runtime.devui.CheckLog;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Produces {@link Schematic}, {@link AsyncSchematic} and the validated {@link SchematicConfig} from {@link
 * SchematicRuntimeConfig}. Registered by the extension's build steps; the library's own {@code
 * dev.schematic.cdi.SchematicProducer} (MicroProfile Config, a Jakarta EE managed executor looked up in JNDI) is
 * excluded from bean discovery in Quarkus.
 *
 * <p>At startup the settings are validated (a bad value fails startup with its SCHEM message) but no client is built
 * and no connection is made: the client is created on first use, unless {@code schematic.eager=true}. At shutdown
 * the client is closed: queued events are flushed (for at most {@code schematic.events.shutdown-timeout}) and the
 * SDK's threads stop. Every {@link SchematicClientCustomizer} bean is applied to the SDK's REST clients.
 */
@Singleton
public class SchematicQuarkusProducer {
    private static final Logger LOG = Logger.getLogger(SchematicQuarkusProducer.class);

    @Produces
    @Singleton
    SchematicConfig settings(SchematicRuntimeConfig config) {
        return SchematicSettings.read(config, ConfigProvider.getConfig());
    }

    @Produces
    @ApplicationScoped
    Schematic schematic(
            SchematicConfig settings, @Any Instance<SchematicClientCustomizer> customizers, CheckLog checks) {
        // null executor: async calls run on the SDK's own bounded daemon pool, which close() stops; it must outlive
        // the Quarkus worker pool during shutdown, when queued events are still being delivered.
        Schematic client =
                SchematicRuntime.containerManaged(settings, customizers.stream().toList(), null);
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            // dev mode: the Dev UI card shows the last checks, sync and async alike, as the client's telemetry sees
            // them; in test and production mode nobody observes them
            ClientTelemetry.of(client).observe(checks);
        }
        return client;
    }

    /** The last checks for the Dev UI card (filled in dev mode only). */
    @Produces
    @Singleton
    CheckLog checkLog() {
        return new CheckLog();
    }

    void close(@Disposes Schematic schematic) {
        LOG.debugf("Closing %s: flushing queued events", schematic);
        SchematicRuntime.shutdown(schematic);
    }

    @Produces
    @ApplicationScoped
    AsyncSchematic asyncSchematic(Schematic schematic) {
        return schematic.async();
    }

    /**
     * Validates the settings (resolving the bean reads them) and honours {@code schematic.eager}. With DataStream on
     * ({@code schematic.datastream.enabled} or {@code replicator-mode}) the client is built here so that its
     * connection opens in the background right away, not on the first check or readiness probe; startup does not
     * wait for it ({@code Schematic.awaitReady} does, and the {@code schematic-datastream} readiness check is DOWN
     * until then).
     */
    void onStart(@Observes StartupEvent event, SchematicConfig settings, Instance<Schematic> schematic) {
        LOG.debugf("Schematic settings: %s", settings);
        if (settings.eager()) {
            schematic.get().start();
        } else if (settings.dataStream().enabled() && !settings.offline()) {
            LOG.debugf("Schematic DataStream: %s", schematic.get().dataStream());
        }
    }
}
