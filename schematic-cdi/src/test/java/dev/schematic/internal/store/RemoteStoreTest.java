package dev.schematic.internal.store;

import static dev.schematic.testkit.DataStreamEntities.company;
import static dev.schematic.testkit.DataStreamEntities.flag;
import static dev.schematic.testkit.DataStreamEntities.metric;
import static dev.schematic.testkit.DataStreamEntities.metricRule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.FlagCheck;
import dev.schematic.MissingTool;
import dev.schematic.Schematic;
import dev.schematic.internal.rules.RulesInput;
import dev.schematic.testkit.FakeDataStream;
import dev.schematic.testkit.FakeSchematic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** store=remote against a real Infinispan Server (child JVM): layout, CAS, and two SDK instances sharing it. */
class RemoteStoreTest {
    static final Map<String, String> ACME = Map.of("id", "acme");
    static InfinispanServer server;

    @TempDir
    static Path work;

    @BeforeAll
    static void startServer() throws Exception {
        String missing = InfinispanServer.jarsMissing();
        MissingTool.skipOrFail(missing);
        server = InfinispanServer.start(work);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void keysFollowTheOfficialLayoutWithThePrefixAndCasIsVersioned() {
        try (RemoteEntityStore a = new RemoteEntityStore(server.servers(), null, null, "schematic", "schematic");
                RemoteEntityStore raw = new RemoteEntityStore(server.servers(), null, null, "schematic", "")) {
            StoreKeys keys = new StoreKeys("v9");
            a.put(CacheKind.FLAGS, keys.flag("New-UI"), RulesInput.of("{\"key\":\"New-UI\"}"), Duration.ofDays(30));
            assertEquals(
                    "{\"key\":\"New-UI\"}",
                    raw.get(CacheKind.FLAGS, "schematic:flags:v9:new-ui").json());
            assertEquals(List.of("flags:v9:new-ui"), a.keys(CacheKind.FLAGS, "flags:v9:"));
            RulesInput v1 = RulesInput.of("{\"id\":\"c\",\"n\":1}");
            RulesInput v2 = RulesInput.of("{\"id\":\"c\",\"n\":2}");
            a.put(CacheKind.COMPANIES, keys.company("c"), v1, Duration.ofHours(1));
            assertTrue(a.replace(CacheKind.COMPANIES, keys.company("c"), v1, v2, Duration.ofHours(1)));
            assertFalse(a.replace(CacheKind.COMPANIES, keys.company("c"), v1, v2, Duration.ofHours(1)), "stale");
            a.remove(CacheKind.COMPANIES, keys.company("c"));
            assertNull(a.get(CacheKind.COMPANIES, keys.company("c")));
            assertNotNull(a.description());
        }
    }

    @Test
    void twoSdkInstancesSharingOneServerSeeEachOthersUpdates() throws Exception {
        try (FakeSchematic fakeA = FakeSchematic.start();
                FakeSchematic fakeB = FakeSchematic.start()) {
            FakeDataStream dsA = fakeA.dataStream();
            FakeDataStream dsB = fakeB.dataStream();
            for (FakeDataStream ds : List.of(dsA, dsB)) {
                ds.flag(flag("api-calls", false, metricRule("r1", "api-call", "lt", 100, "all_time", true)));
                ds.company(company("comp_1", ACME, metric("comp_1", "api-call", "all_time", 10)));
            }
            // B's fake never answers company requests: B can only know comp_1 through the shared store
            dsB.answerEntityRequests(false);
            try (Schematic a = remote(fakeA, dsA).build();
                    Schematic b = remote(fakeB, dsB).build()) {
                assertTrue(a.awaitReady(Duration.ofSeconds(20)), a.dataStream()::toString);
                assertTrue(b.awaitReady(Duration.ofSeconds(20)), b.dataStream()::toString);
                assertTrue(a.dataStream().store().startsWith("remote Infinispan"));
                assertTrue(a.checkFlag("api-calls", ACME, Map.of()), "A fetched comp_1 (10 < 100)");
                FlagCheck fromB = b.checkFlagDetailed("api-calls", ACME, Map.of());
                assertEquals(FlagCheck.Source.LOCAL, fromB.source(), "B reads what A cached: " + fromB);
                assertTrue(fromB.value());
                b.track("api-call", ACME, Map.of(), Map.of(), 95);
                assertFalse(a.checkFlag("api-calls", ACME, Map.of()), "A sees B's usage (105)");
                dsA.updateCompany("comp_1", "{\"metrics\":[" + metric("comp_1", "api-call", "all_time", 1) + "]}");
                assertTrue(
                        RedisStoreTest.eventually(() -> b.checkFlag("api-calls", ACME, Map.of())),
                        "B sees A's partial update");
            }
        }
    }

    private static dev.schematic.SchematicBuilder remote(FakeSchematic fake, FakeDataStream ds) {
        return Schematic.builder()
                .apiKey("sch_dev_test_key")
                .baseUrl(fake.baseUrl())
                .eventCaptureUrl(fake.baseUrl())
                .maxRetries(0)
                .cacheEnabled(false)
                .property("schematic.datastream.enabled", "true")
                .property("schematic.datastream.url", ds.url())
                .property("schematic.datastream.store", "remote")
                .property("schematic.datastream.remote.servers", server.servers())
                .property("schematic.datastream.entity-timeout", "500ms")
                .property("schematic.datastream.reconnect.min-delay", "20ms")
                .property("schematic.datastream.reconnect.max-delay", "200ms");
    }
}
