package dev.schematic.it.quarkus;

import static dev.schematic.testkit.DataStreamEntities.company;
import static dev.schematic.testkit.DataStreamEntities.companyOverride;
import static dev.schematic.testkit.DataStreamEntities.flag;
import static dev.schematic.testkit.DataStreamEntities.metric;

import dev.schematic.testkit.FakeReplicator;
import dev.schematic.testkit.FakeSchematic;
import dev.schematic.testkit.LocalRedisServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A real redis-server, the test kit's fake replicator writing into it, and a fake Schematic; the SDK in replicator mode. */
public class ReplicatorResource implements QuarkusTestResourceLifecycleManager {
    private LocalRedisServer redis;
    private FakeReplicator replicator;
    private FakeSchematic fake;

    @Override
    public Map<String, String> start() {
        redis = LocalRedisServer.start();
        replicator = FakeReplicator.start(redis.url());
        // acme's plan includes pdf-export; globex is not in the store at all
        replicator.flag(flag("pdf-export", false, companyOverride("r1", "comp_acme", true)));
        replicator.company(
                company("comp_acme", Map.of("id", "acme"), metric("comp_acme", "pages-printed", "all_time", 10)));
        fake = FakeSchematic.start();
        return Map.of(
                "schematic.api-key",
                "sch_test_replicator",
                "schematic.base-url",
                fake.baseUrl(),
                "schematic.event-capture-url",
                fake.baseUrl(),
                "schematic.datastream.replicator-mode",
                "true",
                "schematic.datastream.replicator-health-url",
                replicator.healthUrl(),
                "schematic.datastream.replicator-health-interval",
                "200ms",
                "schematic.datastream.redis.url",
                redis.url(),
                "schematic.datastream.cache-ttl",
                "0");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                replicator, new TestInjector.AnnotatedAndMatchesType(InjectFakeSchematic.class, FakeReplicator.class));
        injector.injectIntoFields(
                fake, new TestInjector.AnnotatedAndMatchesType(InjectFakeSchematic.class, FakeSchematic.class));
    }

    @Override
    public void stop() {
        if (replicator != null) {
            replicator.close();
        }
        if (fake != null) {
            fake.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
