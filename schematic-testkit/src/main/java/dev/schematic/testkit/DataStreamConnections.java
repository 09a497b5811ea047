package dev.schematic.testkit;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open connections of a {@link FakeDataStream} and the protocol spoken on them (datastream.md §2): answers flags,
 * company and user requests from the fake's data, remembers what each connection asked for, and pushes changes to it.
 */
final class DataStreamConnections {
    final Map<Session, Subscriptions> sessions = new ConcurrentHashMap<>();
    final CopyOnWriteArrayList<JsonObject> requests = new CopyOnWriteArrayList<>();
    final CopyOnWriteArrayList<Map<String, List<String>>> handshakes = new CopyOnWriteArrayList<>();
    final AtomicInteger accepted = new AtomicInteger();
    volatile boolean recordRequests = true;
    volatile boolean answerEntities = true;
    volatile boolean answerFlags = true;
    volatile boolean subscribe = true;
    volatile int closeOnConnect;
    private final FakeDataStream fake;

    DataStreamConnections(FakeDataStream fake) {
        this.fake = fake;
    }

    static final class Subscriptions {
        final Set<String> companies = ConcurrentHashMap.newKeySet();
        final Set<String> users = ConcurrentHashMap.newKeySet();
    }

    void reset() {
        requests.clear();
        handshakes.clear();
        recordRequests = true;
        answerEntities = true;
        answerFlags = true;
        subscribe = true;
        closeOnConnect = 0;
    }

    void disconnectAll(int code, String reason) {
        for (Session s : List.copyOf(sessions.keySet())) {
            close(s, code, reason);
        }
    }

    void sendAll(String frame) {
        for (Session s : List.copyOf(sessions.keySet())) {
            sendTo(s, frame);
        }
    }

    void pushTo(String type, String id, String frame) {
        boolean company = type.equals("rulesengine.Company");
        sessions.forEach((s, subs) -> {
            if ((company ? subs.companies : subs.users).contains(id)) {
                sendTo(s, frame);
            }
        });
    }

    void received(Session session, String text) {
        JsonObject data;
        try {
            JsonObject envelope = DataStreamFrames.parse(text);
            data = envelope.getJsonObject("data");
        } catch (JsonException | ClassCastException | NullPointerException e) {
            return;
        }
        if (data == null) {
            return;
        }
        boolean record = recordRequests; // as it was when the request arrived
        // one request at a time per connection, under the lock every send to it takes: the connection is subscribed
        // (together with the lookup, so a change made meanwhile is either in the answer or pushed after it), the
        // request is recorded, then answered. So a test that sees the request and then pushes a change has the push
        // arrive after the answer, and a client holding the answer (a check that came back LOCAL) finds its request
        // already recorded
        synchronized (session) {
            String reply = reply(session, data);
            if (record) {
                requests.add(data);
            }
            if (reply != null) {
                sendTo(session, reply);
            }
        }
    }

    /** The answer to a request (null: none), subscribing the session to the entity it gets. */
    private String reply(Session session, JsonObject data) {
        String action = data.getString("action", "");
        if (!action.isEmpty() && !action.equals("start")) {
            return null;
        }
        String type = data.getString("entity_type", "");
        return switch (type) {
            case "rulesengine.Flags" -> answerFlags ? fake.snapshot() : null;
            case "rulesengine.Company", "rulesengine.User" ->
                answerEntities ? answerEntity(session, type, data.get("keys")) : null;
            default -> null;
        };
    }

    private String answerEntity(Session session, String type, JsonValue keys) {
        boolean company = type.equals("rulesengine.Company");
        Map<String, String> wanted = new LinkedHashMap<>();
        if (keys instanceof JsonObject k) {
            k.forEach((name, v) -> {
                if (v instanceof JsonString s) {
                    wanted.put(name.toLowerCase(Locale.ROOT), s.getString().toLowerCase(Locale.ROOT));
                }
            });
        }
        Subscriptions subs = sessions.get(session);
        JsonObject found = fake.find(company, wanted, id -> {
            if (subs != null && subscribe) {
                (company ? subs.companies : subs.users).add(id);
            }
        });
        if (found == null) {
            return DataStreamFrames.message(
                    type,
                    "error",
                    null,
                    Json.createObjectBuilder()
                            .add("error", (company ? "company" : "user") + " not found")
                            .add("keys", keys instanceof JsonObject ? keys : JsonValue.EMPTY_JSON_OBJECT)
                            .add("entity_type", type)
                            .build());
        }
        String id = found.getString("id");
        return DataStreamFrames.message(type, "full", id, found);
    }

    private static void sendTo(Session s, String frame) {
        try {
            if (s.isOpen()) {
                synchronized (s) {
                    s.getBasicRemote().sendText(frame);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away: nothing to deliver
        }
    }

    private static void close(Session s, int code, String reason) {
        try {
            s.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | RuntimeException e) {
            // already closed
        }
    }

    /** The endpoint of one connection. */
    public static class Endpoint extends jakarta.websocket.Endpoint {
        private final DataStreamConnections connections;

        Endpoint(DataStreamConnections connections) {
            this.connections = connections;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            connections.accepted.incrementAndGet();
            session.setMaxTextMessageBufferSize(16 * 1024 * 1024);
            int code = connections.closeOnConnect;
            if (code != 0) {
                close(session, code, "closed by the fake");
                return;
            }
            connections.sessions.put(session, new Subscriptions());
            session.addMessageHandler(
                    String.class, (MessageHandler.Whole<String>) text -> connections.received(session, text));
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            connections.sessions.remove(session);
        }

        @Override
        public void onError(Session session, Throwable error) {
            // a dropped client; onClose follows
        }
    }
}
