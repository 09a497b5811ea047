package dev.schematic.it.quarkus;

import dev.schematic.testkit.FakeSchematic;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs a {@link FakeSchematic} the test can program and inspect ({@code @InjectFakeSchematic FakeSchematic fake;}) and
 * points the SDK at it. Dev Services run a fake too, but in the build's class loader, out of the test's reach: use
 * this resource when a test needs to define flags per test or read the events the app sent.
 */
public class FakeSchematicResource implements QuarkusTestResourceLifecycleManager {
    /**
     * Init argument: {@code "true"} also starts the fake's DataStream ({@code fake.dataStream()}) and turns DataStream
     * on in the app, pointed at it.
     */
    public static final String DATASTREAM = "datastream";

    private FakeSchematic fake;
    private boolean dataStream;

    @Override
    public void init(Map<String, String> initArgs) {
        dataStream = Boolean.parseBoolean(initArgs.getOrDefault(DATASTREAM, "false"));
    }

    @Override
    public Map<String, String> start() {
        fake = FakeSchematic.start();
        Map<String, String> config = new HashMap<>(Map.of(
                "schematic.api-key", "sch_test_resource",
                "schematic.base-url", fake.baseUrl(),
                "schematic.event-capture-url", fake.baseUrl()));
        if (dataStream) {
            config.put("schematic.datastream.enabled", "true");
            config.put("schematic.datastream.url", fake.dataStream().url());
        }
        return config;
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
