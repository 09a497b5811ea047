package dev.schematic.cdi;

import dev.schematic.internal.config.SchematicConfig;
import org.eclipse.microprofile.config.Config;

/** Reads {@link SchematicConfig} from MicroProfile Config (every source: properties file, env, system props). */
final class MicroProfileSettings {
    private MicroProfileSettings() {}

    static SchematicConfig read(Config config) {
        return SchematicConfig.read(config.getPropertyNames(), key -> config.getOptionalValue(key, String.class));
    }
}
