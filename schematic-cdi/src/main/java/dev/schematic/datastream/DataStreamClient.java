package dev.schematic.datastream;

import dev.schematic.FlagCheck;
import dev.schematic.internal.DaemonThreads;
import dev.schematic.replicator.ReplicatorHealth;
import dev.schematic.replicator.ReplicatorStatus;
import dev.schematic.rules.RulesEngine;
import dev.schematic.rules.RulesInput;
import dev.schematic.rules.RulesResult;
import dev.schematic.store.EmbeddedEntityStore;
import dev.schematic.store.EntityStore;
import dev.schematic.store.StoreKeys;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Local flag evaluation from Schematic's DataStream (datastream.md): one WebSocket keeps flags, companies and users in
 * an {@link EntityStore}, and checks are answered by the {@link RulesEngine} with no request per check.
 *
 * <p>Lifecycle: {@link #start()} returns at once; a background thread ({@code schematic-datastream-start}) opens the
 * store and the socket. The client is {@linkplain #isReady() ready} once the socket is open and every flag has been
 * loaded; until then {@link #check} answers {@code null} and the caller uses the REST API. Once it has been ready, a
 * lost socket makes it {@link DataStreamState#STALE}: checks whose flag and company/user are cached are still
 * answered from the cache, anything else at once by the REST API (see {@link LocalMode}). Messages are applied in order by one worker thread ({@code schematic-datastream-worker}) fed by a bounded
 * queue; when the queue is full the socket's reader waits (back-pressure) rather than dropping a message.
 *
 * <p>A check whose company or user is not cached asks the DataStream for it and waits at most
 * {@code entity-timeout}; then it answers {@code null} (REST fallback), as it does for a key conflict, a flag not
 * cached or an engine failure — local evaluation never guesses with a missing entity.
 *
 * <p><b>Replicator mode</b> ({@code replicator-mode=true}, docs/replicator.md): no socket. Schematic's replicator
 * service writes flags, companies and users into a shared Redis; this client polls the replicator's readiness URL
 * ({@link ReplicatorHealth}), reads the store under the {@code cache_version} it reports, and is ready exactly while
 * the replicator says it is. Cache misses follow datastream.md §4.3: a flag not in the store ⇒ REST API; a company or
 * user not in the store ⇒ evaluated without it (nothing to ask for, the replicator already wrote everything it has).
 */
public final class DataStreamClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DataStreamClient.class.getName());

    private final DataStreamSettings settings;
    private final URI url;
    private final RulesEngine engine;
    private final Supplier<EntityStore> storeFactory;
    /** The socket (direct mode); {@code null} in replicator mode. */
    private final DataStreamConnection connection;

    private final boolean replicatorMode;
    private volatile ReplicatorHealth health;
    private volatile String engineVersion;
    private final EntityWaiters waiters = new EntityWaiters();
    private final MessagePump pump = new MessagePump();
    private final Subscriptions subscriptions;

    private final Readiness readiness = new Readiness();

    private final LongAdder messages = new LongAdder();
    private final LongAdder connects = new LongAdder();
    private final LongAdder localChecks = new LongAdder();

    private volatile DataStreamCache cache;
    /** Reused answers of repeated checks; {@code null} when off (memo off, or a store others write too). */
    private volatile LocalAnswers answers;

    private volatile MessageProcessor processor;
    private volatile EntityStore store;
    private volatile Thread starter;
    private volatile Instant lastMessageAt;

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
        this.url = url;
        this.engine = engine;
        this.storeFactory = storeFactory;
        this.replicatorMode = settings.replicatorMode();
        this.subscriptions = new Subscriptions(2 * settings.maxEntries());
        if (replicatorMode) {
            this.connection = null;
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Schematic-Api-Key", apiKey);
        headers.put("X-Schematic-Datastream-Mode", "direct");
        headers.put("X-Schematic-Client", "schematic-jakarta");
        headers.put("X-Schematic-Client-Version", clientVersion == null ? "unknown" : clientVersion);
        this.connection = new DataStreamConnection(
                url,
                headers,
                new Backoff(settings.reconnectMinDelay(), settings.reconnectMaxDelay()),
                settings.pingInterval(),
                new Listener());
    }

    /** Opens the store and the socket in the background; returns at once. Idempotent. */
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
     * most). Messages that arrive before the store is open wait in the inbox; the worker starts once it is.
     */
    private void startInBackground() {
        if (!replicatorMode) {
            readiness.set(DataStreamState.CONNECTING, "connecting to " + url);
            connection.start();
        }
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
        if (replicatorMode) {
            startReplicatorMode(version);
            return;
        }
        EntityStore cached = s;
        int memoSize = engine.options().memoSize();
        if (s instanceof EmbeddedEntityStore && memoSize > 0) {
            LocalAnswers a = new LocalAnswers(memoSize);
            cached = new ObservedStore(s, a::changed);
            answers = a;
        }
        DataStreamCache c =
                new DataStreamCache(cached, new StoreKeys(version), settings.cacheTtl(), settings.flagTtl());
        processor = new MessageProcessor(c, waiters, this::flagsLoaded);
        cache = c;
        pump.start();
    }

    // ---- replicator mode

    private void startReplicatorMode(String wasmVersion) {
        engineVersion = wasmVersion;
        ReplicatorHealth h = new ReplicatorHealth(
                settings.replicatorHealthUrl(), settings.replicatorHealthInterval(), this::replicatorPolled);
        if (!readiness.ifOpen(() -> health = h)) {
            return;
        }
        readiness.set(DataStreamState.CONNECTING, "polling the replicator at " + settings.replicatorHealthUrl());
        h.start();
    }

    /**
     * After every poll: the cache follows the reported version (until one is known, the engine's version key, as the
     * official SDKs do — reads then miss and go to the REST API), readiness follows the replicator's.
     */
    private void replicatorPolled(ReplicatorStatus r) {
        EntityStore s = store;
        if (s == null) {
            return;
        }
        String version = r.cacheVersion() != null ? r.cacheVersion() : engineVersion;
        DataStreamCache c = cache;
        if (c == null || !c.keys().version().equals(version)) {
            cache = new DataStreamCache(s, new StoreKeys(version), settings.cacheTtl(), settings.flagTtl());
            if (c != null) {
                LOG.log(Level.DEBUG, () -> "Schematic replicator mode: reading cache version " + version);
            }
        }
        readiness.replicator(r.ready(), r.describe());
    }

    /** True in replicator mode. */
    public boolean replicatorMode() {
        return replicatorMode;
    }

    // ---- readiness

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
        MessageProcessor p = processor;
        EntityStore s = store;
        ReplicatorHealth h = health;
        ReplicatorStatus r = !replicatorMode
                ? null
                : h != null
                        ? h.status()
                        : ReplicatorStatus.initial(
                                settings.replicatorHealthUrl().toString());
        Readiness.Snapshot now = readiness.snapshot();
        return new DataStreamStatus(
                now.state(),
                now.reason(),
                now.since(),
                replicatorMode ? settings.replicatorHealthUrl().toString() : url.toString(),
                s == null ? null : s.description(),
                lastMessageAt,
                connects.sum(),
                messages.sum(),
                p == null ? 0 : p.malformed.sum(),
                pump.dropped(),
                r,
                now.dataAsOf(),
                now.dataAge());
    }

    /** Checks answered locally so far. */
    public long localChecks() {
        return localChecks.sum();
    }

    // ---- checks

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
        return answer(flagKey, company, user, engine.clock().millis());
    }

    /** Like {@link #answer(String, Map, Map)} at {@code nowMillis}, read from the engine's clock by the caller. */
    public LocalAnswer answer(String flagKey, Map<String, String> company, Map<String, String> user, long nowMillis) {
        DataStreamCache c = cache;
        LocalMode mode = LocalMode.of(readiness.state(), replicatorMode);
        if (mode == LocalMode.OFF || c == null || flagKey == null) {
            return null;
        }
        LocalAnswers reuse = answers;
        long now = nowMillis;
        long generation = 0;
        if (reuse != null) {
            LocalAnswer hit = reuse.get(flagKey, company, user, now);
            if (hit != null) {
                localChecks.increment();
                return hit;
            }
            generation = reuse.generation();
        }
        RulesInput flag = c.flag(flagKey);
        if (flag == null) {
            return null;
        }
        boolean wantCompany = company != null && !company.isEmpty();
        boolean wantUser = user != null && !user.isEmpty();
        DataStreamCache.Found fc = wantCompany ? c.find(EntityType.COMPANY, company) : null;
        DataStreamCache.Found fu = wantUser ? c.find(EntityType.USER, user) : null;
        if ((fc != null && fc.conflict()) || (fu != null && fu.conflict())) {
            return null;
        }
        RulesInput companyDoc;
        RulesInput userDoc;
        if (mode != LocalMode.FETCH_MISSING) {
            companyDoc = wantCompany ? fc.doc() : null;
            userDoc = wantUser ? fu.doc() : null;
            if (mode == LocalMode.CACHED_ONLY
                    && ((wantCompany && companyDoc == null) || (wantUser && userDoc == null))) {
                return null; // stale: nothing would answer a request; the REST API does, at once
            }
        } else {
            EntityWaiters.Pending pc = wantCompany && fc.doc() == null ? fetch(c, EntityType.COMPANY, company) : null;
            EntityWaiters.Pending pu = wantUser && fu.doc() == null ? fetch(c, EntityType.USER, user) : null;
            long deadline = System.nanoTime() + settings.entityTimeout().toNanos();
            companyDoc = !wantCompany ? null : pc == null ? fc.doc() : await(pc, deadline);
            userDoc = !wantUser ? null : pu == null ? fu.doc() : await(pu, deadline);
            if ((wantCompany && companyDoc == null) || (wantUser && userDoc == null)) {
                return null;
            }
            if (pc != null || pu != null) {
                // waited: "now" moved on
                now = engine.clock().millis();
            }
        }
        RulesResult r = engine.evaluate(flag, companyDoc, userDoc, Instant.ofEpochMilli(now));
        if (r.failed()) {
            return null;
        }
        localChecks.increment();
        FlagCheck check = LocalResults.toFlagCheck(flagKey, r);
        if (reuse != null) {
            return reuse.put(flagKey, company, user, check, r, generation, now);
        }
        return new LocalAnswer(check, company == null ? Map.of() : company, user == null ? Map.of() : user);
    }

    /**
     * Several flags locally, or {@code null} when any of them cannot be (the caller then asks the API for all). An
     * empty or {@code null} {@code flagKeys} means every cached flag, in key order.
     */
    public List<FlagCheck> checkAll(List<String> flagKeys, Map<String, String> company, Map<String, String> user) {
        DataStreamCache c = cache;
        if (LocalMode.of(readiness.state(), replicatorMode) == LocalMode.OFF || c == null) {
            return null;
        }
        List<String> keys = flagKeys == null || flagKeys.isEmpty() ? c.flagKeys() : flagKeys;
        List<FlagCheck> out = new ArrayList<>(keys.size());
        for (String key : keys) {
            FlagCheck r = check(key, company, user);
            if (r == null) {
                return null;
            }
            out.add(r);
        }
        return out;
    }

    /**
     * Local usage update after {@code track} (datastream.md §5.3): adds {@code quantity} to every metric of the cached
     * company whose {@code event_subtype} is {@code event}, atomically (compare-and-set on the company document, so
     * concurrent tracks and partial updates — also from other app instances sharing a remote store — all count).
     * Nothing happens when not ready or the company is not cached.
     */
    public void recordUsage(String event, Map<String, String> company, long quantity) {
        DataStreamCache c = cache;
        if (readiness.ready() && c != null) {
            UsageWriteBack.record(c, event, company, quantity);
        }
    }

    private EntityWaiters.Pending fetch(DataStreamCache c, EntityType type, Map<String, String> keys) {
        long gen = readiness.openGeneration();
        String frame = subscriptions.ask(type, keys);
        return waiters.request(c.lookupKeys(type, keys), () -> connection.send(gen, frame));
    }

    private RulesInput await(EntityWaiters.Pending p, long deadline) {
        long left = deadline - System.nanoTime();
        try {
            return p.future.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            waiters.drop(p);
            return null;
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** After a reconnect the server has forgotten our subscriptions: ask again for every entity we asked for. */
    private void resubscribe(long gen) {
        for (String frame : subscriptions.frames()) {
            connection.send(gen, frame);
        }
    }

    // ---- state

    private void flagsLoaded(long gen, int count) {
        Boolean reconnected = readiness.flagsLoaded(gen, "connected to " + url + "; " + count + " flags loaded");
        if (reconnected == null) {
            return;
        }
        connection.healthy();
        if (reconnected) {
            resubscribe(gen);
        }
    }

    /** A failure that no retry can mend, while starting: also stops the socket started alongside. */
    private void failAtStart(String why) {
        fail(why);
        if (connection != null) {
            connection.close();
        }
    }

    private void fail(String why) {
        readiness.fail(why);
        LOG.log(Level.ERROR, "Schematic DataStream stopped: " + why + "; flag checks use the REST API");
        waiters.failAll("DataStream stopped");
    }

    private final class Listener implements DataStreamConnection.Listener {
        @Override
        public void opened(long generation) {
            connects.increment();
            readiness.opened(generation, "connected to " + url + "; loading flags");
            connection.send(generation, Subscriptions.FLAGS_REQUEST);
        }

        @Override
        public void message(long generation, String text) {
            messages.increment();
            lastMessageAt = Instant.now();
            // the processor is read when the message is applied: the worker starts once the store is open
            pump.offer(() -> processor.process(generation, text));
        }

        @Override
        public void lost(long generation, String why, Duration retryIn) {
            readiness.lost(generation, why + "; reconnecting in " + retryIn.toMillis() + " ms");
            waiters.failAll("DataStream disconnected");
        }

        @Override
        public void failed(String why) {
            fail(why);
        }
    }

    /** Closes the socket, stops the threads and releases the store. Idempotent. */
    @Override
    public void close() {
        if (!readiness.markClosed()) {
            return;
        }
        if (connection != null) {
            connection.close();
        }
        ReplicatorHealth h = health;
        if (h != null) {
            h.close();
        }
        waiters.failAll("DataStream closed");
        Thread st = starter;
        if (st != null) {
            st.interrupt();
            join(st);
        }
        pump.stop();
        EntityStore s = store;
        if (s != null) {
            s.close();
        }
    }

    private static void join(Thread t) {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
