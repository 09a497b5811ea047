package dev.schematic.quarkus.runtime;

import dev.schematic.internal.config.FlagDefaultKeys;
import dev.schematic.internal.config.SchematicConfig;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * Builds the validated {@link SchematicConfig} from the typed {@link SchematicRuntimeConfig}: every member is read
 * through the SDK's catalogue ({@link MappingValues}), which checks it as it checks a MicroProfile Config value in any
 * other runtime (same keys, same defaults, same SCHEM errors). Flag defaults, whose keys are not known in advance,
 * are read by {@link FlagDefaultKeys} from the whole configuration, as the CDI producer does, so environment variables
 * ({@code SCHEMATIC_FLAG_DEFAULTS_PDF_EXPORT}, {@code SCHEMATIC_FLAG_DEFAULTS}) count too.
 */
public final class SchematicSettings {
    private SchematicSettings() {}

    /**
     * The validated settings.
     *
     * @param config the application's configuration, for flag defaults
     * @throws dev.schematic.SchematicConfigException naming the first key that is missing or invalid
     */
    public static SchematicConfig read(SchematicRuntimeConfig mapping, Config config) {
        Map<String, Boolean> flagDefaults =
                FlagDefaultKeys.read(config.getPropertyNames(), key -> config.getOptionalValue(key, String.class));
        return SchematicConfig.read(MappingValues.of(mapping), flagDefaults);
    }
}
