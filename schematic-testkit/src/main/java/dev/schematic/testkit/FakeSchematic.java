package dev.schematic.testkit;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-process fake of the Schematic API, its event-capture service and its DataStream, for tests; it answers as the
 * OpenAPI document (the project copy of ../shared/ref/schematic-openapi.yaml) and ../shared/ref describe (see docs/testkit.md).
 *
 * <p>One port of {@code 127.0.0.1} ({@link #baseUrl()}) serves: {@code POST /flags/{key}/check}, {@code POST
 * /flags/check}, {@code POST /flags/check-bulk} (from {@link #flag(String)}); {@code POST|GET /companies}, {@code GET
 * /companies/{id}}, {@code GET /companies/lookup}, {@code DELETE /companies/{id}} and the same for {@code /users};
 * {@code POST /batch} (events, deduplicated on {@code idempotency_key}, see {@link #events()}); the DataStream
 * WebSocket at {@code /datastream} ({@link #dataStream()}); anything registered with {@link #respond(String, String,
 * int, String)}; everything else is {@code 404}.
 *
 * <p>REST calls without an {@code X-Schematic-Api-Key} answer {@code 401}. Every exchange is judged by the OpenAPI
 * document and violations are recorded ({@link #contractViolations()}); {@link FakeSchematicExtension} fails the test
 * on any. Thread-safe; close it when done, or use {@link FakeSchematicExtension}.
 */
public final class FakeSchematic implements AutoCloseable {
    /** The most events the capture endpoint accepts in one {@code POST /batch}, like the real service. */
    public static final int MAX_BATCH_SIZE = CaptureEndpoint.MAX_BATCH_SIZE;

    /** The API-key header of the Schematic API. */
    public static final String API_KEY_HEADER = "X-Schematic-Api-Key";

    private final FakeParts parts;

    private FakeSchematic(int port) throws IOException {
        this.parts = new FakeParts(this, port);
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

    /** {@code "http://127.0.0.1:<port>"}: the SDK's API base URL, its event-capture URL and (derived) DataStream URL. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** {@code "ws://127.0.0.1:<port>/datastream"}: the DataStream URL a client derives from {@link #baseUrl()}. */
    public String dataStreamUrl() {
        return "ws://127.0.0.1:" + port() + FakeDataStream.PATH;
    }

    /** The port the fake listens on. */
    public int port() {
        return parts.port();
    }

    /** Stops the server and its threads. Idempotent. */
    @Override
    public void close() {
        parts.close();
    }

    /** The fake DataStream, started on first use; served at {@link #dataStreamUrl()} and {@link FakeDataStream#url()}. */
    public FakeDataStream dataStream() {
        return parts.dataStream();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return parts.isClosed();
    }

    /** Back to the just-started state (same port, nothing programmed or recorded, API key and strict /batch on). */
    public FakeSchematic reset() {
        parts.reset();
        return this;
    }

    /** Creates (default value {@code false}) or returns the definition of flag {@code key}. */
    public FlagDefinition flag(String key) {
        return parts.flags.flag(key);
    }

    /** Removes flag {@code key}; checks of it then answer 404. */
    public FakeSchematic removeFlag(String key) {
        parts.flags.remove(key);
        return this;
    }

    /** The defined flags, in definition order. */
    public List<FlagDefinition> flags() {
        return parts.flags.sorted();
    }

    /** Upserts a company by keys (like {@code POST /companies}); {@code name} and {@code traits} may be null. */
    public FakeSchematic company(Map<String, String> keys, String name, Map<String, ?> traits) {
        parts.entities.upsert("company", EntityTable.upsertBody(keys, name, traits, null));
        return this;
    }

    /** Upserts a user by keys (like {@code POST /users}); {@code name} and {@code traits} may be null. */
    public FakeSchematic user(Map<String, String> keys, String name, Map<String, ?> traits) {
        return user(keys, name, traits, null);
    }

    /** Upserts a user, member of the company with {@code companyKeys} (created if unknown), like {@code POST /users}. */
    public FakeSchematic user(
            Map<String, String> keys, String name, Map<String, ?> traits, Map<String, String> companyKeys) {
        parts.entities.upsert("user", EntityTable.upsertBody(keys, name, traits, companyKeys));
        return this;
    }

    /** The stored companies, shaped as {@code GET /companies/{id}} returns them ({@code data}), oldest first. */
    public List<JsonObject> companies() {
        return parts.entities.list("company");
    }

    /** The stored users, shaped as {@code GET /users/{id}} returns them ({@code data}), oldest first. */
    public List<JsonObject> users() {
        return parts.entities.list("user");
    }

    /** The stored company having one of {@code keys}, as {@code GET /companies/lookup} finds it. */
    public Optional<JsonObject> findCompany(Map<String, String> keys) {
        return Optional.ofNullable(parts.entities.lookup("company", keys));
    }

    /** The stored user having one of {@code keys}, as {@code GET /users/lookup} finds it. */
    public Optional<JsonObject> findUser(Map<String, String> keys) {
        return Optional.ofNullable(parts.entities.lookup("user", keys));
    }

    /** Every event counted by {@code POST /batch} (duplicates dropped), in arrival order. */
    public List<CapturedEvent> events() {
        return parts.events.all();
    }

    /** The counted events of one {@code type} ({@code "identify"}, {@code "track"}, {@code "flag_check"}). */
    public List<CapturedEvent> events(String type) {
        return parts.events.ofType(type);
    }

    /** Waits until at least {@code count} events were counted; returns them all. Throws AssertionError on timeout. */
    public List<CapturedEvent> awaitEvents(int count, Duration timeout) {
        return parts.events.await(e -> true, "events", count, timeout);
    }

    /** Waits until at least {@code count} events of {@code type} were counted; returns those. AssertionError on timeout. */
    public List<CapturedEvent> awaitEvents(String type, int count, Duration timeout) {
        return parts.events.await(e -> type.equals(e.type()), "\"" + type + "\" events", count, timeout);
    }

    /** Waits until at least {@code count} events were counted (also with recording off); returns the count. */
    public long awaitEventCount(long count, Duration timeout) {
        return parts.events.awaitCount(count, timeout);
    }

    /** The number of events counted since start/reset (each idempotency key once), including those not recorded. */
    public long eventCount() {
        return parts.events.count();
    }

    /** The number of events dropped since start/reset because their {@code idempotency_key} was already seen. */
    public long duplicateEventCount() {
        return parts.events.duplicates();
    }

    /** The number of events in each accepted {@code POST /batch} request (duplicates included), in arrival order. */
    public List<Integer> batchSizes() {
        return parts.events.batchSizes();
    }

    /** Whether to keep counted events (default {@code true}); off for load tests: still validated and counted. */
    public FakeSchematic recordEvents(boolean record) {
        parts.events.record(record);
        return this;
    }

    /** {@code true}: {@code /batch} takes events of any {@code type} and without {@code api_key} (default: 400). */
    public FakeSchematic lenientCapture(boolean lenient) {
        parts.capture.lenient(lenient);
        return this;
    }

    /** How long an {@code idempotency_key} is remembered (default 24 h, like the capture service). */
    public FakeSchematic idempotencyWindow(Duration window) {
        parts.capture.window(window);
        return this;
    }

    /** Every request received (including failed ones), in arrival order. */
    public List<RecordedRequest> requests() {
        return parts.requests.all();
    }

    /** The recorded requests with this method (case-insensitive; null = any) whose path starts with the prefix. */
    public List<RecordedRequest> requests(String method, String pathPrefix) {
        return parts.requests.matching(method, pathPrefix);
    }

    /** Waits for {@code count} requests matching {@link #requests(String, String)}; AssertionError on timeout. */
    public List<RecordedRequest> awaitRequests(String method, String pathPrefix, int count, Duration timeout) {
        return parts.requests.await(method, pathPrefix, count, timeout);
    }

    /** The number of requests received since start/reset, including those not recorded. */
    public long requestCount() {
        return parts.requests.count();
    }

    /** Whether to keep received requests (default {@code true}); turn off for load tests ({@link #requestCount()}). */
    public FakeSchematic recordRequests(boolean record) {
        parts.requests.record(record);
        return this;
    }

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

    /** Like {@link #failNext(String, int, int)} with {@code Retry-After} when not null; failures are used in order. */
    public FakeSchematic failNext(String pathPrefix, int times, int status, String retryAfter) {
        parts.faults.failNext(pathPrefix, times, status, retryAfter);
        return this;
    }

    /** Delays every response by {@code d}; {@link Duration#ZERO} clears it. */
    public FakeSchematic delay(Duration d) {
        return delay("/", d);
    }

    /** Delays responses to paths starting with {@code pathPrefix} (longest prefix wins); ZERO clears it. */
    public FakeSchematic delay(String pathPrefix, Duration d) {
        parts.faults.delay(pathPrefix, d);
        return this;
    }

    /** Only {@code key} is accepted (header, and each {@code /batch} event's api_key), else 401; null: any key. */
    public FakeSchematic requireApiKey(String key) {
        parts.dispatcher.apiKey(true, key);
        return this;
    }

    /** REST calls without an API key are answered instead of {@code 401} (until {@link #reset()}). */
    public FakeSchematic acceptMissingApiKey() {
        parts.dispatcher.apiKey(false, null);
        return this;
    }

    /** Answers matching requests with {@code status} and {@code jsonBody} (verbatim; {@code {name}} = one segment). */
    public FakeSchematic respond(String method, String pathTemplate, int status, String jsonBody) {
        return respond(method, pathTemplate, status, jsonBody, Map.of());
    }

    /** Like {@link #respond(String, String, int, String)}, with extra response headers. */
    public FakeSchematic respond(
            String method, String pathTemplate, int status, String jsonBody, Map<String, String> headers) {
        parts.faults.respond(method, pathTemplate, status, jsonBody, headers);
        return this;
    }

    /** Whether exchanges are judged by the OpenAPI document (default on; {@code -Dschematic.testkit.contract=off}). */
    public FakeSchematic contractCheck(boolean on) {
        parts.contract.enabled(on);
        return this;
    }

    /** Whether exchanges are judged by the OpenAPI document. */
    public boolean contractCheckEnabled() {
        return parts.contract.enabled();
    }

    /** The contract violations since start/reset (the first 1,000), in arrival order. */
    public List<ContractViolation> contractViolations() {
        return parts.contract.violations();
    }

    /** Throws an AssertionError listing the contract violations since start/reset, if any. */
    public void assertNoContractViolations() {
        parts.contract.assertNone(baseUrl());
    }

    /** Seeds flags, companies and users from a JSON file in the {@link #seed(JsonObject) seed format}. */
    public FakeSchematic seed(Path file) {
        return seed(SeedReader.read(file));
    }

    /** Seeds flags, companies and users (format: docs/testkit.md, "Standalone"). */
    public FakeSchematic seed(JsonObject seed) {
        SeedReader.apply(seed, this, parts.entities);
        return this;
    }

    @Override
    public String toString() {
        return "FakeSchematic[" + baseUrl() + "]";
    }
}
