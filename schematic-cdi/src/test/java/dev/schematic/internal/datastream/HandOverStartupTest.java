package dev.schematic.internal.datastream;

import static dev.schematic.testkit.DataStreamEntities.flag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.FlagCheck;
import dev.schematic.internal.config.SchematicConfig;
import dev.schematic.internal.rules.RulesEngine;
import dev.schematic.internal.store.CacheKind;
import dev.schematic.internal.store.EmbeddedEntityStore;
import dev.schematic.internal.store.HandOverEntityStore;
import dev.schematic.testkit.FakeDataStream;
import dev.schematic.testkit.FakeSchematic;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded store's hand-over seen from the client: ready (and answering locally) before Infinispan has started,
 * Infinispan started only once ready, and the same answers and updates before, across and after the move.
 */
class HandOverStartupTest {
    FakeSchematic fake;
    FakeDataStream ds;

    @BeforeEach
    void start() {
        fake = FakeSchematic.start();
        ds = fake.dataStream();
        ds.flag(flag("new-ui", true));
        ds.flag(flag("beta", false));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void readyAndLocalBeforeInfinispanThenTheSameDataInIt() throws Exception {
        SchematicConfig config = SchematicConfig.read(Map.of(
                "schematic.api-key",
                LocalClients.API_KEY,
                "schematic.datastream.enabled",
                "true",
                "schematic.datastream.url",
                ds.url()));
        CountDownLatch letInfinispanStart = new CountDownLatch(1);
        AtomicBoolean startedBeforeReady = new AtomicBoolean();
        HandOverEntityStore[] store = new HandOverEntityStore[1];
        DataStreamClient[] client = new DataStreamClient[1];
        try (DataStreamClient c = new DataStreamClient(
                config.dataStream(),
                URI.create(ds.url()),
                LocalClients.API_KEY,
                "test",
                RulesEngine.create(config.rules()),
                () -> store[0] = HandOverEntityStore.deferred(100, 100, () -> {
                    startedBeforeReady.set(!client[0].isReady());
                    try {
                        assertTrue(letInfinispanStart.await(30, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return new EmbeddedEntityStore(100, 100);
                }))) {
            client[0] = c;
            c.start();
            assertTrue(c.awaitReady(Duration.ofSeconds(10)), () -> "not ready: " + c.status());
            assertFalse(store[0].handedOver(), "ready while the entries are still in memory");
            assertEquals(Boolean.TRUE, localValue(c, "new-ui"));
            assertTrue(c.status().store().contains("starting"), c.status()::toString);

            ds.flag(flag("new-ui", false)); // an update while in memory
            assertTrue(LocalCheckTest.eventually(() -> Boolean.FALSE.equals(localValue(c, "new-ui"))));

            letInfinispanStart.countDown();
            assertTrue(store[0].awaitHandOver(Duration.ofSeconds(60)), store[0]::description);
            assertFalse(startedBeforeReady.get(), "Infinispan started only once the client was ready");
            assertEquals("embedded Infinispan", c.status().store());
            assertEquals(Boolean.FALSE, localValue(c, "new-ui"), "the update moved with the entries");
            assertEquals(Boolean.FALSE, localValue(c, "beta"));
            assertEquals(2, store[0].keys(CacheKind.FLAGS, "").size(), store[0].keys(CacheKind.FLAGS, "")::toString);

            ds.flag(flag("beta", true)); // an update after the move goes to Infinispan
            assertTrue(LocalCheckTest.eventually(() -> Boolean.TRUE.equals(localValue(c, "beta"))));
        }
    }

    @Test
    void infinispanStartsAtTheLatestAfterTheWaitWhenTheClientIsNeverReady() throws Exception {
        ds.stop(); // no socket: never ready
        SchematicConfig config = SchematicConfig.read(Map.of(
                "schematic.api-key",
                LocalClients.API_KEY,
                "schematic.datastream.enabled",
                "true",
                "schematic.datastream.url",
                ds.url()));
        HandOverEntityStore[] store = new HandOverEntityStore[1];
        try (DataStreamClient c = new DataStreamClient(
                config.dataStream(),
                URI.create(ds.url()),
                LocalClients.API_KEY,
                "test",
                RulesEngine.create(config.rules()),
                () -> store[0] = HandOverEntityStore.deferred(100, 100, () -> new EmbeddedEntityStore(100, 100)))) {
            c.start();
            assertTrue(LocalCheckTest.eventually(() -> store[0] != null));
            assertTrue(
                    store[0].awaitHandOver(DataStreamClient.INFINISPAN_AT_LATEST.plusSeconds(60)),
                    store[0]::description);
            assertFalse(c.isReady());
        }
    }

    private static Boolean localValue(DataStreamClient c, String flag) {
        FlagCheck check = c.check(flag, Map.of(), Map.of());
        assertNotNull(check, () -> "not answered locally: " + flag + " " + c.status());
        return check.value();
    }
}
