package dev.schematic.testkit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An in-process fake of the Schematic REST API and event-capture service, for tests.
 *
 * <p>It listens on {@code 127.0.0.1} (a random free port by default) and serves, under one {@link #baseUrl()}:
 *
 * <ul>
 *   <li>{@code POST /flags/{key}/check}, {@code POST /flags/check}, {@code POST /flags/check-bulk}, answered from the
 *       flags defined with {@link #flag(String)};
 *   <li>{@code POST|GET /companies}, {@code GET /companies/{id}}, {@code GET /companies/lookup}, {@code DELETE
 *       /companies/{id}} and the same for {@code /users}: an in-memory upsert-by-keys store;
 *   <li>{@code POST /batch}: the capture endpoint the SDK's event buffer posts to; events are recorded (see {@link
 *       #events()});
 *   <li>anything registered with {@link #respond(String, String, int, String)}; everything else is {@code 404
 *       {"error":"Not found"}}.
 * </ul>
 *
 * <p>Every request is recorded ({@link #requests()}). Failures ({@link #failNext(int, int)}), latency ({@link
 * #delay(Duration)}) and API-key enforcement ({@link #requireApiKey(String)}) can be programmed. All methods are
 * thread-safe. Close the server when done (it is {@link AutoCloseable}), or use {@link FakeSchematicExtension}.
 */
public final class FakeSchematic implements AutoCloseable {

    /** The most events the capture endpoint accepts in one {@code POST /batch}, like the real service. */
    public static final int MAX_BATCH_SIZE = 100;

    /** The API-key header of the Schematic API. */
    public static final String API_KEY_HEADER = "X-Schematic-Api-Key";

    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final AtomicInteger SERVER_IDS = new AtomicInteger();

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService scheduler;
    private final String baseUrl;
    private final AtomicBoolean closed = new AtomicBoolean();

    private final ConcurrentHashMap<String, FlagDefinition> flags = new ConcurrentHashMap<>();
    private final AtomicLong flagOrder = new AtomicLong();
    private final EntityStore store = new EntityStore();

    private final Object eventLock = new Object();
    private final ArrayList<Batch> batches = new ArrayList<>();
    private long recordedEventCount;
    private final ArrayList<Integer> batchSizes = new ArrayList<>();
    private long eventCount;

    private final ConcurrentLinkedQueue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
    private final AtomicLong requestCount = new AtomicLong();

    private final CopyOnWriteArrayList<Failure> failures = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, Duration> delays = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Responder> responders = new CopyOnWriteArrayList<>();
    private volatile String requiredApiKey;
    private volatile boolean recordEvents = true;
    private volatile boolean recordRequests = true;
    private FakeDataStream dataStream;

    private FakeSchematic(int port) throws IOException {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and delayed ACKs
        // can add ~40 ms to every response. Only effective if no HttpServer was created before in this JVM.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        int id = SERVER_IDS.incrementAndGet();
        this.executor = new ThreadPoolExecutor(
                8, 8, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon("fake-schematic-" + id + "-http-"));
        this.scheduler = Executors.newScheduledThreadPool(2, daemon("fake-schematic-" + id + "-delay-"));
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        this.server = HttpServer.create(new InetSocketAddress(loopback, port), 256);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Starts a fake on {@code 127.0.0.1} and a random free port. */
    public static FakeSchematic start() {
        return start(0);
    }

    /** Starts a fake on {@code 127.0.0.1:port} ({@code 0}: a random free port). */
    public static FakeSchematic start(int port) {
        try {
            return new FakeSchematic(port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start FakeSchematic on 127.0.0.1:" + port, e);
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * {@code "http://127.0.0.1:<port>"}: use it as the SDK's API base URL <em>and</em> as its event-capture base URL (it
     * serves {@code POST /batch}).
     */
    public String baseUrl() {
        return baseUrl;
    }

    /** The port the fake listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops the server and its threads. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            synchronized (this) {
                if (dataStream != null) {
                    dataStream.close();
                }
            }
            server.stop(0);
            executor.shutdownNow();
            scheduler.shutdownNow();
        }
    }

    /**
     * The fake DataStream (WebSocket) of this fake, started on first use on its own port: point
     * {@code schematic.datastream.url} at {@link FakeDataStream#url()}. Closed with this fake.
     */
    public synchronized FakeDataStream dataStream() {
        if (dataStream == null) {
            dataStream = FakeDataStream.start();
        }
        return dataStream;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Back to the just-started state (same port): removes flags, companies, users, events, batch sizes, recorded
     * requests, pending failures, delays, custom responses and the {@link #requireApiKey(String) required API key}, and
     * turns recording back on.
     */
    public FakeSchematic reset() {
        flags.clear();
        store.clear();
        synchronized (eventLock) {
            batches.clear();
            recordedEventCount = 0;
            batchSizes.clear();
            eventCount = 0;
        }
        requests.clear();
        requestCount.set(0);
        failures.clear();
        delays.clear();
        responders.clear();
        requiredApiKey = null;
        recordEvents = true;
        recordRequests = true;
        return this;
    }

    // ------------------------------------------------------------------------------------------------------ flags

    /** Creates (default value {@code false}) or returns the definition of flag {@code key}. */
    public FlagDefinition flag(String key) {
        Objects.requireNonNull(key, "key");
        return flags.computeIfAbsent(key, k -> new FlagDefinition(this, k, flagOrder.incrementAndGet()));
    }

    /** Removes flag {@code key}; checks of it then answer 404. */
    public FakeSchematic removeFlag(String key) {
        flags.remove(key);
        return this;
    }

    /** The defined flags, in definition order. */
    public List<FlagDefinition> flags() {
        return sortedFlags();
    }

    private List<FlagDefinition> sortedFlags() {
        List<FlagDefinition> list = new ArrayList<>(flags.values());
        list.sort(Comparator.comparingLong(f -> f.order));
        return list;
    }

    // --------------------------------------------------------------------------------------------- companies/users

    /** Upserts a company by keys (like {@code POST /companies}); {@code name} and {@code traits} may be null. */
    public FakeSchematic company(Map<String, String> keys, String name, Map<String, ?> traits) {
        store.upsert("company", upsertBody(keys, name, traits).build());
        return this;
    }

    /** Upserts a user by keys (like {@code POST /users}); {@code name} and {@code traits} may be null. */
    public FakeSchematic user(Map<String, String> keys, String name, Map<String, ?> traits) {
        return user(keys, name, traits, null);
    }

    /**
     * Upserts a user and makes it a member of the company with {@code companyKeys} (created if unknown), like {@code POST
     * /users} with {@code company}.
     */
    public FakeSchematic user(
            Map<String, String> keys, String name, Map<String, ?> traits, Map<String, String> companyKeys) {
        JsonObjectBuilder body = upsertBody(keys, name, traits);
        if (companyKeys != null) {
            body.add("company", JsonSupport.stringMapToJson(companyKeys));
        }
        store.upsert("user", body.build());
        return this;
    }

    private static JsonObjectBuilder upsertBody(Map<String, String> keys, String name, Map<String, ?> traits) {
        Objects.requireNonNull(keys, "keys");
        JsonObjectBuilder b = JsonSupport.object().add("keys", JsonSupport.stringMapToJson(keys));
        if (name != null) {
            b.add("name", name);
        }
        if (traits != null) {
            b.add("traits", JsonSupport.toJsonObject(traits));
        }
        return b;
    }

    /** The stored companies, shaped as {@code GET /companies/{id}} returns them ({@code data}), oldest first. */
    public List<JsonObject> companies() {
        return store.list("company");
    }

    /** The stored users, shaped as {@code GET /users/{id}} returns them ({@code data}), oldest first. */
    public List<JsonObject> users() {
        return store.list("user");
    }

    /** The stored company having one of {@code keys}, as {@code GET /companies/lookup} finds it. */
    public Optional<JsonObject> findCompany(Map<String, String> keys) {
        return Optional.ofNullable(store.lookup("company", keys));
    }

    /** The stored user having one of {@code keys}, as {@code GET /users/lookup} finds it. */
    public Optional<JsonObject> findUser(Map<String, String> keys) {
        return Optional.ofNullable(store.lookup("user", keys));
    }

    // ----------------------------------------------------------------------------------------------------- events

    /** Every event received on {@code POST /batch}, in arrival order. */
    public List<CapturedEvent> events() {
        synchronized (eventLock) {
            return List.copyOf(materializedEvents());
        }
    }

    /** The received events of one {@code type} ({@code "identify"}, {@code "track"}, {@code "flag_check"}). */
    public List<CapturedEvent> events(String type) {
        synchronized (eventLock) {
            return materializedEvents().stream()
                    .filter(e -> Objects.equals(type, e.type()))
                    .toList();
        }
    }

    /**
     * Waits until at least {@code count} events have arrived and returns all events received so far.
     *
     * @throws AssertionError on timeout, naming the expected and actual counts
     */
    public List<CapturedEvent> awaitEvents(int count, Duration timeout) {
        return awaitEvents(e -> true, "events", count, timeout);
    }

    /**
     * Waits until at least {@code count} events of {@code type} have arrived and returns those events.
     *
     * @throws AssertionError on timeout, naming the expected and actual counts
     */
    public List<CapturedEvent> awaitEvents(String type, int count, Duration timeout) {
        return awaitEvents(e -> Objects.equals(type, e.type()), "\"" + type + "\" events", count, timeout);
    }

    private List<CapturedEvent> awaitEvents(Predicate<CapturedEvent> filter, String what, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (eventLock) {
            while (true) {
                if (!recordEvents) {
                    throw new IllegalStateException(
                            "event recording is off (recordEvents(false)): use awaitEventCount");
                }
                if (recordedEventCount >= count) { // otherwise there cannot be enough: skip parsing
                    List<CapturedEvent> matching =
                            materializedEvents().stream().filter(filter).toList();
                    if (matching.size() >= count) {
                        return matching;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    List<CapturedEvent> all = materializedEvents();
                    List<CapturedEvent> matching = all.stream().filter(filter).toList();
                    throw new AssertionError("Expected at least " + count + " " + what + " within "
                            + timeout.toMillis() + " ms but received " + matching.size() + " (all events by type: "
                            + countByType(all) + ", batches: " + batchSizes.size() + ")");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(eventLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for " + count + " " + what, e);
                }
            }
        }
    }

    /**
     * Waits until at least {@code count} events have been received (counted even when {@link #recordEvents(boolean)
     * recording is off}) and returns the count.
     *
     * @throws AssertionError on timeout, naming the expected and actual counts
     */
    public long awaitEventCount(long count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (eventLock) {
            while (eventCount < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Expected at least " + count + " events within " + timeout.toMillis()
                            + " ms but received " + eventCount);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(eventLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for " + count + " events", e);
                }
            }
            return eventCount;
        }
    }

    private static String countByType(List<CapturedEvent> list) {
        Map<String, Long> counts = list.stream()
                .collect(Collectors.groupingBy(e -> String.valueOf(e.type()), TreeMap::new, Collectors.counting()));
        return counts.toString();
    }

    /** The number of events received since start/reset, including those not recorded. */
    public long eventCount() {
        synchronized (eventLock) {
            return eventCount;
        }
    }

    /** The number of events in each accepted {@code POST /batch} request, in arrival order. */
    public List<Integer> batchSizes() {
        synchronized (eventLock) {
            return List.copyOf(batchSizes);
        }
    }

    /**
     * Whether to keep received events (default {@code true}). Turn off for load tests: batches are still validated and
     * counted ({@link #eventCount()}, {@link #awaitEventCount(long, Duration)}, {@link #batchSizes()}) but not stored.
     */
    public FakeSchematic recordEvents(boolean record) {
        this.recordEvents = record;
        return this;
    }

    // --------------------------------------------------------------------------------------------------- requests

    /** Every request received (including failed ones), in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The recorded requests with this method (case-insensitive; {@code null} = any) whose path starts with the prefix. */
    public List<RecordedRequest> requests(String method, String pathPrefix) {
        return requests.stream()
                .filter(r -> method == null || r.method().equalsIgnoreCase(method))
                .filter(r -> pathPrefix == null || r.path().startsWith(pathPrefix))
                .toList();
    }

    /**
     * Waits until at least {@code count} requests matching {@link #requests(String, String)} have arrived and returns
     * them.
     *
     * @throws AssertionError on timeout, naming the expected and actual counts
     */
    public List<RecordedRequest> awaitRequests(String method, String pathPrefix, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<RecordedRequest> matching = requests(method, pathPrefix);
            if (matching.size() >= count) {
                return matching;
            }
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("Expected at least " + count + " " + (method == null ? "" : method + " ")
                        + "requests to " + (pathPrefix == null ? "any path" : pathPrefix + "*") + " within "
                        + timeout.toMillis() + " ms but received " + matching.size());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for requests", e);
            }
        }
    }

    /** The number of requests received since start/reset, including those not recorded. */
    public long requestCount() {
        return requestCount.get();
    }

    /** Whether to keep received requests (default {@code true}); turn off for load tests ({@link #requestCount()}). */
    public FakeSchematic recordRequests(boolean record) {
        this.recordRequests = record;
        return this;
    }

    // ------------------------------------------------------------------------------------------ failures & delays

    /** The next {@code times} requests (any path) answer {@code status} with {@code {"error":"<reason phrase>"}}. */
    public FakeSchematic failNext(int times, int status) {
        return failNext("/", times, status, null);
    }

    /** Like {@link #failNext(int, int)}, plus the response header {@code Retry-After: <retryAfter>}. */
    public FakeSchematic failNext(int times, int status, String retryAfter) {
        return failNext("/", times, status, retryAfter);
    }

    /** The next {@code times} requests whose path starts with {@code pathPrefix} answer {@code status}. */
    public FakeSchematic failNext(String pathPrefix, int times, int status) {
        return failNext(pathPrefix, times, status, null);
    }

    /**
     * The next {@code times} requests whose path starts with {@code pathPrefix} answer {@code status} with {@code
     * {"error":"<reason phrase>"}} and, when {@code retryAfter} is not null, {@code Retry-After: <retryAfter>}. Several
     * programmed failures are consumed in the order they were added.
     */
    public FakeSchematic failNext(String pathPrefix, int times, int status, String retryAfter) {
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        if (times < 0) {
            throw new IllegalArgumentException("times must be >= 0");
        }
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        if (times > 0) {
            failures.add(new Failure(pathPrefix, new AtomicInteger(times), status, retryAfter));
        }
        return this;
    }

    /** Delays every response by {@code d}; {@link Duration#ZERO} clears it. */
    public FakeSchematic delay(Duration d) {
        return delay("/", d);
    }

    /**
     * Delays responses to requests whose path starts with {@code pathPrefix}; {@link Duration#ZERO} clears it. When
     * several prefixes match, the longest wins. The request is handled (and recorded) at once; only the response waits.
     */
    public FakeSchematic delay(String pathPrefix, Duration d) {
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        if (d == null || d.isZero() || d.isNegative()) {
            delays.remove(pathPrefix);
        } else {
            delays.put(pathPrefix, d);
        }
        return this;
    }

    /**
     * REST endpoints (everything but {@code POST /batch}) answer {@code 401 {"error":…}} unless the request's {@code
     * X-Schematic-Api-Key} equals {@code key}; {@code null} turns the check off (the default).
     */
    public FakeSchematic requireApiKey(String key) {
        this.requiredApiKey = key;
        return this;
    }

    // -------------------------------------------------------------------------------------------------- responder

    /**
     * Answers {@code method} requests matching {@code pathTemplate} with {@code status} and {@code jsonBody} (sent verbatim
     * as {@code application/json}; {@code null} sends no body). {@code {name}} in the template matches exactly one path
     * segment; method {@code "*"} matches any method. Overrides the built-in endpoints; a later registration for the same
     * method and template replaces the earlier one.
     */
    public FakeSchematic respond(String method, String pathTemplate, int status, String jsonBody) {
        return respond(method, pathTemplate, status, jsonBody, Map.of());
    }

    /** Like {@link #respond(String, String, int, String)}, with extra response headers. */
    public FakeSchematic respond(
            String method, String pathTemplate, int status, String jsonBody, Map<String, String> headers) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathTemplate, "pathTemplate");
        Responder r = new Responder(
                method.toUpperCase(Locale.ROOT),
                pathTemplate,
                segments(pathTemplate, false),
                new Response(
                        status, jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8), headers));
        responders.removeIf(x -> x.method.equals(r.method) && x.template.equals(r.template));
        responders.add(0, r);
        return this;
    }

    // ------------------------------------------------------------------------------------------------------ seeds

    /** Seeds flags, companies and users from a JSON file in the {@link #seed(JsonObject) seed format}. */
    public FakeSchematic seed(Path file) {
        try {
            return seed(JsonSupport.parseObject(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed file " + file, e);
        }
    }

    /**
     * Seeds flags, companies and users:
     *
     * <pre>{@code
     * {"flags": {"flag-key": {"default": true, "id": "flag_1", "entitlement": {…},
     *                         "companies": [{"keys": {"id": "acme"}, "value": false}],
     *                         "users":     [{"keys": {"email": "a@b.c"}, "value": true}]},
     *            "other-flag": true},
     *  "companies": [{"keys": {"id": "acme"}, "name": "Acme", "traits": {"plan": "pro"}}],
     *  "users":     [{"keys": {"email": "a@b.c"}, "name": "Ann", "company": {"id": "acme"}}]}
     * }</pre>
     *
     * A flag given as a bare boolean is just its default value. Every part is optional.
     */
    public FakeSchematic seed(JsonObject seed) {
        if (seed.get("flags") instanceof JsonObject flagSeeds) {
            flagSeeds.forEach((key, spec) -> {
                FlagDefinition f = flag(key);
                if (spec.getValueType() == JsonValue.ValueType.TRUE
                        || spec.getValueType() == JsonValue.ValueType.FALSE) {
                    f.defaultValue(spec == JsonValue.TRUE);
                    return;
                }
                if (!(spec instanceof JsonObject o)) {
                    throw new IllegalArgumentException("flag " + key + ": expected an object or a boolean");
                }
                f.defaultValue(JsonSupport.optBoolean(o, "default"));
                if (o.get("id") != null && o.get("id").getValueType() == JsonValue.ValueType.STRING) {
                    f.id(o.getString("id"));
                }
                if (o.get("entitlement") instanceof JsonObject ent) {
                    f.entitlement(ent);
                }
                seedRules(key, o.get("companies"), true, f);
                seedRules(key, o.get("users"), false, f);
            });
        }
        if (seed.get("companies") instanceof JsonArray list) {
            list.forEach(c -> store.upsert("company", c.asJsonObject()));
        }
        if (seed.get("users") instanceof JsonArray list) {
            list.forEach(u -> store.upsert("user", u.asJsonObject()));
        }
        return this;
    }

    private static void seedRules(String key, JsonValue rules, boolean company, FlagDefinition f) {
        if (rules == null || rules.getValueType() == JsonValue.ValueType.NULL) {
            return;
        }
        if (!(rules instanceof JsonArray arr)) {
            throw new IllegalArgumentException(
                    "flag " + key + ": \"" + (company ? "companies" : "users") + "\" must be an array");
        }
        for (JsonValue v : arr) {
            JsonObject rule = v.asJsonObject();
            Map<String, String> keys = JsonSupport.stringMap(rule.get("keys"));
            boolean value = JsonSupport.optBoolean(rule, "value");
            String id = JsonSupport.optString(rule, "id");
            String name = JsonSupport.optString(rule, "name");
            if (company) {
                f.forCompany(keys, value, id, name);
            } else {
                f.forUser(keys, value, id, name);
            }
        }
    }

    @Override
    public String toString() {
        return "FakeSchematic[" + baseUrl + "]";
    }

    // ==================================================================================================== serving

    private record Failure(String pathPrefix, AtomicInteger remaining, int status, String retryAfter) {
        boolean tryTake(String path) {
            if (!path.startsWith(pathPrefix)) {
                return false;
            }
            while (true) {
                int left = remaining.get();
                if (left <= 0) {
                    return false;
                }
                if (remaining.compareAndSet(left, left - 1)) {
                    return true;
                }
            }
        }

        Response response() {
            Map<String, String> headers = retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter);
            return new Response(status, JsonSupport.bytes(JsonSupport.error(reasonPhrase(status))), headers);
        }
    }

    private record Responder(String method, String template, String[] segments, Response response) {
        boolean matches(String requestMethod, String[] path) {
            if (!method.equals("*") && !method.equals(requestMethod)) {
                return false;
            }
            if (segments.length != path.length) {
                return false;
            }
            for (int i = 0; i < segments.length; i++) {
                String s = segments[i];
                boolean variable = s.length() >= 2 && s.charAt(0) == '{' && s.charAt(s.length() - 1) == '}';
                if (!variable && !s.equals(path[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    private record Response(int status, byte[] body, Map<String, String> headers) {
        static Response json(int status, JsonValue body) {
            return new Response(status, JsonSupport.bytes(body), Map.of());
        }

        static Response error(int status, String message) {
            return json(status, JsonSupport.error(message));
        }

        static Response envelope(int status, JsonValue data, JsonValue params) {
            return json(
                    status,
                    JsonSupport.object().add("data", data).add("params", params).build());
        }
    }

    private void handle(HttpExchange exchange) {
        Response response;
        String path = "/";
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String rawPath = exchange.getRequestURI().getRawPath();
            String[] segments = segments(rawPath == null ? "/" : rawPath, true);
            path = "/" + String.join("/", segments);
            RecordedRequest request = new RecordedRequest(
                    exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                    path,
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(),
                    body,
                    Instant.now());
            requestCount.incrementAndGet();
            if (recordRequests) {
                requests.add(request);
            }
            response = dispatch(request, segments);
        } catch (EntityStore.ApiException e) {
            response = Response.error(e.status, e.getMessage());
        } catch (Exception e) {
            response = Response.error(500, "FakeSchematic internal error: " + e);
        }
        Duration delay = delayFor(path);
        if (delay == null) {
            send(exchange, response);
        } else {
            Response r = response;
            try {
                scheduler.schedule(() -> send(exchange, r), delay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RuntimeException rejected) { // closed meanwhile
                exchange.close();
            }
        }
    }

    private Duration delayFor(String path) {
        if (delays.isEmpty()) {
            return null;
        }
        String best = null;
        for (String prefix : delays.keySet()) {
            if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : delays.get(best);
    }

    private static void send(HttpExchange exchange, Response response) {
        try {
            Headers headers = exchange.getResponseHeaders();
            response.headers().forEach(headers::set);
            if (response.body().length == 0) {
                exchange.sendResponseHeaders(response.status(), -1);
            } else {
                headers.set("Content-Type", JSON_TYPE);
                exchange.sendResponseHeaders(response.status(), response.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // the client went away (e.g. timed out during a delay)
        } finally {
            exchange.close();
        }
    }

    private Response dispatch(RecordedRequest request, String[] segments) {
        String path = request.path();
        for (Failure f : failures) {
            if (f.tryTake(path)) {
                if (f.remaining().get() <= 0) {
                    failures.remove(f);
                }
                return f.response();
            }
        }
        String method = request.method();
        boolean capture = method.equals("POST") && path.equals("/batch");
        String required = requiredApiKey;
        if (required != null && !capture && !required.equals(request.header(API_KEY_HEADER))) {
            return Response.error(
                    401,
                    request.header(API_KEY_HEADER) == null
                            ? "missing " + API_KEY_HEADER + " header"
                            : "invalid API key");
        }
        for (Responder r : responders) {
            if (r.matches(method, segments)) {
                return r.response();
            }
        }
        return route(request, method, segments);
    }

    private Response route(RecordedRequest request, String method, String[] seg) {
        int n = seg.length;
        if (n == 0) {
            return notFound();
        }
        switch (seg[0]) {
            case "batch":
                if (n == 1 && method.equals("POST")) {
                    return capture(request);
                }
                break;
            case "flags":
                if (method.equals("POST")) {
                    if (n == 2 && seg[1].equals("check")) {
                        return checkAll(parseBody(request));
                    }
                    if (n == 2 && seg[1].equals("check-bulk")) {
                        return checkBulk(parseBody(request));
                    }
                    if (n == 3 && seg[2].equals("check")) {
                        return checkOne(seg[1], parseBody(request));
                    }
                }
                break;
            case "companies":
            case "users":
                return entities(seg[0].equals("companies") ? "company" : "user", request, method, seg);
            default:
                break;
        }
        return notFound();
    }

    private static Response notFound() {
        return Response.error(404, "Not found");
    }

    private static JsonObject parseBody(RecordedRequest request) {
        byte[] body = request.rawBody();
        if (body.length == 0) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        JsonValue v;
        try {
            v = JsonSupport.parse(body);
        } catch (JsonException e) {
            throw new EntityStore.ApiException(400, "invalid JSON body: " + e.getMessage());
        }
        if (!(v instanceof JsonObject o)) {
            throw new EntityStore.ApiException(400, "request body must be a JSON object");
        }
        return o;
    }

    // --- capture

    /**
     * Validates the batch with a streaming parse (no tree is built) and counts its events; the events themselves are
     * materialized lazily, when a test reads them. This keeps the hot path cheap for load tests.
     */
    private Response capture(RecordedRequest request) {
        byte[] bytes = request.rawBody();
        int size;
        try {
            size = countBatchEvents(bytes);
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            return Response.error(400, "invalid batch: " + e.getMessage());
        }
        if (size > MAX_BATCH_SIZE) {
            return Response.json(
                    400,
                    JsonSupport.object()
                            .add("error", "batch too large")
                            .add("max_size", MAX_BATCH_SIZE)
                            .build());
        }
        synchronized (eventLock) {
            if (recordEvents) {
                batches.add(new Batch(bytes, size));
                recordedEventCount += size;
            }
            batchSizes.add(size);
            eventCount += size;
            eventLock.notifyAll();
        }
        return Response.json(200, JsonSupport.object().add("accepted", size).build());
    }

    /** The number of objects in the top-level {@code events} array; throws on malformed input. */
    private static int countBatchEvents(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalStateException("empty body");
        }
        try (JsonParser parser =
                JsonSupport.PARSERS.createParser(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                throw new IllegalStateException("body must be a JSON object");
            }
            int count = -1;
            while (true) {
                JsonParser.Event e = parser.next();
                if (e == JsonParser.Event.END_OBJECT) {
                    break;
                }
                String name = parser.getString();
                JsonParser.Event value = parser.next();
                if (name.equals("events")) {
                    if (value != JsonParser.Event.START_ARRAY) {
                        throw new IllegalStateException("\"events\" must be an array");
                    }
                    count = 0;
                    while (true) {
                        JsonParser.Event item = parser.next();
                        if (item == JsonParser.Event.END_ARRAY) {
                            break;
                        }
                        if (item != JsonParser.Event.START_OBJECT) {
                            throw new IllegalStateException("event " + count + " is not an object");
                        }
                        parser.skipObject();
                        count++;
                    }
                } else if (value == JsonParser.Event.START_OBJECT) {
                    parser.skipObject();
                } else if (value == JsonParser.Event.START_ARRAY) {
                    parser.skipArray();
                }
            }
            if (parser.hasNext()) {
                throw new IllegalStateException("trailing content after the JSON object");
            }
            if (count < 0) {
                throw new IllegalStateException("\"events\" must be an array");
            }
            return count;
        }
    }

    /** One accepted batch; its events are parsed on first access (under {@link #eventLock}). */
    private static final class Batch {
        final byte[] bytes;
        final int size;
        List<CapturedEvent> parsed;

        Batch(byte[] bytes, int size) {
            this.bytes = bytes;
            this.size = size;
        }

        List<CapturedEvent> events() {
            if (parsed == null) {
                JsonArray array = JsonSupport.parse(bytes).asJsonObject().getJsonArray("events");
                List<CapturedEvent> list = new ArrayList<>(array.size());
                for (JsonValue v : array) {
                    JsonObject event = v.asJsonObject();
                    JsonObject body = event.get("body") instanceof JsonObject b ? b : JsonValue.EMPTY_JSON_OBJECT;
                    list.add(new CapturedEvent(
                            JsonSupport.optString(event, "type"),
                            JsonSupport.optString(event, "api_key"),
                            body,
                            JsonSupport.optString(event, "sent_at"),
                            event));
                }
                parsed = List.copyOf(list);
            }
            return parsed;
        }
    }

    /** All recorded events; call with {@link #eventLock} held. */
    private List<CapturedEvent> materializedEvents() {
        List<CapturedEvent> all = new ArrayList<>((int) Math.min(Integer.MAX_VALUE, recordedEventCount));
        for (Batch b : batches) {
            all.addAll(b.events());
        }
        return all;
    }

    // --- flags

    private Response checkOne(String key, JsonObject body) {
        FlagDefinition flag = flags.get(key);
        if (flag == null) {
            return Response.error(404, "flag not found");
        }
        Context ctx = context(body);
        return Response.envelope(200, evaluate(flag, ctx), JsonValue.EMPTY_JSON_OBJECT);
    }

    private Response checkAll(JsonObject body) {
        Context ctx = context(body);
        return Response.envelope(201, checkAllData(ctx), JsonValue.EMPTY_JSON_OBJECT);
    }

    private Response checkBulk(JsonObject body) {
        if (!(body.get("contexts") instanceof JsonArray contexts)) {
            return Response.error(400, "\"contexts\" must be an array");
        }
        JsonArrayBuilder data = JsonSupport.array();
        for (JsonValue c : contexts) {
            data.add(checkAllData(context(c instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT)));
        }
        return Response.envelope(201, JsonSupport.object().add("data", data).build(), JsonValue.EMPTY_JSON_OBJECT);
    }

    private JsonObject checkAllData(Context ctx) {
        JsonArrayBuilder results = JsonSupport.array();
        for (FlagDefinition f : sortedFlags()) {
            results.add(evaluate(f, ctx));
        }
        return JsonSupport.object().add("flags", results).build();
    }

    private record Context(Map<String, String> company, Map<String, String> user, String companyId, String userId) {}

    private Context context(JsonObject body) {
        Map<String, String> company = JsonSupport.stringMap(body.get("company"));
        Map<String, String> user = JsonSupport.stringMap(body.get("user"));
        return new Context(
                company,
                user,
                company.isEmpty() ? null : store.idForKeys("company", company),
                user.isEmpty() ? null : store.idForKeys("user", user));
    }

    private static JsonObject evaluate(FlagDefinition flag, Context ctx) {
        FlagDefinition.Rule rule = flag.resolve(ctx.company(), ctx.user());
        JsonObjectBuilder b = JsonSupport.object().add("flag", flag.key());
        if (rule == null) {
            b.add("value", flag.defaultValue())
                    .add("reason", FlagDefinition.DEFAULT_REASON)
                    .add("rule_id", JsonValue.NULL)
                    .add("rule_type", "default");
        } else {
            b.add("value", rule.value())
                    .add("reason", "Matched company override rule \"" + rule.name() + "\" (" + rule.id() + ")")
                    .add("rule_id", rule.id())
                    .add("rule_type", "company_override");
        }
        b.add("flag_id", flag.id())
                .add("company_id", JsonSupport.string(ctx.companyId()))
                .add("user_id", JsonSupport.string(ctx.userId()))
                .add("error", JsonValue.NULL);
        JsonObject entitlement = flag.entitlement();
        if (entitlement != null) {
            b.add("entitlement", entitlement);
        }
        return b.build();
    }

    // --- companies / users

    private Response entities(String type, RecordedRequest request, String method, String[] seg) {
        int n = seg.length;
        if (n == 1 && method.equals("POST")) {
            return Response.envelope(200, store.upsert(type, parseBody(request)), JsonValue.EMPTY_JSON_OBJECT);
        }
        if (n == 1 && method.equals("GET")) {
            return list(type, request);
        }
        if (n == 2 && method.equals("GET") && seg[1].equals("lookup")) {
            Map<String, String> keys = lookupKeys(request);
            if (keys.isEmpty()) {
                return Response.error(400, "keys is required");
            }
            JsonObject found = store.lookup(type, keys);
            JsonObject params = JsonSupport.object()
                    .add("keys", JsonSupport.stringMapToJson(keys))
                    .build();
            return found == null ? Response.error(404, type + " not found") : Response.envelope(200, found, params);
        }
        if (n == 2 && method.equals("GET")) {
            JsonObject found = store.get(type, seg[1]);
            return found == null
                    ? Response.error(404, type + " not found")
                    : Response.envelope(200, found, JsonValue.EMPTY_JSON_OBJECT);
        }
        if (n == 2 && method.equals("DELETE")) {
            if (!store.delete(type, seg[1])) {
                return Response.error(404, type + " not found");
            }
            return Response.envelope(
                    200, JsonSupport.object().add("deleted", true).build(), JsonValue.EMPTY_JSON_OBJECT);
        }
        return notFound();
    }

    private Response list(String type, RecordedRequest request) {
        Map<String, List<String>> query = request.queryParams();
        int limit = intParam(query, "limit", 100);
        int offset = intParam(query, "offset", 0);
        List<JsonObject> all = new ArrayList<>(store.list(type));
        java.util.Collections.reverse(all); // newest first, like the real API
        JsonArrayBuilder data = JsonSupport.array();
        all.stream().skip(Math.max(0, offset)).limit(Math.max(0, limit)).forEach(data::add);
        JsonObject params =
                JsonSupport.object().add("limit", limit).add("offset", offset).build();
        return Response.envelope(200, data.build(), params);
    }

    private static int intParam(Map<String, List<String>> query, String name, int fallback) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(values.get(0));
        } catch (NumberFormatException e) {
            throw new EntityStore.ApiException(400, "invalid " + name + ": " + values.get(0));
        }
    }

    /** Lookup keys: deep-object {@code keys[k]=v}, or {@code keys={json}}, or bare {@code k=v} parameters. */
    private static Map<String, String> lookupKeys(RecordedRequest request) {
        Map<String, List<String>> query = request.queryParams();
        Map<String, String> keys = new LinkedHashMap<>();
        query.forEach((name, values) -> {
            if (name.startsWith("keys[") && name.endsWith("]") && !values.isEmpty()) {
                keys.put(name.substring(5, name.length() - 1), values.get(0));
            }
        });
        if (keys.isEmpty() && query.containsKey("keys")) {
            String json = query.get("keys").get(0);
            try {
                keys.putAll(JsonSupport.stringMap(JsonSupport.parse(json)));
            } catch (JsonException e) {
                throw new EntityStore.ApiException(400, "invalid keys: " + e.getMessage());
            }
        }
        if (keys.isEmpty()) {
            query.forEach((name, values) -> {
                if (!values.isEmpty()) {
                    keys.put(name, values.get(0));
                }
            });
        }
        return keys;
    }

    // --- paths

    /** Splits a path into percent-decoded segments, dropping empty ones ({@code //}, trailing {@code /}). */
    private static String[] segments(String path, boolean decode) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(decode ? percentDecode(s) : s);
            }
        }
        return out.toArray(String[]::new);
    }

    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        try {
            return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }

    static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "HTTP " + status;
        };
    }
}
