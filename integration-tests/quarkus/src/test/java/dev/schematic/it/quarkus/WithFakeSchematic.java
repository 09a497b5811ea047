package dev.schematic.it.quarkus;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** A profile whose fake Schematic belongs to the test ({@link FakeSchematicResource}) instead of Dev Services. */
public class WithFakeSchematic implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.schematic.devservices.enabled", "false");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeSchematicResource.class));
    }
}
