package dev.schematic.internal.client;

import dev.schematic.EventStats;
import dev.schematic.Schematic;
import dev.schematic.SchematicClientCustomizer;
import dev.schematic.api.ApiResourceClients;
import dev.schematic.api.ApiResources;
import dev.schematic.api.features.FeaturesHttp;
import dev.schematic.internal.concurrent.DaemonThreads;
import dev.schematic.internal.config.SchematicConfig;
import dev.schematic.internal.datastream.DataStreamClient;
import dev.schematic.internal.events.CaptureTransport;
import dev.schematic.internal.events.EventBuffer;
import dev.schematic.internal.flags.FlagCheckCache;
import dev.schematic.internal.flags.FlagChecks;
import dev.schematic.internal.flags.FlagDefaults;
import dev.schematic.internal.http.RestClients;
import dev.schematic.internal.http.RetryPolicy;
import dev.schematic.internal.http.SdkHeaders;
import dev.schematic.internal.rules.RulesEngine;
import dev.schematic.internal.telemetry.Telemetry;
import dev.schematic.internal.telemetry.otel.OpenTelemetryPresence;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Wires one client from its settings (REST clients, flag checks, event buffer, DataStream, executor) and owns their
 * lifecycle. The one entry point of the builder, the CDI producer and the Quarkus producer.
 */
public final class SchematicRuntime {
    private static final System.Logger LOG = System.getLogger(SchematicRuntime.class.getName());
    /** Threads of the SDK's own async pool (when no managed executor is given). */
    static final int ASYNC_THREADS = 256;

    final SchematicConfig config;
    final RestClients clients;
    final ApiResources api;
    final FlagDefaults defaults;
    final FlagCheckCache cache;
    final FlagChecks flags;
    final EventBuffer events;
    private final CaptureTransport capture;
    /** Null unless {@code schematic.datastream.enabled=true} (and not offline). */
    final DataStreamClient dataStream;
    /** "Now" of local evaluation: the rules engine's clock and the {@code flag_check} events' {@code sent_at}. */
    final Clock clock = Clock.systemUTC();

    final Executor executor;
    private final ExecutorService ownExecutor;
    final EventPublisher publisher;
    /** Observation point of checks and meters (docs/observability.md); inactive unless someone observes. */
    final Telemetry telemetry = new Telemetry(new RuntimeTelemetrySource(this));

    private volatile boolean closed;

    private SchematicRuntime(
            SchematicConfig config,
            List<SchematicClientCustomizer> customizers,
            Executor executor,
            boolean containerManaged) {
        this.config = config;
        this.clients = new RestClients(config, customizers);
        this.api = new ApiResourceClients(config.offline() ? OfflineApi.INSTANCE : clients);
        this.defaults = new FlagDefaults(config.flagDefaults());
        this.cache = new FlagCheckCache(
                config.cacheEnabled(),
                config.cacheMaxSize(),
                config.cacheTtl(),
                config.checks().maxStale());
        this.flags = new FlagChecks(
                config.offline(),
                timeout -> clients.singleAttempt(FeaturesHttp.class, timeout),
                cache,
                defaults,
                config.checks(),
                config.maxRetries(),
                new RetryPolicy(config.maxRetries(), config.retryBackoff()));
        this.capture = new CaptureTransport(clients, config.eventCaptureUrl(), config.eventsTimeout());
        this.events = new EventBuffer(
                capture,
                config.eventsBatchSize(),
                config.eventsFlushInterval(),
                config.eventsMaxQueue(),
                config.eventsMaxRetries(),
                config.eventsRetryBackoff(),
                config.eventsShutdownTimeout());
        // a container closes its client itself while the server still works; a JVM shutdown hook would race with the
        // server's own (on Payara Micro its flush ran while the server tore down HK2 and deleted its jars)
        this.publisher = new EventPublisher(config.offline(), events, containerManaged ? null : this::close);
        if (config.dataStream().enabled() && !config.offline()) {
            // local evaluation (datastream.md §5.1): starts connecting now, in the background; never blocks
            this.dataStream = new DataStreamClient(
                    config.dataStream(),
                    config.baseUrl(),
                    config.apiKey(),
                    SdkHeaders.VERSION,
                    RulesEngine.create(config.rules(), clock));
            dataStream.start();
        } else {
            this.dataStream = null;
        }
        if (executor == null) {
            this.ownExecutor = new ThreadPoolExecutor(
                    0,
                    ASYNC_THREADS,
                    30,
                    TimeUnit.SECONDS,
                    new SynchronousQueue<>(),
                    DaemonThreads.named("schematic-async"));
            this.executor = ownExecutor;
        } else {
            this.ownExecutor = null;
            this.executor = executor;
        }
        OpenTelemetryPresence.attachAutomatically(telemetry);
    }

