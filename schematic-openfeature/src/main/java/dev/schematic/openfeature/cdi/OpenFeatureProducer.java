package dev.schematic.openfeature.cdi;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.schematic.Schematic;
import dev.schematic.openfeature.ProviderRegistration;
import dev.schematic.openfeature.SchematicProvider;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * With this module on the class path, registers a {@link SchematicProvider} over the injected {@link Schematic} as
 * OpenFeature's default provider when the application starts (waiting at most
 * {@code schematic.openfeature.init-timeout}), and lets beans {@code @Inject Client}. The provider is shut down (events
 * flushed) when the application stops. {@code schematic.openfeature.enabled=false} registers nothing.
 *
 * <pre>{@code
 * @Inject Client features;
 * boolean on = features.getBooleanValue("new-editor", false, context);
 * }</pre>
 */
@ApplicationScoped
public class OpenFeatureProducer {
    private static final System.Logger LOG = System.getLogger(OpenFeatureProducer.class.getName());

    @Inject
    Schematic schematic;

    private ProviderRegistration registration;

    void register(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        provider();
    }

    /** The registered provider (registered on first use when the startup event was not seen). */
    synchronized SchematicProvider provider() {
        if (registration == null) {
            Config config = ConfigProvider.getConfig();
            if (!OpenFeatureSettings.enabled(config)) {
                return null;
            }
            registration = ProviderRegistration.register(schematic, OpenFeatureSettings.read(config));
        }
        return registration.provider();
    }

    /** OpenFeature's client for the default domain, backed by Schematic. */
    @Produces
    @ApplicationScoped
    Client client() {
        provider();
        return OpenFeatureAPI.getInstance().getClient();
    }

    @PreDestroy
    synchronized void shutdown() {
        if (registration != null) {
            registration.close();
            registration = null;
        }
    }
}
