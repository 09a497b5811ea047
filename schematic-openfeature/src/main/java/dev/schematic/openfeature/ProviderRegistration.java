package dev.schematic.openfeature;

import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.exceptions.OpenFeatureError;
import dev.schematic.Schematic;

/**
 * A {@link SchematicProvider} registered as OpenFeature's default provider, and its undoing: what the CDI producer and
 * the Quarkus extension do at application start and stop, usable from plain Java too.
 *
 * <pre>{@code
 * try (ProviderRegistration registration = ProviderRegistration.register(schematic, SchematicProviderOptions.defaults())) {
 *     Client features = OpenFeatureAPI.getInstance().getClient();
 *     ...
 * }
 * }</pre>
 */
public final class ProviderRegistration implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ProviderRegistration.class.getName());

    private final SchematicProvider provider;

    private ProviderRegistration(SchematicProvider provider) {
        this.provider = provider;
    }

    /**
     * Registers a provider over {@code schematic} and waits for it to initialize (at most the options' init timeout).
     * A provider that is not ready in time stays registered (checks are answered, and it turns READY with the
     * DataStream): one WARNING says so.
     */
    public static ProviderRegistration register(Schematic schematic, SchematicProviderOptions options) {
        SchematicProvider provider = new SchematicProvider(schematic, options);
        try {
            OpenFeatureAPI.getInstance().setProviderAndWait(provider);
        } catch (OpenFeatureError e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Schematic OpenFeature provider registered, not ready yet: " + e.getMessage());
        }
        return new ProviderRegistration(provider);
    }

    public SchematicProvider provider() {
        return provider;
    }

    /**
     * Shuts the provider down (its events flushed; the Schematic client stays open). While it is still OpenFeature's
     * provider, OpenFeature itself is shut down, which clears its state so that a restarted application registers
     * afresh; a provider the application has set since is left alone.
     */
    @Override
    public void close() {
        OpenFeatureAPI api = OpenFeatureAPI.getInstance();
        if (api.getProvider() == provider) {
            api.shutdown();
        } else {
            provider.shutdown();
        }
    }
}