    /** A client the application owns and closes ({@link Schematic#builder()}). */
    public static Schematic standalone(
            SchematicConfig config, List<SchematicClientCustomizer> customizers, Executor executor) {
        return new SchematicFacade(new SchematicRuntime(config, customizers, executor, false), false);
    }

    /**
     * A client the container owns (CDI, Quarkus): {@link Schematic#close()} on it only logs a warning; the
     * container's disposer calls {@link #shutdown(Schematic)}.
     */
    public static Schematic containerManaged(
            SchematicConfig config, List<SchematicClientCustomizer> customizers, Executor executor) {
        return new SchematicFacade(new SchematicRuntime(config, customizers, executor, true), true);
    }

    /**
     * Prepares event delivery on the calling (application) thread: the capture client and its JSON-B are built now,
     * not on the first send (Payara Micro deletes its jars in a shutdown hook of its own, running beside the
     * application's undeploy). Jersey still builds the client's runtime on its first request (docs/payara.md, open
     * defect). Failures are only logged: the first send tries again.
     */
    public static void prepareEventDelivery(Schematic schematic) {
        if (schematic instanceof SchematicFacade facade
                && !facade.runtime().config.offline()) {
            try {
                facade.runtime().capture.prepare();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "Schematic event capture client not prepared (the first send retries): " + e);
            }
        }
    }

    /** Set while the container's disposer closes a client (through its CDI proxy, if it hands one). */
    private static final ThreadLocal<Boolean> CONTAINER_CLOSING = new ThreadLocal<>();

    /** Closes a client made here, container-managed or not (the container's disposer). */
    public static void shutdown(Schematic schematic) {
        CONTAINER_CLOSING.set(Boolean.TRUE);
        try {
            schematic.close();
        } finally {
            CONTAINER_CLOSING.remove();
        }
    }

    /** True on the thread of {@link #shutdown(Schematic)}: the container, not the application, is closing. */
    static boolean containerClosing() {
        return CONTAINER_CLOSING.get() != null;
    }

    boolean closed() {
        return closed;
    }

    void start() {
        flags.prepare();
        if (!config.offline() && cache.enabled()) {
            cache.awaitStarted(Duration.ofSeconds(30));
        }
    }

    /** Sends queued events, then stops threads and closes connections. Idempotent. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        publisher.removeShutdownHook();
        telemetry.close();
        try {
            if (dataStream != null) {
                dataStream.close();
            }
            events.close();
        } finally {
            flags.close();
            cache.close();
            clients.close();
            stopOwnExecutor();
        }
        EventStats stats = events.stats();
        LOG.log(
                Level.DEBUG,
                "Schematic client closed: {0} events delivered, {1} dropped, {2} failed",
                stats.delivered(),
                stats.dropped(),
                stats.failed());
    }

    private void stopOwnExecutor() {
        if (ownExecutor == null) {
            return;
        }
        ownExecutor.shutdown();
        try {
            if (!ownExecutor.awaitTermination(5, TimeUnit.SECONDS)) {
                ownExecutor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ownExecutor.shutdownNow();
        }
    }
}
