package dev.schematic.internal.datastream;

import dev.schematic.DataStreamState;
import dev.schematic.DataStreamStatus;
import dev.schematic.FlagCheck;
import dev.schematic.FlagsChanged;
import dev.schematic.internal.concurrent.DaemonThreads;
import dev.schematic.internal.config.DataStreamSettings;
import dev.schematic.internal.replicator.ReplicatorHealth;
import dev.schematic.internal.rules.RulesEngine;
import dev.schematic.internal.store.EntityStore;
import dev.schematic.internal.store.HandOverEntityStore;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Local flag evaluation from Schematic's DataStream (datastream.md): flags, companies and users are kept in an
 * {@link EntityStore}, and checks are answered by the {@link RulesEngine} with no request per check. This class owns
 * the lifecycle (start, status, close) and hands checks to the {@link LocalEvaluator}; where the data comes from is its
 * {@link LocalSource}.
 *
 * <p>Lifecycle: {@link #start()} returns at once; a background thread ({@code schematic-datastream-start-1}) opens the
 * store and the source. The client is {@linkplain #isReady() ready} once the socket is open and every flag has been
 * loaded; until then {@link #check} answers {@code null} and the caller uses the REST API. Once it has been ready, a
 * lost socket makes it {@link DataStreamState#STALE}: checks whose flag and company/user are cached are still answered
 * from the cache, anything else at once by the REST API (see {@link LocalMode}). Messages are applied in order by one
 * worker thread fed by a bounded queue ({@link MessagePump}).
 *
 * <p>A check whose company or user is not cached asks the DataStream for it and waits at most {@code entity-timeout};
 * then it answers {@code null} (REST fallback), as it does for a key conflict, a flag not cached or an engine failure —
 * local evaluation never guesses with a missing entity.
 *
 * <p><b>Replicator mode</b> ({@code replicator-mode=true}, docs/replicator.md): no socket; the {@link ReplicatorSource}
 * follows Schematic's replicator service ({@link ReplicatorHealth}) and the store it writes.
 */
public final class DataStreamClient implements AutoCloseable {
    private final DataStreamSettings settings;
    private final RulesEngine engine;
    /** The latest moment after the start at which the embedded store's Infinispan starts, ready or not. */
    static final Duration INFINISPAN_AT_LATEST = Duration.ofSeconds(5);

    private final Supplier<EntityStore> storeFactory;
    private final Readiness readiness = new Readiness();
    private final FlagListeners flagListeners = new FlagListeners();
    private final LocalSource source;
    private final LocalEvaluator evaluator;

    private volatile EntityStore store;
    private volatile Thread starter;

    /**
     * @param settings the {@code schematic.datastream.*} settings
     * @param baseUrl the REST base URL (the WebSocket URL is derived from it unless configured)
     * @param apiKey the secret API key (sent as {@code X-Schematic-Api-Key})
     * @param clientVersion sent as {@code X-Schematic-Client-Version}
     * @param engine the rules engine evaluating checks
     */
    public DataStreamClient(
            DataStreamSettings settings, URI baseUrl, String apiKey, String clientVersion, RulesEngine engine) {
        this(settings, settings.url(baseUrl), apiKey, clientVersion, engine, () -> StoreFactory.create(settings));
    }

    /** With another store (tests, benchmarks). */
    public DataStreamClient(
            DataStreamSettings settings,
            URI url,
            String apiKey,
            String clientVersion,
            RulesEngine engine,
            Supplier<EntityStore> storeFactory) {
        this.settings = settings;
        this.engine = engine;
        this.storeFactory = storeFactory;
        this.source = settings.replicatorMode()
                ? new ReplicatorSource(settings, readiness)
                : new SocketSource(
                        settings, url, apiKey, clientVersion, engine.options().memoSize(), readiness, flagListeners);
        this.evaluator = new LocalEvaluator(engine, source, readiness, settings.entityTimeout());
    }

    /** Opens the store and the source in the background; returns at once. Idempotent. */
    public void start() {
        if (!readiness.markStarted()) {
            return;
        }
        Thread t = DaemonThreads.named("schematic-datastream-start").newThread(this::startInBackground);
        starter = t;
        t.start();
    }

    /**
     * The socket, the rules engine and the store start side by side: in a cold JVM each takes 0.1–2 s (Infinispan the
     * most). Messages that arrive before the store is open wait in the inbox; the worker starts once it is. The embedded
     * store is open at once ({@link HandOverEntityStore}: an in-memory map until Infinispan has started, which it is
     * told to do once the client is ready).
     */
    private void startInBackground() {
        source.connect();
        CompletableFuture<String> loading = new CompletableFuture<>();
        DaemonThreads.named("schematic-datastream-engine-load")
                .newThread(() -> {
                    try {
                        loading.complete(engine.versionKey());
                    } catch (RuntimeException | Error e) {
                        loading.completeExceptionally(e);
                    }
                })
                .start();
        EntityStore s = StoreFactory.openWithRetries(
                storeFactory, settings, readiness, opened -> store = opened, this::failAtStart);
        if (s == null) {
            return;
        }
        String version;
        try {
            version = loading.get();
        } catch (ExecutionException e) {
            failAtStart("the rules engine cannot be loaded: " + e.getCause().getMessage());
            return;
        } catch (InterruptedException e) {
            return;
        }
        source.begin(s, version);
        if (s instanceof HandOverEntityStore handOver) {
            // the embedded store answers from memory until then: its Infinispan starts once the client is ready (or
            // at the latest after INFINISPAN_AT_LATEST), so that it does not compete for the CPU with the first ready
            readiness.await(INFINISPAN_AT_LATEST);
            if (!Thread.currentThread().isInterrupted()) {
                handOver.startInfinispan();
            }
        }
    }

    /** True in replicator mode. */
    public boolean replicatorMode() {
        return source instanceof ReplicatorSource;
    }

    /** True when checks are evaluated locally (socket open, flags loaded). */
    public boolean isReady() {
        return readiness.ready();
    }

    /**
     * Waits until {@link #isReady()} or the timeout; returns at once with false once the client has stopped for good
     * ({@link DataStreamState#ERROR}) or is closed.
     */
    public boolean awaitReady(Duration timeout) {
        return readiness.await(timeout);
    }

    /** A snapshot of the connection's state and counters. */
    public DataStreamStatus status() {
        EntityStore s = store;
        return source.status(readiness.snapshot(), s == null ? null : s.description());
    }

    /** The rules engine's counters (for the meters). */
    public dev.schematic.RulesEngineStats engineStats() {
        return engine.stats();
    }

    /** Checks answered locally so far. */
    public long localChecks() {
        return evaluator.localChecks();
    }

    /**
     * Evaluates a flag locally, or returns {@code null} when it cannot be answered here (never ready yet or stopped,
     * flag not cached, company/user not available within {@code entity-timeout} — or not cached while
     * {@link DataStreamState#STALE} — key conflict, engine failure): the caller then asks the REST API.
     */
    public FlagCheck check(String flagKey, Map<String, String> company, Map<String, String> user) {
        LocalAnswer a = answer(flagKey, company, user);
        return a == null ? null : a.check();
    }

    /**
     * Like {@link #check}, with the request the answer belongs to. With the embedded store and the engine's memo on,
     * a repeated check whose flag, company and user have not changed since (and whose result's time window still
     * holds) returns the same answer without reading the store or calling the engine.
     */
    public LocalAnswer answer(String flagKey, Map<String, String> company, Map<String, String> user) {
        return evaluator.answer(flagKey, company, user, engine.clock().millis());
    }

    /** Like {@link #answer(String, Map, Map)} at {@code nowMillis}, read from the engine's clock by the caller. */
    public LocalAnswer answer(String flagKey, Map<String, String> company, Map<String, String> user, long nowMillis) {
        return evaluator.answer(flagKey, company, user, nowMillis);
    }

    /**
     * Several flags locally, or {@code null} when any of them cannot be (the caller then asks the API for all). An
     * empty or {@code null} {@code flagKeys} means every cached flag, in key order.
     */
    public List<FlagCheck> checkAll(List<String> flagKeys, Map<String, String> company, Map<String, String> user) {
        return evaluator.checkAll(flagKeys, company, user);
    }

    /**
     * Calls {@code listener} with the flag keys whose definitions a DataStream message added, changed or deleted, on
     * the worker thread after they are stored (see {@link dev.schematic.Schematic#onFlagsChanged}). Never called in
     * replicator mode (the replicator writes the store; no messages arrive here).
     */
    public FlagsChanged.Registration onFlagsChanged(Consumer<FlagsChanged> listener) {
        return flagListeners.add(listener);
    }

    /**
     * Local usage update after {@code track} ({@link UsageWriteBack}). Nothing happens when not ready or the company
     * is not cached.
     */
    public void recordUsage(String event, Map<String, String> company, long quantity) {
        DataStreamCache c = source.cache();
        if (readiness.ready() && c != null) {
            UsageWriteBack.record(c, event, company, quantity);
        }
    }

    /** A failure that no retry can mend, while starting: also stops the source started alongside. */
    private void failAtStart(String why) {
        readiness.fail(why);
        source.failed(why);
        source.close();
    }

    /** Closes the source, stops the threads and releases the store. Idempotent. */
    @Override
    public void close() {
        if (!readiness.markClosed()) {
            return;
        }
        Thread st = starter;
        if (st != null) {
            st.interrupt();
            try {
                st.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        source.close();
        EntityStore s = store;
        if (s != null) {
            s.close();
        }
    }
}
