package dev.schematic;

import dev.schematic.api.ApiResources;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Schematic client: flag checks, events and the typed REST API. Thread-safe; one per application.
 *
 * <pre>{@code
 * @Inject Schematic schematic;
 * EvaluationContext who = EvaluationContext.company("id", companyId); // a null id means "no company"
 * if (schematic.checkFlag("new-editor", who)) { ... }
 * schematic.track("api-call", who, 1);
 * }</pre>
 *
 * <p>Flag checks never throw: on any failure (or offline) they return the flag's default and log once. Events never
 * block: they are queued and sent in batches by background threads. The typed API ({@link #companies()}, …) throws
 * a {@link SchematicException}: {@link SchematicApiException} for non-2xx answers, {@link SchematicNetworkException}
 * when no answer came, {@link SchematicOfflineException} offline, {@link SchematicClosedException} once closed.
 *
 * <p>Outside CDI, build one with {@link #builder()} and close it (try-with-resources) to flush events. The client
 * injected by CDI or Quarkus belongs to the container, which closes it when the application stops: {@link #close()}
 * on it does nothing (it logs a warning once).
 */
public interface Schematic extends ApiResources, AutoCloseable {

    /** A builder for plain Java SE. */
    static SchematicBuilder builder() {
        return new SchematicBuilder();
    }

    /** The flag's value for no company and no user (Schematic evaluates its global rules and default). */
    default boolean checkFlag(String flagKey) {
        return checkFlag(flagKey, EvaluationContext.empty());
    }

    /**
     * The flag's value for this company and user. Never throws: on any failure (API down, deadline passed, offline,
     * closed) it returns the flag's default and logs once.
     */
    default boolean checkFlag(String flagKey, EvaluationContext context) {
        return checkFlagDetailed(flagKey, context, CheckOptions.NONE).value();
    }

    /** As {@link #checkFlag(String, EvaluationContext)}, with a per-check default and deadline. Never throws. */
    default boolean checkFlag(String flagKey, EvaluationContext context, CheckOptions options) {
        return checkFlagDetailed(flagKey, context, options).value();
    }

    /** The full answer: value, reason, rule and entitlement. Never throws. */
    default FlagCheck checkFlagDetailed(String flagKey, EvaluationContext context) {
        return checkFlagDetailed(flagKey, context, CheckOptions.NONE);
    }

    /** The full answer with per-check options. Never throws; a null context means an empty one. */
    FlagCheck checkFlagDetailed(String flagKey, EvaluationContext context, CheckOptions options);

    /**
     * Several flags for one company/user in at most one request: cached answers are reused and the misses fetched
     * together. An empty {@code flagKeys} asks for every flag. Results are in the requested order. Never throws.
     */
    List<FlagCheck> checkFlags(List<String> flagKeys, EvaluationContext context);

    /** Map sugar for {@link #checkFlag(String, EvaluationContext)}; null maps, keys and values mean absent. */
    default boolean checkFlag(String flagKey, Map<String, String> company, Map<String, String> user) {
        return checkFlag(flagKey, EvaluationContext.of(company, user));
    }

    /** Map sugar for {@link #checkFlag(String, EvaluationContext, CheckOptions)}. Never throws. */
    default boolean checkFlag(
            String flagKey, Map<String, String> company, Map<String, String> user, CheckOptions options) {
        return checkFlag(flagKey, EvaluationContext.of(company, user), options);
    }

    /** Map sugar for {@link #checkFlagDetailed(String, EvaluationContext)}. Never throws. */
    default FlagCheck checkFlagDetailed(String flagKey, Map<String, String> company, Map<String, String> user) {
        return checkFlagDetailed(flagKey, EvaluationContext.of(company, user), CheckOptions.NONE);
    }

    /** Map sugar for {@link #checkFlagDetailed(String, EvaluationContext, CheckOptions)}. Never throws. */
    default FlagCheck checkFlagDetailed(
            String flagKey, Map<String, String> company, Map<String, String> user, CheckOptions options) {
        return checkFlagDetailed(flagKey, EvaluationContext.of(company, user), options);
    }

    /** Map sugar for {@link #checkFlags(List, EvaluationContext)}. Never throws. */
    default List<FlagCheck> checkFlags(List<String> flagKeys, Map<String, String> company, Map<String, String> user) {
        return checkFlags(flagKeys, EvaluationContext.of(company, user));
    }

    /** Sets the value returned for a flag when a check cannot be answered. */
    void setFlagDefault(String flagKey, boolean value);

    /** Sets several flag defaults. */
    void setFlagDefaults(Map<String, Boolean> defaults);

    /**
     * Queues an identify event for the context's user (and the company it belongs to, if the context has one). Never
     * blocks, never throws.
     */
    default void identify(EvaluationContext context) {
        identify(Identify.of(context).build());
    }

    /** Queues an identify event with the user's name and traits (null means none). Never blocks, never throws. */
    default void identify(EvaluationContext context, String name, Map<String, ?> traits) {
        identify(Identify.of(context).name(name).traits(traits).build());
    }

    /** Map sugar for {@link #identify(EvaluationContext)}: the user with these keys. */
    default void identify(Map<String, String> keys) {
        identify(Identify.user(keys).build());
    }

    /** Map sugar for {@link #identify(EvaluationContext, String, Map)}. */
    default void identify(Map<String, String> keys, String name, Map<String, ?> traits) {
        identify(Identify.user(keys).name(name).traits(traits).build());
    }

    /** Queues an identify event. Never blocks, never throws. */
    void identify(Identify identify);

    /** Queues a track event (no quantity: the server counts 1). Never blocks, never throws. */
    default void track(String event, EvaluationContext context) {
        track(Track.event(event).context(context).build());
    }

    /** Queues a track event of {@code quantity} units. Never blocks, never throws. */
    default void track(String event, EvaluationContext context, long quantity) {
        track(Track.event(event).context(context).quantity(quantity).build());
    }

    /** Queues a track event with a quantity and traits (null means none). Never blocks, never throws. */
    default void track(String event, EvaluationContext context, long quantity, Map<String, ?> traits) {
        track(Track.event(event)
                .context(context)
                .quantity(quantity)
                .traits(traits)
                .build());
    }

    /** Map sugar for {@link #track(String, EvaluationContext)}. */
    default void track(String event, Map<String, String> company, Map<String, String> user) {
        track(event, EvaluationContext.of(company, user));
    }

    /** Map sugar for {@link #track(String, EvaluationContext, long, Map)}. */
    default void track(
            String event, Map<String, String> company, Map<String, String> user, Map<String, ?> traits, long quantity) {
        track(event, EvaluationContext.of(company, user), quantity, traits);
    }

    /** Queues a track event. Never blocks, never throws. */
    void track(Track track);

    /**
     * The typed REST API with per-request timeout and retries. Its calls (like those of {@link #companies()} and the
     * other resource groups) throw {@link SchematicApiException} for a non-2xx answer after retries,
     * {@link SchematicNetworkException} when no answer came, {@link SchematicOfflineException} offline and
     * {@link SchematicClosedException} after {@link #close()}; all are {@link SchematicException}s.
     */
    ApiResources withOptions(RequestOptions options);

    /** The non-blocking view of this client (same lifecycle, same caches and queue). */
    AsyncSchematic async();

    /**
     * The settings in force, as an immutable view (the API key masked). The same instance on every call and on
     * {@code async().sync()}.
     *
     * <pre>{@code
     * Duration deadline = schematic.config().checks().deadline();
     * }</pre>
     */
    SchematicSettings config();

    /** Event buffer counters: submitted, delivered, dropped, failed, queued, retries, overflow episodes… */
    EventStats eventStats();

    /**
     * Sends queued events now and waits until they are delivered or given up on, re-sending through capture outages
     * for at most {@code schematic.events.shutdown-timeout} (what is still undelivered then stays queued).
     */
    void flush();

    /**
     * Starts what is otherwise started lazily (the check cache) and waits for it, so the first checks are as fast as
     * later ones. Optional; {@code schematic.eager=true} does it at startup in CDI.
     */
    void start();

    /**
     * The DataStream connection's state, reason and counters ({@link DataStreamStatus#DISABLED} unless
     * {@code schematic.datastream.enabled=true}).
     */
    default DataStreamStatus dataStream() {
        return DataStreamStatus.DISABLED;
    }

    /**
     * Calls {@code listener} each time DataStream pushes flag definitions that differ from the cached ones (added,
     * changed or deleted flags), after they are stored, so checks made from the listener see them. Calls come one
     * at a time on the DataStream worker thread: keep the listener short (hand long work to an executor); an
     * exception it throws is logged and ignored. Without DataStream (or in replicator mode) it is never called.
     *
     * <pre>{@code
     * FlagsChanged.Registration r = schematic.onFlagsChanged(c -> log.info("flags changed: " + c.keys()));
     * }</pre>
     *
     * @return the registration; {@link FlagsChanged.Registration#close()} removes the listener
     */
    default FlagsChanged.Registration onFlagsChanged(java.util.function.Consumer<FlagsChanged> listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        return () -> {};
    }

    /**
     * The state of the circuit breaker on the API path of flag checks (closed, open or half-open), with failure
     * counts; see docs/flag-checks.md. Also shown by the {@code schematic-datastream} readiness check.
     */
    default CircuitBreakerStatus circuitBreaker() {
        return CircuitBreakerStatus.closed();
    }

    /**
     * True when flag checks can be answered as configured: always without DataStream; with it, once the socket is
     * open and every flag is loaded (checks made before are answered by the REST API).
     */
    default boolean isReady() {
        return true;
    }

    /**
     * Waits at most {@code timeout} for {@link #isReady()}; false on timeout or when the DataStream has stopped for
     * good (see {@link #dataStream()}). Startup never waits for it unless you call this.
     *
     * <pre>{@code
     * schematic.awaitReady(Duration.ofSeconds(5)); // then checks are local
     * }</pre>
     */
    default boolean awaitReady(Duration timeout) {
        return isReady();
    }

    /**
     * Sends every queued event, then stops all threads and closes connections. Idempotent. On the client injected by
     * CDI or Quarkus this does nothing but log a warning once: the container closes it when the application stops.
     */
    @Override
    void close();
}
