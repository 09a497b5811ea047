package dev.schematic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake DataStream speaks the protocol to a plain WebSocket client. */
class FakeDataStreamTest {
    FakeSchematic fake;
    FakeDataStream ds;
    LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<Integer> closes = new LinkedBlockingQueue<>();
    /** How many requests the fake had recorded when each message arrived. */
    LinkedBlockingQueue<Integer> recordedAtArrival = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        fake = FakeSchematic.start();
        ds = fake.dataStream();
        ds.flag(DataStreamEntities.flag("new-ui", false, DataStreamEntities.companyOverride("r1", "comp_1", true)));
        ds.company(DataStreamEntities.company("comp_1", Map.of("id", "acme")));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    Session connect() throws Exception {
        return ContainerProvider.getWebSocketContainer()
                .connectToServer(
                        new Endpoint() {
                            @Override
                            public void onOpen(Session s, EndpointConfig c) {
                                s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                                    recordedAtArrival.add(ds.requests().size());
                                    received.add(text);
                                });
                            }

                            @Override
                            public void onClose(Session s, CloseReason r) {
                                closes.add(r.getCloseCode().getCode());
                            }
                        },
                        ClientEndpointConfig.Builder.create().build(),
                        URI.create(ds.url()));
    }

    JsonObject next() throws InterruptedException {
        String m = received.poll(5, TimeUnit.SECONDS);
        assertTrue(m != null, "a message");
        return Json.createReader(new StringReader(m)).readObject();
    }

    @Test
    void answersFlagsEntitiesErrorsAndPushesChanges() throws Exception {
        Session s = connect();
        s.getBasicRemote().sendText("{\"data\":{\"entity_type\":\"rulesengine.Flags\"}}"); // no action: still start
        JsonObject flags = next();
        assertEquals("rulesengine.Flags", flags.getString("entity_type"));
        assertEquals("new-ui", flags.getJsonArray("data").getJsonObject(0).getString("key"));
        s.getBasicRemote()
                .sendText(
                        "{\"data\":{\"action\":\"start\",\"entity_type\":\"rulesengine.Company\",\"keys\":{\"id\":\"ACME\"}}}");
        JsonObject c = next();
        assertEquals("full", c.getString("message_type"));
        assertEquals("comp_1", c.getString("entity_id"));
        ds.updateCompany("comp_1", "{\"keys\":{\"slug\":\"a\"}}");
        JsonObject partial = next();
        assertEquals("partial", partial.getString("message_type"));
        assertEquals("a", partial.getJsonObject("data").getJsonObject("keys").getString("slug"));
        ds.deleteCompany("comp_1");
        JsonObject delete = next();
        assertEquals("delete", delete.getString("message_type"));
        assertEquals("comp_1", delete.getJsonObject("data").getString("id"));
        s.getBasicRemote()
                .sendText(
                        "{\"data\":{\"action\":\"start\",\"entity_type\":\"rulesengine.Company\",\"keys\":{\"id\":\"x\"}}}");
        JsonObject error = next();
        assertEquals("error", error.getString("message_type"));
        ds.removeFlag("new-ui");
        assertEquals("delete", next().getString("message_type"));
        assertEquals(3, ds.requests().size());
        assertEquals(List.of(), ds.flags());
        s.close();
    }

    @Test
    void aRequestIsRecordedBeforeItsAnswerAndAChangeMadeOnceItIsSeenIsPushedAfterTheAnswer() throws Exception {
        Session s = connect();
        for (int i = 1; i <= 50; i++) {
            String id = "comp_r" + i;
            ds.company(DataStreamEntities.company(id, Map.of("id", "r" + i)));
            s.getBasicRemote()
                    .sendText("{\"data\":{\"action\":\"start\",\"entity_type\":\"rulesengine.Company\",\"keys\":"
                            + "{\"id\":\"r" + i + "\"}}}");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (ds.requests().size() < i && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            ds.deleteCompany(id); // as soon as the request is seen
            JsonObject full = next();
            assertEquals("full", full.getString("message_type"), "round " + i + ": the answer first");
            assertEquals(id, full.getString("entity_id"));
            assertEquals(i, recordedAtArrival.poll(), "round " + i + ": recorded before it was answered");
            JsonObject delete = next();
            assertEquals("delete", delete.getString("message_type"), "round " + i + ": then the push");
            assertEquals(id, delete.getString("entity_id"));
            recordedAtArrival.poll();
        }
        s.close();
    }

    @Test
    void entitiesAreStillAnsweredButChangesNotPushedWhenSubscribingIsOff() throws Exception {
        ds.company(DataStreamEntities.company("comp_2", Map.of("id", "globex")));
        ds.subscribeConnections(false);
        Session s = connect();
        s.getBasicRemote()
                .sendText(
                        "{\"data\":{\"action\":\"start\",\"entity_type\":\"rulesengine.Company\",\"keys\":{\"id\":\"acme\"}}}");
        assertEquals("comp_1", next().getString("entity_id"));
        ds.updateCompany("comp_1", "{\"keys\":{\"slug\":\"a\"}}"); // not subscribed: nothing pushed
        ds.subscribeConnections(true);
        s.getBasicRemote()
                .sendText(
                        "{\"data\":{\"action\":\"start\",\"entity_type\":\"rulesengine.Company\",\"keys\":{\"id\":\"globex\"}}}");
        assertEquals("comp_2", next().getString("entity_id"));
        ds.updateCompany("comp_2", "{\"keys\":{\"slug\":\"g\"}}");
        JsonObject pushed = next(); // the first message after the answer: comp_1's change was never sent
        assertEquals("partial", pushed.getString("message_type"));
        assertEquals("comp_2", pushed.getString("entity_id"));
        s.close();
    }

    @Test
    void requestsAreStillAnsweredButNotKeptWhenRecordingIsOff() throws Exception {
        ds.recordRequests(false);
        Session s = connect();
        s.getBasicRemote().sendText("{\"data\":{\"action\":\"start\",\"entity_type\":\"rulesengine.Flags\"}}");
        assertEquals("rulesengine.Flags", next().getString("entity_type"));
        s.getBasicRemote()
                .sendText(
                        "{\"data\":{\"action\":\"start\",\"entity_type\":\"rulesengine.Company\",\"keys\":{\"id\":\"acme\"}}}");
        assertEquals("comp_1", next().getString("entity_id"));
        assertEquals(List.of(), ds.requests());
        ds.recordRequests(true);
        s.getBasicRemote().sendText("{\"data\":{\"action\":\"start\",\"entity_type\":\"rulesengine.Flags\"}}");
        next();
        assertEquals(1, ds.requests().size());
        s.close();
    }

    @Test
    void forcedDisconnectsStopAndRestart() throws Exception {
        connect();
        assertTrue(ds.awaitConnectionCount(1, Duration.ofSeconds(5)));
        ds.disconnectAll(4001, "unauthorized");
        assertEquals(4001, closes.poll(5, TimeUnit.SECONDS));
        ds.stop();
        assertTrue(!ds.isRunning());
        ds.restart();
        ds.closeOnConnect(1011);
        connect();
        assertEquals(1011, closes.poll(5, TimeUnit.SECONDS));
        assertEquals(2, ds.connectionCount());
    }
}
