package dev.schematic.quarkus.runtime.openfeature;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.schematic.Schematic;
import dev.schematic.openfeature.ProviderRegistration;
import dev.schematic.openfeature.SchematicProvider;
import dev.schematic.openfeature.SchematicProviderOptions;
import dev.schematic.quarkus.runtime.OpenFeatureConfig;
import dev.schematic.quarkus.runtime.SchematicRuntimeConfig;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * OpenFeature in Quarkus (docs/openfeature.md): registers a {@link SchematicProvider} over the extension's {@link
 * Schematic} bean as OpenFeature's default provider at startup (waiting at most {@code
 * schematic.openfeature.init-timeout}) and produces OpenFeature's {@link Client}, so beans can {@code @Inject Client}.
 * Added by the extension only when schematic-openfeature is on the application's class path; the module's own CDI
 * producer ({@code dev.schematic.openfeature.cdi}) is excluded in Quarkus, so there is one registration.
 *
 * <p>At shutdown the provider is shut down first (its pending events flushed) on {@link ShutdownEvent}, while the
 * client is still open; the provider never closes the client, which the extension closes once, afterwards, when its
 * bean is destroyed. {@code schematic.openfeature.enabled=false} registers nothing (the injected client then answers
 * every flag with the caller's default, as OpenFeature's no-op provider does).
 */
@Singleton
public class SchematicOpenFeature {

    @Inject
    Schematic schematic;

    @Inject
    SchematicRuntimeConfig config;

    private ProviderRegistration registration;

    void register(@Observes StartupEvent event) {
        provider();
    }

    /** The registered provider, registered on first use; {@code null} when {@code enabled=false}. */
    synchronized SchematicProvider provider() {
        OpenFeatureConfig settings = config.openfeature();
        if (registration == null && settings.enabled()) {
            // checks are answered (through the REST API) even if it is not ready yet; it turns READY with the
            // DataStream
            registration = ProviderRegistration.register(schematic, options(settings));
        }
        return registration == null ? null : registration.provider();
    }

    static SchematicProviderOptions options(OpenFeatureConfig settings) {
        return SchematicProviderOptions.defaults()
                .withInitTimeout(settings.initTimeout())
                .withPollInterval(settings.pollInterval())
                .withTargetingKeyAsUserKey(settings.targetingKeyAsUserKey().orElse(null));
    }

    /** OpenFeature's client for the default domain, backed by Schematic. An application's own producer wins. */
    @Produces
    @ApplicationScoped
    @DefaultBean
    Client client() {
        provider();
        return OpenFeatureAPI.getInstance().getClient();
    }

    /**
     * Before the beans are destroyed: the provider flushes the client's queued events and stops watching the
     * DataStream. Only this provider is shut down; another provider an application set since is left alone.
     */
    synchronized void shutdown(@Observes ShutdownEvent event) {
        if (registration != null) {
            registration.close();
            registration = null;
        }
    }
}
