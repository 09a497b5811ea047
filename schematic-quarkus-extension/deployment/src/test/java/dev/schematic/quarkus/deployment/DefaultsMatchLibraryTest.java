package dev.schematic.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schematic.internal.config.SchematicConfig;
import dev.schematic.internal.config.SchematicConfig.Keys;
import dev.schematic.quarkus.runtime.SchematicRuntimeConfig;
import dev.schematic.quarkus.runtime.SchematicSettings;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The @ConfigMapping has exactly the library's keys and defaults, so an app moves between runtimes unchanged. */
class DefaultsMatchLibraryTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest().overrideConfigKey("schematic.api-key", "sch_dev_test");

    @Inject
    SchematicRuntimeConfig mapping;

    @Inject
    SchematicConfig settings;

    @Test
    void theMappingHasEveryLibraryKeyWithTheSameDefault() {
        Map<String, String> expected = new TreeMap<>(Keys.DEFAULTS);
        expected.put(Keys.API_KEY, "sch_dev_test");
        assertEquals(expected, SchematicSettings.raw(mapping));
    }

    @Test
    void theInjectedSettingsEqualWhatTheLibraryReadsFromTheSameKeys() {
        assertEquals(SchematicConfig.read(Map.of(Keys.API_KEY, "sch_dev_test")), settings);
    }
}
