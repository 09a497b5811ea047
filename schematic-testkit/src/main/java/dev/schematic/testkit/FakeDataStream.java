package dev.schematic.testkit;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.Session;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A fake Schematic DataStream: a real WebSocket server (Tyrus on Grizzly) speaking the protocol of datastream.md §2,
 * so local evaluation can be tested end to end. Program it with flags, companies and users in the rules-engine JSON
 * shape (see {@link DataStreamEntities}); changes made while clients are connected are pushed to them, like the real
 * service does: flags to every connection, companies and users to the connections that asked for them.
 *
 * <pre>{@code
 * FakeDataStream ds = fake.dataStream();                 // or FakeDataStream.start()
 * ds.flag(DataStreamEntities.flag("new-ui", false, DataStreamEntities.companyOverride("r1", "comp_1", true)));
 * ds.company(DataStreamEntities.company("comp_1", Map.of("id", "acme")));
 * Schematic s = Schematic.builder().apiKey("sch_dev_test").dataStream(true)
 *         .dataStreamUrl(URI.create(ds.url())).build();
 * }</pre>
 *
 * <p>Requests are accepted with or without {@code action} (§9). Failures on demand: {@link #stop()} and
 * {@link #restart()} (the server goes away and comes back on the same port), {@link #disconnectAll(int, String)},
 * {@link #closeOnConnect(int)}, {@link #answerEntityRequests(boolean)}, and {@link #send(String)} for any raw frame.
 * Thread-safe.
 */
public final class FakeDataStream implements AutoCloseable {
    /** One connection (public: Tyrus instantiates it through the configurator). */
    public static final class Socket extends DataStreamConnections.Endpoint {
        Socket(DataStreamConnections connections) {
            super(connections);
        }
    }

    /** The WebSocket path, as the SDKs derive it. */
    public static final String PATH = "/datastream";

    private final Map<String, JsonObject> flags = new LinkedHashMap<>();
    private final DataStreamConnections connections = new DataStreamConnections(this);
    private final DataStreamEntityMaps entities = new DataStreamEntityMaps(connections);
    private final DataStreamServer server;

    private FakeDataStream(int port) {
        this.server = new DataStreamServer(port, connections);
    }

    /** Starts on a free port of 127.0.0.1. */
    public static FakeDataStream start() {
        return start(DataStreamServer.freePort());
    }

    /** Starts on this port of 127.0.0.1. */
    public static FakeDataStream start(int port) {
        FakeDataStream ds = new FakeDataStream(port);
        ds.restart();
        return ds;
    }

    /** {@code ws://127.0.0.1:<port>/datastream}: the value for {@code schematic.datastream.url}. */
    public String url() {
        return "ws://127.0.0.1:" + server.port() + PATH;
    }

    public int port() {
        return server.port();
    }

    // ---- lifecycle and failures

    /** Starts the server (again) on the same port; keeps flags, companies and users. */
    public FakeDataStream restart() {
        server.start();
        return this;
    }

    /** Stops the server (clients see the socket drop); {@link #restart()} brings it back on the same port. */
    public FakeDataStream stop() {
        server.stop();
        return this;
    }

    /** Whether the server is running. */
    public boolean isRunning() {
        return server.isRunning();
    }

    /** Closes every open connection with this close code (e.g. 1011, or 4001 for "unauthorized"). */
    public FakeDataStream disconnectAll(int code, String reason) {
        connections.disconnectAll(code, reason);
        return this;
    }

    /** Accepts each new connection and closes it at once with {@code code}; 0 turns this off. */
    public FakeDataStream closeOnConnect(int code) {
        connections.closeOnConnect = code;
        return this;
    }

    /**
     * Whether to keep every request received for {@link #requests()} (default {@code true}); turn off for load and
     * heap measurements, where the kept requests (about 1 KB each, parsed) would be counted with the client's heap.
     */
    public FakeDataStream recordRequests(boolean record) {
        connections.recordRequests = record;
        return this;
    }

    /**
     * Whether a connection is subscribed to the companies and users it is sent (default {@code true}: later changes to
     * them are pushed to it). Turn off for heap measurements that need no pushes: the fake then keeps nothing per
     * entity answered, so its memory is not counted with the client's. Requests are answered either way.
     */
    public FakeDataStream subscribeConnections(boolean subscribe) {
        connections.subscribe = subscribe;
        return this;
    }

    /** When false, company and user requests are recorded but never answered (to test the client's wait). */
    public FakeDataStream answerEntityRequests(boolean answer) {
        connections.answerEntities = answer;
        return this;
    }

    /** When false, flags requests are recorded but not answered (the client then never becomes ready). */
    public FakeDataStream answerFlagRequests(boolean answer) {
        connections.answerFlags = answer;
        return this;
    }

    @Override
    public void close() {
        stop();
    }

    // ---- data

    /** Adds or replaces a flag (rules-engine JSON); pushed to every connection as {@code rulesengine.Flag}. */
    public FakeDataStream flag(JsonObject flag) {
        String key = flag.getString("key");
        synchronized (this) {
            flags.put(key, flag);
        }
        broadcast(message("rulesengine.Flag", "full", null, flag));
        return this;
    }

    /** {@link #flag(JsonObject)} from JSON text. */
    public FakeDataStream flag(String flagJson) {
        return flag(parse(flagJson));
    }

    /** Removes a flag; connections get a {@code rulesengine.Flag} delete. */
    public FakeDataStream removeFlag(String key) {
        JsonObject f;
        synchronized (this) {
            f = flags.remove(key);
        }
        if (f != null) {
            broadcast(message("rulesengine.Flag", "delete", null, f));
        }
        return this;
    }

    /** The flags, in insertion order. */
    public synchronized List<JsonObject> flags() {
        return List.copyOf(flags.values());
    }

    /** Adds or replaces a company; connections that asked for it get the full entity. */
    public FakeDataStream company(JsonObject company) {
        entities.upsert("rulesengine.Company", company);
        return this;
    }

    public FakeDataStream company(String companyJson) {
        return company(parse(companyJson));
    }

    /** Adds or replaces a user; connections that asked for it get the full entity. */
    public FakeDataStream user(JsonObject user) {
        entities.upsert("rulesengine.User", user);
        return this;
    }

    public FakeDataStream user(String userJson) {
        return user(parse(userJson));
    }

    /**
     * Changes some top-level members of a company ({@code keys} are added to, everything else replaced) and pushes
     * the partial message to the connections that asked for it.
     */
    public FakeDataStream updateCompany(String id, JsonObject partial) {
        entities.update("rulesengine.Company", id, partial);
        return this;
    }

    public FakeDataStream updateCompany(String id, String partialJson) {
        return updateCompany(id, parse(partialJson));
    }

    /** As {@link #updateCompany(String, JsonObject)}, for a user. */
    public FakeDataStream updateUser(String id, JsonObject partial) {
        entities.update("rulesengine.User", id, partial);
        return this;
    }

    public FakeDataStream updateUser(String id, String partialJson) {
        return updateUser(id, parse(partialJson));
    }

    /** Deletes a company; connections that asked for it get a delete with the full entity and entity_id. */
    public FakeDataStream deleteCompany(String id) {
        entities.delete("rulesengine.Company", id);
        return this;
    }

    /** Deletes a user, as {@link #deleteCompany(String)}. */
    public FakeDataStream deleteUser(String id) {
        entities.delete("rulesengine.User", id);
        return this;
    }

    public List<JsonObject> companies() {
        return entities.list(true);
    }

    public List<JsonObject> users() {
        return entities.list(false);
    }

    /** Sends a raw text frame to every open connection (malformed ones too). */
    public FakeDataStream send(String frame) {
        connections.sendAll(frame);
        return this;
    }

    /** Re-sends the full flags snapshot to every connection. */
    public FakeDataStream sendFlagsSnapshot() {
        return send(snapshot());
    }

    /** Removes all data and recorded requests; keeps connections. */
    public synchronized FakeDataStream reset() {
        flags.clear();
        entities.clear();
        connections.reset();
        return this;
    }

    // ---- what was received

    /** The {@code data} object of every request received, in order. */
    public List<JsonObject> requests() {
        return List.copyOf(connections.requests);
    }

    /** The requests for one entity type, e.g. {@code rulesengine.Company}. */
    public List<JsonObject> requests(String entityType) {
        return connections.requests.stream()
                .filter(r -> entityType.equals(r.getString("entity_type", null)))
                .toList();
    }

    /** The handshake headers of every connection, in order (names case-insensitive). */
    public List<Map<String, List<String>>> handshakes() {
        return List.copyOf(connections.handshakes);
    }

    /** Connections accepted since start. */
    public int connectionCount() {
        return connections.accepted.get();
    }

    /** Connections open now. */
    public int openConnections() {
        return (int)
                connections.sessions.keySet().stream().filter(Session::isOpen).count();
    }

    /** Waits until at least {@code count} connections have been accepted since start. */
    public boolean awaitConnectionCount(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (connections.accepted.get() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(10);
        }
        return true;
    }

    // ---- protocol

    private void broadcast(String frame) {
        send(frame);
    }

    JsonObject find(boolean company, Map<String, String> wanted, Consumer<String> whileFound) {
        return entities.find(company, wanted, whileFound);
    }

    synchronized String snapshot() {
        return DataStreamFrames.flagsSnapshot(flags.values());
    }

    private static String message(String entityType, String messageType, String entityId, JsonValue data) {
        return DataStreamFrames.message(entityType, messageType, entityId, data);
    }

    private static JsonObject parse(String json) {
        return DataStreamFrames.parse(json);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
