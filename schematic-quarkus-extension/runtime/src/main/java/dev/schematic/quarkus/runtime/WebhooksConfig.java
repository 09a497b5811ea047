package dev.schematic.quarkus.runtime;

import dev.schematic.quarkus.runtime.ConfigConverters.Durations;
import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Verification of Schematic webhooks by {@code @VerifiedSchematicWebhook} endpoints (see docs/webhooks.md). A
 * missing secret or a bad value fails startup with {@code SCHEM401} to {@code SCHEM404} and the key.
 */
public interface WebhooksConfig {
    /**
     * The webhook signing secret from the Schematic dashboard ({@code whsec_…}), required by
     * {@code @VerifiedSchematicWebhook} endpoints; several, comma-separated, while rotating.
     */
    Optional<String> secret();

    /**
     * Secrets of further webhook endpoints, named in {@code @VerifiedSchematicWebhook(secretKey =
     * "schematic.webhooks.secrets.<name>")}; each comma-separated while rotating.
     */
    @ConfigDocMapKey("name")
    Map<String, String> secrets();

    /**
     * The replay window: deliveries whose timestamp is further than this in the past or future are refused
     * ({@code 5m}, {@code 300s}, {@code PT5M}). Off when unset (or {@code off}, {@code 0}), as in Schematic's SDKs.
     * Text, since it also accepts {@code off}.
     */
    Optional<String> tolerance();

    /**
     * The largest webhook body read ({@code 1048576}, {@code 512KiB}, {@code 1MiB}); larger ones are refused with
     * 413. Text, since it accepts binary units.
     */
    @WithDefault("1MiB")
    String maxBodySize();

    /**
     * How long a webhook body may take to arrive ({@code 10s}, {@code 500ms}, {@code PT10S}); a slower sender is
     * refused with 408 and the connection closed.
     */
    @WithDefault("10s")
    @WithConverter(Durations.class)
    Duration bodyTimeout();
}
