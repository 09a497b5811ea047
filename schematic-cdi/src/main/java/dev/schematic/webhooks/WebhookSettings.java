package dev.schematic.webhooks;

import dev.schematic.SchematicConfigException;
import dev.schematic.internal.config.SchematicConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The webhook configuration of one endpoint, read from {@code schematic.webhooks.*}: its verifier (secrets and
 * tolerance), the body size limit and the time allowed to receive the body. Errors name the key and never echo a secret.
 */
record WebhookSettings(WebhookVerifier verifier, int maxBodySize, Duration bodyTimeout) {
    static final String TOLERANCE = "schematic.webhooks.tolerance";
    static final String MAX_BODY_SIZE = "schematic.webhooks.max-body-size";
    static final String BODY_TIMEOUT = "schematic.webhooks.body-timeout";
    static final int DEFAULT_MAX_BODY_SIZE = 1024 * 1024;
    static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(10);
    /** Leaves room under the JVM's array size limit. */
    private static final long LARGEST_BODY_SIZE = Integer.MAX_VALUE - 16;

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]i?b?|b)?");

    /**
     * Reads the settings for the endpoint whose secrets are under {@code secretKey}.
     *
     * @param lookup a configuration value by key, empty when unset
     * @throws SchematicConfigException SCHEM401 (no secret), SCHEM402 (tolerance), SCHEM403 (body size), SCHEM404
     *     (body timeout)
     */
    static WebhookSettings read(String secretKey, Function<String, Optional<String>> lookup) {
        List<String> secrets =
                lookup.apply(secretKey).map(WebhookSettings::splitSecrets).orElse(List.of());
        if (secrets.isEmpty()) {
            throw new SchematicConfigException(
                    "SCHEM401",
                    secretKey,
                    "required by @VerifiedSchematicWebhook endpoints: set it to the webhook's signing secret from"
                            + " the Schematic dashboard (several, comma-separated, while rotating)");
        }
        WebhookVerifier verifier = WebhookVerifier.of(secrets)
                .withTolerance(
                        lookup.apply(TOLERANCE).map(WebhookSettings::tolerance).orElse(null));
        int maxBodySize =
                lookup.apply(MAX_BODY_SIZE).map(WebhookSettings::bodySize).orElse(DEFAULT_MAX_BODY_SIZE);
        Duration bodyTimeout =
                lookup.apply(BODY_TIMEOUT).map(WebhookSettings::bodyTimeout).orElse(DEFAULT_BODY_TIMEOUT);
        return new WebhookSettings(verifier, maxBodySize, bodyTimeout);
    }

    /** A positive duration such as {@code 10s}, {@code 500ms} or {@code PT10S}. */
    static Duration bodyTimeout(String value) {
        String v = value.strip();
        Duration d;
        try {
            d = SchematicConfig.parseDuration(v);
        } catch (RuntimeException e) {
            throw new SchematicConfigException(
                    "SCHEM404", BODY_TIMEOUT, "expected a duration such as 10s, 500ms or PT10S, got '" + v + "'");
        }
        if (d.isNegative() || d.isZero()) {
            throw new SchematicConfigException(
                    "SCHEM404", BODY_TIMEOUT, "expected a duration greater than zero, got '" + v + "'");
        }
        return d;
    }

    static List<String> splitSecrets(String value) {
        return Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** {@code off}, {@code 0} or empty mean no window; otherwise a duration such as {@code 5m} or {@code PT5M}. */
    static Duration tolerance(String value) {
        String v = value.strip();
        if (v.isEmpty() || v.equalsIgnoreCase("off") || v.equalsIgnoreCase("none")) {
            return null;
        }
        Duration d;
        try {
            d = SchematicConfig.parseDuration(v);
        } catch (RuntimeException e) {
            throw new SchematicConfigException(
                    "SCHEM402", TOLERANCE, "expected a duration such as 5m, 300s or PT5M (or off), got '" + v + "'");
        }
        if (d.isNegative()) {
            throw new SchematicConfigException(
                    "SCHEM402", TOLERANCE, "expected a duration that is not negative, got '" + v + "'");
        }
        return d.isZero() ? null : d;
    }

    /** A byte count: {@code 1048576}, {@code 512KiB}, {@code 1MiB}; K, KB, KiB (and M, G alike) all mean 1024. */
    static int bodySize(String value) {
        String v = value.strip();
        Matcher m = SIZE.matcher(v.toLowerCase(Locale.ROOT));
        long size = -1;
        if (m.matches()) {
            try {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "b" : m.group(2);
                long factor = switch (unit.charAt(0)) {
                    case 'k' -> 1024L;
                    case 'm' -> 1024L * 1024;
                    case 'g' -> 1024L * 1024 * 1024;
                    default -> 1L;
                };
                size = Math.multiplyExact(n, factor);
            } catch (NumberFormatException | ArithmeticException e) {
                size = Long.MAX_VALUE;
            }
        }
        if (size < 0) {
            throw new SchematicConfigException(
                    "SCHEM403", MAX_BODY_SIZE, "expected a size such as 1048576, 512KiB or 1MiB, got '" + v + "'");
        }
        if (size < 1 || size > LARGEST_BODY_SIZE) {
            throw new SchematicConfigException(
                    "SCHEM403",
                    MAX_BODY_SIZE,
                    "expected a size from 1 byte to " + LARGEST_BODY_SIZE + " bytes, got '" + v + "'");
        }
        return (int) size;
    }
}
