package dev.schematic.it.quarkus;

import dev.schematic.testkit.FakeSchematic;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Runs a {@link FakeSchematic} the test can program and inspect ({@code @InjectFakeSchematic FakeSchematic fake;}) and
 * points the SDK at it. Dev Services run a fake too, but in the build's class loader, out of the test's reach: use
 * this resource when a test needs to define flags per test or read the events the app sent.
 */
public class FakeSchematicResource implements QuarkusTestResourceLifecycleManager {
    private FakeSchematic fake;

    @Override
    public Map<String, String> start() {
        fake = FakeSchematic.start();
        return Map.of(
                "schematic.api-key", "sch_test_resource",
                "schematic.base-url", fake.baseUrl(),
                "schematic.event-capture-url", fake.baseUrl());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                fake, new TestInjector.AnnotatedAndMatchesType(InjectFakeSchematic.class, FakeSchematic.class));
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.close();
        }
    }
}
