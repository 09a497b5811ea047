package dev.schematic.webhooks;

import dev.schematic.internal.config.Catalogue;
import dev.schematic.internal.config.ConfigValues;
import dev.schematic.internal.config.SchemCode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The webhook configuration of one endpoint, read from {@code schematic.webhooks.*} through the SDK's catalogue: its
 * verifier (secrets and tolerance), the body size limit and the time allowed to receive the body. Errors name the key
 * and never echo a secret.
 */
record WebhookSettings(WebhookVerifier verifier, int maxBodySize, Duration bodyTimeout) {

    /**
     * Reads the settings for the endpoint whose secrets are under {@code secretKey}.
     *
     * @param lookup a configuration value by key, empty when unset
     * @throws dev.schematic.SchematicConfigException SCHEM401 (no secret), SCHEM402 (tolerance), SCHEM403 (body
     *     size), SCHEM404 (body timeout)
     */
    static WebhookSettings read(String secretKey, Function<String, Optional<String>> lookup) {
        List<String> secrets =
                lookup.apply(secretKey).map(WebhookSettings::splitSecrets).orElse(List.of());
        if (secrets.isEmpty()) {
            throw SchemCode.SCHEM401.error(
                    secretKey,
                    "required by @VerifiedSchematicWebhook endpoints: set it to the webhook's signing secret from"
                            + " the Schematic dashboard (several, comma-separated, while rotating)");
        }
        ConfigValues values = ConfigValues.of(lookup::apply);
        // zero (also "off", "none") means no replay window
        Duration tolerance = values.find(Catalogue.WEBHOOKS_TOLERANCE)
                .filter(d -> !d.isZero())
                .orElse(null);
        return new WebhookSettings(
                WebhookVerifier.of(secrets).withTolerance(tolerance),
                values.get(Catalogue.WEBHOOKS_MAX_BODY_SIZE),
                values.get(Catalogue.WEBHOOKS_BODY_TIMEOUT));
    }

    static List<String> splitSecrets(String value) {
        return Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
