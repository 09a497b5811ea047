package dev.schematic.testkit;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs one {@link FakeSchematic} per test class, {@link FakeSchematic#reset() resets} it before
 * each test and injects it into test methods, constructors and lifecycle methods that declare a {@code FakeSchematic}
 * parameter.
 *
 * <pre>{@code
 * @ExtendWith(FakeSchematicExtension.class)
 * class MyTest {
 *     @Test
 *     void works(FakeSchematic fake) { ... }
 * }
 *
 * class MyOtherTest {
 *     @RegisterExtension
 *     static FakeSchematicExtension fake = new FakeSchematicExtension();
 *
 *     @Test
 *     void works() { fake.flag("beta").defaultValue(true); ... fake.baseUrl() ... }
 * }
 * }</pre>
 *
 * <p>The server is started before {@code @BeforeAll} methods run and stopped after {@code @AfterAll} methods; {@code
 * @Nested} classes share their enclosing class's server. Registered on a non-static field, the extension starts a
 * server per test instead. The reset happens before any {@code @BeforeEach} method, so seed data there.
 *
 * <p>Contract check: after each test, the test fails if the fake recorded any {@link FakeSchematic#contractViolations()
 * OpenAPI contract violation} during it (a request the client sent, or an answer the fake sent, that the document's
 * schemas reject). Opt out with {@link #allowContractViolations()} (violations are still recorded) or turn the check off
 * for the JVM with {@code -Dschematic.testkit.contract=off}.
 */
public class FakeSchematicExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final int port;
    private volatile boolean strictContract = true;
    private volatile FakeSchematic server;
    private volatile String startedBy; // unique id of the context that started the server

    /** A fake on a random free port. */
    public FakeSchematicExtension() {
        this(0);
    }

    /** A fake on a fixed port ({@code 0}: random free port). */
    public FakeSchematicExtension(int port) {
        this.port = port;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ensureStarted(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ensureStarted(context).reset();
    }

    /** Do not fail tests on contract violations (they are still recorded); returns this extension. */
    public FakeSchematicExtension allowContractViolations() {
        this.strictContract = false;
        return this;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        FakeSchematic s = server;
        try {
            if (strictContract && s != null && context.getExecutionException().isEmpty()) {
                s.assertNoContractViolations();
            }
        } finally {
            if (context.getUniqueId().equals(startedBy)) { // started for this test only (non-static registration)
                stop();
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        String owner = startedBy;
        if (owner != null && owner.startsWith(context.getUniqueId())) {
            stop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == FakeSchematic.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return ensureStarted(extensionContext);
    }

    private synchronized FakeSchematic ensureStarted(ExtensionContext context) {
        if (server == null || server.isClosed()) {
            server = FakeSchematic.start(port);
            startedBy = context.getUniqueId();
        }
        return server;
    }

    private synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
            startedBy = null;
        }
    }

    /**
     * The running server.
     *
     * @throws IllegalStateException outside the extension's lifecycle (before {@code beforeAll} / after {@code afterAll})
     */
    public FakeSchematic server() {
        FakeSchematic s = server;
        if (s == null) {
            throw new IllegalStateException(
                    "FakeSchematic is not running: register the extension with @RegisterExtension"
                            + " (static field) or @ExtendWith, and use it inside the test lifecycle");
        }
        return s;
    }

    // -------------------------------------------------------------------- delegates (see FakeSchematic for docs)

    /** @see FakeSchematic#baseUrl() */
    public String baseUrl() {
        return server().baseUrl();
    }

    /** @see FakeSchematic#dataStreamUrl() */
    public String dataStreamUrl() {
        return server().dataStreamUrl();
    }

    /** @see FakeSchematic#contractViolations() */
    public List<ContractViolation> contractViolations() {
        return server().contractViolations();
    }

    /** @see FakeSchematic#eventCount() */
    public long eventCount() {
        return server().eventCount();
    }

    /** @see FakeSchematic#duplicateEventCount() */
    public long duplicateEventCount() {
        return server().duplicateEventCount();
    }

    /** @see FakeSchematic#port() */
    public int port() {
        return server().port();
    }

    /** @see FakeSchematic#reset() */
    public FakeSchematic reset() {
        return server().reset();
    }

    /** @see FakeSchematic#flag(String) */
    public FlagDefinition flag(String key) {
        return server().flag(key);
    }

    /** @see FakeSchematic#removeFlag(String) */
    public FakeSchematic removeFlag(String key) {
        return server().removeFlag(key);
    }

    /** @see FakeSchematic#company(Map, String, Map) */
    public FakeSchematic company(Map<String, String> keys, String name, Map<String, ?> traits) {
        return server().company(keys, name, traits);
    }

    /** @see FakeSchematic#user(Map, String, Map) */
    public FakeSchematic user(Map<String, String> keys, String name, Map<String, ?> traits) {
        return server().user(keys, name, traits);
    }

    /** @see FakeSchematic#companies() */
    public List<JsonObject> companies() {
        return server().companies();
    }

    /** @see FakeSchematic#users() */
    public List<JsonObject> users() {
        return server().users();
    }

    /** @see FakeSchematic#events() */
    public List<CapturedEvent> events() {
        return server().events();
    }

    /** @see FakeSchematic#events(String) */
    public List<CapturedEvent> events(String type) {
        return server().events(type);
    }

    /** @see FakeSchematic#awaitEvents(int, Duration) */
    public List<CapturedEvent> awaitEvents(int count, Duration timeout) {
        return server().awaitEvents(count, timeout);
    }

    /** @see FakeSchematic#awaitEvents(String, int, Duration) */
    public List<CapturedEvent> awaitEvents(String type, int count, Duration timeout) {
        return server().awaitEvents(type, count, timeout);
    }

    /** @see FakeSchematic#batchSizes() */
    public List<Integer> batchSizes() {
        return server().batchSizes();
    }

    /** @see FakeSchematic#requests() */
    public List<RecordedRequest> requests() {
        return server().requests();
    }

    /** @see FakeSchematic#requests(String, String) */
    public List<RecordedRequest> requests(String method, String pathPrefix) {
        return server().requests(method, pathPrefix);
    }

    /** @see FakeSchematic#failNext(int, int) */
    public FakeSchematic failNext(int times, int status) {
        return server().failNext(times, status);
    }

    /** @see FakeSchematic#failNext(int, int, String) */
    public FakeSchematic failNext(int times, int status, String retryAfter) {
        return server().failNext(times, status, retryAfter);
    }

    /** @see FakeSchematic#failNext(String, int, int) */
    public FakeSchematic failNext(String pathPrefix, int times, int status) {
        return server().failNext(pathPrefix, times, status);
    }

    /** @see FakeSchematic#delay(Duration) */
    public FakeSchematic delay(Duration d) {
        return server().delay(d);
    }

    /** @see FakeSchematic#delay(String, Duration) */
    public FakeSchematic delay(String pathPrefix, Duration d) {
        return server().delay(pathPrefix, d);
    }

    /** @see FakeSchematic#respond(String, String, int, String) */
    public FakeSchematic respond(String method, String pathTemplate, int status, String jsonBody) {
        return server().respond(method, pathTemplate, status, jsonBody);
    }

    /** @see FakeSchematic#requireApiKey(String) */
    public FakeSchematic requireApiKey(String key) {
        return server().requireApiKey(key);
    }
}
