package dev.schematic.openfeature.cdi;

import dev.schematic.internal.config.Catalogue;
import dev.schematic.internal.config.Setting;
import dev.schematic.openfeature.SchematicProviderOptions;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The {@code schematic.openfeature.*} keys (docs/openfeature.md), read from MicroProfile Config and parsed by their
 * settings in the SDK's config catalogue (same forms and SCHEM codes as every other key).
 */
final class OpenFeatureSettings {
    static final String ENABLED = Catalogue.OPENFEATURE_ENABLED.name();
    static final String INIT_TIMEOUT = Catalogue.OPENFEATURE_INIT_TIMEOUT.name();
    static final String POLL_INTERVAL = Catalogue.OPENFEATURE_POLL_INTERVAL.name();
    static final String TARGETING_KEY = Catalogue.OPENFEATURE_TARGETING_KEY_AS_USER_KEY.name();

    private OpenFeatureSettings() {}

    /** {@code schematic.openfeature.enabled} (default true); SCHEM103 naming the key when not true/false. */
    static boolean enabled(Config config) {
        return value(config, Catalogue.OPENFEATURE_ENABLED).orElse(true);
    }

    static SchematicProviderOptions read(Config config) {
        SchematicProviderOptions o = SchematicProviderOptions.defaults();
        Optional<Duration> init = value(config, Catalogue.OPENFEATURE_INIT_TIMEOUT);
        if (init.isPresent()) {
            o = o.withInitTimeout(init.get());
        }
        Optional<Duration> poll = value(config, Catalogue.OPENFEATURE_POLL_INTERVAL);
        if (poll.isPresent()) {
            o = o.withPollInterval(poll.get());
        }
        return o.withTargetingKeyAsUserKey(
                value(config, Catalogue.OPENFEATURE_TARGETING_KEY_AS_USER_KEY).orElse(null));
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m} or ISO-8601 ({@code PT10S}); SCHEM102 naming {@code key} otherwise. */
    static Duration duration(String key, String text) {
        return Catalogue.find(key)
                .map(s -> (Duration) s.parse(text))
                .orElseThrow(() -> new IllegalArgumentException("not a catalogue key: " + key));
    }

    private static <T> Optional<T> value(Config config, Setting<T> setting) {
        return config.getOptionalValue(setting.name(), String.class)
                .filter(t -> !t.isBlank())
                .map(setting::parse);
    }
}
