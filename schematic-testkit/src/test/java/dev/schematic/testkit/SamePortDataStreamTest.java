package dev.schematic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.StringReader;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** REST, {@code /batch} and the DataStream WebSocket share one port, as clients deriving the URL expect. */
class SamePortDataStreamTest {
    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();

    private Session connect(String url) throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.put(FakeSchematic.API_KEY_HEADER, List.of(Http.API_KEY));
                    }
                })
                .build();
        return ContainerProvider.getWebSocketContainer()
                .connectToServer(
                        new Endpoint() {
                            @Override
                            public void onOpen(Session s, EndpointConfig c) {
                                s.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
                            }
                        },
                        config,
                        URI.create(url));
    }

    private JsonObject next() throws InterruptedException {
        String m = received.poll(5, TimeUnit.SECONDS);
        assertTrue(m != null, "a DataStream message");
        return Json.createReader(new StringReader(m)).readObject();
    }

    @Test
    void dataStreamUrlIsDerivedFromTheBaseUrl() {
        try (FakeSchematic fake = FakeSchematic.start()) {
            // what the SDKs derive: http → ws, path /datastream, port kept (datastream.md §1.1)
            assertEquals(fake.baseUrl().replace("http://", "ws://") + "/datastream", fake.dataStreamUrl());
        }
    }

    @Test
    void oneBaseUrlServesRestAndTheWebSocket() throws Exception {
        try (FakeSchematic fake = FakeSchematic.start()) {
            fake.flag("rest-flag").defaultValue(true);
            fake.dataStream().flag(DataStreamEntities.flag("ws-flag", true));
            Session s = connect(fake.dataStreamUrl());
            s.getBasicRemote().sendText("{\"data\":{\"action\":\"start\",\"entity_type\":\"rulesengine.Flags\"}}");
            JsonObject flags = next();
            assertEquals("ws-flag", flags.getJsonArray("data").getJsonObject(0).getString("key"));
            assertEquals(
                    Http.API_KEY,
                    fake.dataStream()
                            .handshakes()
                            .get(0)
                            .get(FakeSchematic.API_KEY_HEADER)
                            .get(0),
                    "the handshake reaches the fake DataStream unchanged");
            // the same port answers REST while the socket is open
            Http.Reply r = new Http(fake).post("/flags/rest-flag/check", "{}");
            assertTrue(r.data().getBoolean("value"));
            assertEquals(
                    200, new Http(fake).post("/batch", Http.events(2, "track")).status());
            assertEquals(2, fake.eventCount());
            s.close();
        }
    }

    @Test
    void firstWebSocketConnectionStartsTheDataStream() throws Exception {
        try (FakeSchematic fake = FakeSchematic.start()) {
            Session s = connect(fake.dataStreamUrl()); // dataStream() never called
            assertTrue(s.isOpen());
            assertEquals(1, fake.dataStream().handshakes().size());
            s.close();
        }
    }

    @Test
    void stoppedDataStreamRefusesOnTheSharedPortAndRestartServesAgain() throws Exception {
        try (FakeSchematic fake = FakeSchematic.start()) {
            fake.dataStream().stop();
            long t0 = System.nanoTime();
            assertThrows(Exception.class, () -> connect(fake.dataStreamUrl()));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 10_000, ms + " ms: refused at once (503), not after the client's handshake timeout");
            assertEquals(404, new Http(fake).get("/nothing").status(), "REST unaffected");
            fake.dataStream().restart();
            Session s = connect(fake.dataStreamUrl());
            assertTrue(s.isOpen());
            s.close();
        }
    }

    @Test
    void separatePortStillWorks() throws Exception {
        try (FakeSchematic fake = FakeSchematic.start()) {
            Session s = connect(fake.dataStream().url());
            assertTrue(s.isOpen());
            s.close();
        }
    }
}
