package dev.schematic.openfeature.cdi;

import dev.schematic.SchematicConfigException;
import dev.schematic.openfeature.SchematicProviderOptions;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/** The {@code schematic.openfeature.*} keys (docs/openfeature.md), read from MicroProfile Config. */
final class OpenFeatureSettings {
    static final String ENABLED = "schematic.openfeature.enabled";
    static final String INIT_TIMEOUT = "schematic.openfeature.init-timeout";
    static final String POLL_INTERVAL = "schematic.openfeature.poll-interval";
    static final String TARGETING_KEY = "schematic.openfeature.targeting-key-as-user-key";

    private OpenFeatureSettings() {}

    static SchematicProviderOptions read(Config config) {
        SchematicProviderOptions o = SchematicProviderOptions.defaults();
        Optional<String> init = config.getOptionalValue(INIT_TIMEOUT, String.class);
        if (init.isPresent()) {
            o = o.withInitTimeout(duration(INIT_TIMEOUT, init.get()));
        }
        Optional<String> poll = config.getOptionalValue(POLL_INTERVAL, String.class);
        if (poll.isPresent()) {
            o = o.withPollInterval(duration(POLL_INTERVAL, poll.get()));
        }
        return o.withTargetingKeyAsUserKey(
                config.getOptionalValue(TARGETING_KEY, String.class).orElse(null));
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m} or ISO-8601 ({@code PT10S}); zero or more. */
    static Duration duration(String key, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (t.startsWith("pt") || t.startsWith("p")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else if (t.endsWith("ms")) {
                d = Duration.ofMillis(
                        Long.parseLong(t.substring(0, t.length() - 2).trim()));
            } else if (t.endsWith("s")) {
                d = Duration.ofSeconds(
                        Long.parseLong(t.substring(0, t.length() - 1).trim()));
            } else if (t.endsWith("m")) {
                d = Duration.ofMinutes(
                        Long.parseLong(t.substring(0, t.length() - 1).trim()));
            } else {
                d = Duration.ofMillis(Long.parseLong(t));
            }
            if (d.isNegative()) {
                throw new NumberFormatException("negative");
            }
            return d;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new SchematicConfigException(
                    "SCHEM102", key, "expected a duration such as 5s, 250ms or PT5S, got '" + text + "'");
        }
    }
}
