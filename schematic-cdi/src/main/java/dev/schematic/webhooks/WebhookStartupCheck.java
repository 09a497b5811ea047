package dev.schematic.webhooks;

import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Fails the deployment when a {@link VerifiedSchematicWebhook} resource has no secret (or the webhook settings are
 * invalid), with a {@code SchematicConfigException} naming the key, instead of answering 500 to Schematic later.
 * JAX-RS calls it once per resource method while deploying; it registers nothing. Optional: without it the same
 * problem is reported by {@link WebhookSignatureFilter} on the first webhook.
 *
 * <p>Found by JAX-RS scanning like the filter; when registering explicitly, register both classes.
 */
@Provider
public class WebhookStartupCheck implements DynamicFeature {
    private final Set<String> checked = ConcurrentHashMap.newKeySet();

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        WebhookSignatureFilter.secretKey(resourceInfo.getResourceMethod(), resourceInfo.getResourceClass())
                .filter(checked::add)
                .ifPresent(key -> {
                    Config config = ConfigProvider.getConfig();
                    WebhookSettings.read(key, k -> config.getOptionalValue(k, String.class));
                });
    }
}
