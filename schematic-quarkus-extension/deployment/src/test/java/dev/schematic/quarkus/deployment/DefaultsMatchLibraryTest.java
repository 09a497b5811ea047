package dev.schematic.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schematic.internal.config.Catalogue;
import dev.schematic.internal.config.ConfigValues;
import dev.schematic.internal.config.SchematicConfig;
import dev.schematic.internal.config.Setting;
import dev.schematic.quarkus.runtime.MappingValues;
import dev.schematic.quarkus.runtime.SchematicRuntimeConfig;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The typed @ConfigMapping gives every catalogue key the library's default, so an app moves between runtimes. */
class DefaultsMatchLibraryTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest().overrideConfigKey("schematic.api-key", "sch_dev_test");

    @Inject
    SchematicRuntimeConfig mapping;

    @Inject
    SchematicConfig settings;

    @Test
    void everyMemberReadsAsTheCatalogueDefault() {
        ConfigValues fromMapping = MappingValues.of(mapping);
        ConfigValues library = ConfigValues.of(Map.of());
        List<String> differences = new ArrayList<>();
        for (Setting<?> s : Catalogue.ALL) {
            if (s == Catalogue.API_KEY || s == Catalogue.FLAG_DEFAULTS) {
                continue;
            }
            Object quarkus = fromMapping.find(s).orElse(null);
            Object sdk = library.find(s).orElse(null);
            if (!Objects.equals(quarkus, sdk)) {
                differences.add(s.name() + ": mapping " + quarkus + ", library " + sdk);
            }
        }
        assertEquals(List.of(), differences);
    }

    @Test
    void theInjectedSettingsEqualWhatTheLibraryReadsFromTheSameKeys() {
        assertEquals(SchematicConfig.read(Map.of(Catalogue.API_KEY.name(), "sch_dev_test")), settings);
    }
}
