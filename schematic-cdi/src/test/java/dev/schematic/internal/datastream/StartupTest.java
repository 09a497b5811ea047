package dev.schematic.internal.datastream;

import static dev.schematic.testkit.DataStreamEntities.flag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.DataStreamState;
import dev.schematic.DataStreamStatus;
import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import dev.schematic.internal.config.SchematicConfig;
import dev.schematic.internal.rules.RulesEngine;
import dev.schematic.internal.store.EmbeddedEntityStore;
import dev.schematic.testkit.FakeDataStream;
import dev.schematic.testkit.FakeSchematic;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket, the engine and the store start side by side; what arrives early is kept, a fatal failure stops all. */
class StartupTest {
    FakeSchematic fake;
    FakeDataStream ds;

    @BeforeEach
    void start() {
        fake = FakeSchematic.start();
        ds = fake.dataStream();
        ds.flag(flag("new-ui", true));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void flagsThatArriveBeforeTheStoreIsOpenAreAppliedOnceItIs() throws Exception {
        SchematicConfig config = SchematicConfig.read(Map.of(
                "schematic.api-key",
                LocalClients.API_KEY,
                "schematic.datastream.enabled",
                "true",
                "schematic.datastream.url",
                ds.url()));
        try (DataStreamClient client = new DataStreamClient(
                config.dataStream(),
                URI.create(ds.url()),
                LocalClients.API_KEY,
                "test",
                RulesEngine.create(config.rules()),
                () -> {
                    // slower than the socket: the flags snapshot arrives first
                    assertTrue(ds.awaitConnectionCount(1, Duration.ofSeconds(10)));
                    sleep(300);
                    return new EmbeddedEntityStore(100, 100);
                })) {
            client.start();
            assertTrue(client.awaitReady(Duration.ofSeconds(10)), () -> "not ready: " + client.status());
            FlagCheck c = client.check("new-ui", Map.of(), Map.of());
            assertNotNull(c);
            assertTrue(c.value());
            assertEquals(0, client.status().droppedMessages(), "no message dropped");
        }
    }

    @Test
    void anEngineThatCannotLoadStopsTheDataStreamAndItsSocket(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.wasm"), "not a wasm module");
        try (Schematic s = LocalClients.against(fake)
                .property("schematic.rules.wasm", bad.toString())
                .build()) {
            assertFalse(s.awaitReady(Duration.ofSeconds(3)));
            DataStreamStatus status = s.dataStream();
            assertEquals(DataStreamState.ERROR, status.state(), status::toString);
            assertTrue(status.reason().contains("rules engine cannot be loaded"), status::toString);
            assertTrue(LocalCheckTest.eventually(() -> ds.openConnections() == 0), "the socket is closed");
            assertNotEquals(
                    FlagCheck.Source.LOCAL,
                    s.checkFlagDetailed("new-ui", Map.of(), Map.of()).source());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
