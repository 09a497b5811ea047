package dev.schematic.internal;

import dev.schematic.AsyncSchematic;
import dev.schematic.CheckOptions;
import dev.schematic.CircuitBreakerStatus;
import dev.schematic.FlagCheck;
import dev.schematic.RequestOptions;
import dev.schematic.Schematic;
import dev.schematic.SchematicConfig;
import dev.schematic.api.ApiResourceClients;
import dev.schematic.api.ApiResources;
import dev.schematic.api.ClientFactory;
import dev.schematic.api.accesstokens.AccessTokensApi;
import dev.schematic.api.accounts.AccountsApi;
import dev.schematic.api.billing.BillingApi;
import dev.schematic.api.catalogs.CatalogsApi;
import dev.schematic.api.checkout.CheckoutApi;
import dev.schematic.api.companies.CompaniesApi;
import dev.schematic.api.components.ComponentsApi;
import dev.schematic.api.componentspublic.ComponentsPublicApi;
import dev.schematic.api.credits.CreditsApi;
import dev.schematic.api.dataexports.DataExportsApi;
import dev.schematic.api.entitlements.EntitlementsApi;
import dev.schematic.api.events.EventsApi;
import dev.schematic.api.features.FeaturesApi;
import dev.schematic.api.insights.InsightsApi;
import dev.schematic.api.integrationsapi.IntegrationsApi;
import dev.schematic.api.licenses.LicensesApi;
import dev.schematic.api.planbundle.PlanBundlesApi;
import dev.schematic.api.plangroups.PlanGroupsApi;
import dev.schematic.api.planmigrations.PlanMigrationsApi;
import dev.schematic.api.plans.PlansApi;
import dev.schematic.api.scheduledcheckout.ScheduledCheckoutApi;
import dev.schematic.api.webhooks.WebhooksApi;
import dev.schematic.datastream.DataStreamClient;
import dev.schematic.datastream.DataStreamStatus;
import dev.schematic.datastream.LocalAnswer;
import dev.schematic.events.CaptureApi;
import dev.schematic.events.CaptureBatch;
import dev.schematic.events.CaptureEvent;
import dev.schematic.events.EventBodies;
import dev.schematic.events.EventBuffer;
import dev.schematic.events.EventStats;
import dev.schematic.events.Identify;
import dev.schematic.events.Track;
import dev.schematic.flags.FlagCheckCache;
import dev.schematic.flags.FlagChecks;
import dev.schematic.flags.FlagDefaults;
import dev.schematic.http.RestClients;
import dev.schematic.http.RetryPolicy;
import dev.schematic.http.SchematicClientCustomizer;
import dev.schematic.http.SdkHeaders;
import dev.schematic.rules.RulesEngine;
import jakarta.ws.rs.core.Response;
import java.lang.System.Logger.Level;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one implementation of {@link Schematic} and {@link AsyncSchematic}, composed of the flag checks, the event
 * buffer and the REST clients. Built by {@link dev.schematic.SchematicBuilder} and by the CDI producer.
 */
public final class SchematicClient implements Schematic {
    private static final System.Logger LOG = System.getLogger(SchematicClient.class.getName());

    private final SchematicConfig config;
    private final RestClients clients;
    private final ApiResources api;
    private final FlagDefaults defaults;
    private final FlagCheckCache cache;
    private final FlagChecks flags;
    private final EventBuffer events;
    private final DataStreamClient dataStream;
    /** "Now" of local evaluation: the rules engine's clock and the {@code flag_check} events' {@code sent_at}. */
    private final Clock clock = Clock.systemUTC();

    private final Executor executor;
    private final ExecutorService ownExecutor;
    private final AsyncView async = new AsyncView();
    private final Thread shutdownHook = new Thread(this::close, "schematic-shutdown-flush");
    private volatile boolean hookRegistered;
    private volatile boolean closed;

    public SchematicClient(SchematicConfig config, List<SchematicClientCustomizer> customizers, Executor executor) {
        this.config = config;
        this.clients = new RestClients(config, customizers);
        this.api = new ApiResourceClients(config.offline() ? OFFLINE_CLIENTS : clients);
        this.defaults = new FlagDefaults(config.flagDefaults());
        this.cache = new FlagCheckCache(
                config.cacheEnabled(),
                config.cacheMaxSize(),
                config.cacheTtl(),
                config.checks().maxStale());
        this.flags = new FlagChecks(
                config.offline(),
                timeout -> clients.singleAttempt(dev.schematic.api.features.FeaturesHttp.class, timeout),
                cache,
                defaults,
                config.checks(),
                config.maxRetries(),
                new RetryPolicy(config.maxRetries(), config.retryBackoff()));
        this.events = new EventBuffer(
                this::sendBatch,
                config.eventsBatchSize(),
                config.eventsFlushInterval(),
                config.eventsMaxQueue(),
                config.eventsMaxRetries(),
                config.eventsRetryBackoff(),
                config.eventsShutdownTimeout());
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
                    0, 256, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), DaemonThreads.named("schematic-async"));
            this.executor = ownExecutor;
        } else {
            this.ownExecutor = null;
            this.executor = executor;
        }
    }

    private void sendBatch(List<CaptureEvent> batch) {
        CaptureApi capture = clients.client(CaptureApi.class, config.eventCaptureUrl(), config.eventsTimeout());
        try (Response response = capture.sendBatch(new CaptureBatch(batch))) {
            // non-2xx answers are thrown by the error mapper; the body is not needed
        }
    }

    // ---- flags

    @Override
    public FlagCheck checkFlagDetailed(
            String flagKey, Map<String, String> company, Map<String, String> user, CheckOptions options) {
        if (closed) {
            return flags.closedDefault(
                    flagKey, options != null ? options.defaultValue().orElse(null) : null);
        }
        if (dataStream != null) {
            long now = clock.millis();
            LocalAnswer local = dataStream.answer(flagKey, company, user, now);
            if (local != null) {
                // a repeated answer comes with the body its first event had: only the timestamp is new
                enqueue(
                        "flag_check",
                        EventBodies.flagCheck(
                                config.apiKey(),
                                local.derived(SchematicClient::flagCheckBody),
                                Instant.ofEpochMilli(now)));
                return local.check();
            }
        }
        return flags.check(flagKey, company, user, options);
    }

    @Override
    public List<FlagCheck> checkFlags(List<String> flagKeys, Map<String, String> company, Map<String, String> user) {
        if (closed) {
            return flags.closedDefaults(flagKeys);
        }
        if (dataStream != null) {
            List<FlagCheck> local = dataStream.checkAll(flagKeys, company, user);
            if (local != null) {
                return local;
            }
        }
        return flags.checkAll(flagKeys, company, user);
    }

    @Override
    public DataStreamStatus dataStream() {
        return dataStream == null ? DataStreamStatus.DISABLED : dataStream.status();
    }

    @Override
    public CircuitBreakerStatus circuitBreaker() {
        return flags.circuitBreaker();
    }

    @Override
    public boolean isReady() {
        return dataStream == null || dataStream.isReady();
    }

    @Override
    public boolean awaitReady(Duration timeout) {
        return dataStream == null || dataStream.awaitReady(timeout);
    }

    @Override
    public void setFlagDefault(String flagKey, boolean value) {
        defaults.set(flagKey, value);
    }

    @Override
    public void setFlagDefaults(Map<String, Boolean> values) {
        defaults.setAll(values);
    }

    // ---- events

    @Override
    public void identify(Identify identify) {
        enqueue("identify", () -> EventBodies.identify(config.apiKey(), identify));
    }

    @Override
    public void track(Track track) {
        enqueue("track", () -> EventBodies.track(config.apiKey(), track));
        if (dataStream != null && track != null && track.event() != null) {
            try {
                dataStream.recordUsage(track.event(), track.company(), track.quantity() == null ? 1 : track.quantity());
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "Schematic local usage update failed: " + e);
            }
        }
    }

    private static EventBodies.FlagCheckBody flagCheckBody(LocalAnswer a) {
        FlagCheck c = a.check();
        return EventBodies.flagCheckBody(
                c.flag(),
                c.value(),
                c.reason(),
                c.flagId(),
                c.ruleId(),
                c.companyId(),
                c.userId(),
                a.company(),
                a.user(),
                c.error());
    }

    private void enqueue(String type, CaptureEvent event) {
        if (config.offline()) {
            events.discardOffline();
            return;
        }
        try {
            events.submit(event);
            if (!hookRegistered) {
                registerShutdownHook();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Schematic " + type + " event not sent: " + e.getMessage());
        }
    }

    private void enqueue(String type, Supplier<CaptureEvent> event) {
        if (config.offline()) {
            events.discardOffline();
            return;
        }
        CaptureEvent e;
        try {
            e = event.get();
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "Schematic " + type + " event not sent: " + ex.getMessage());
            return;
        }
        enqueue(type, e);
    }

    /**
     * Queued events are sent even if the application forgets {@link #close()}: the first event registers a JVM
     * shutdown hook, which close() removes again (so a closed client leaves nothing behind in an app server).
     */
    private synchronized void registerShutdownHook() {
        if (hookRegistered || closed) {
            return;
        }
        try {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            hookRegistered = true;
        } catch (IllegalStateException | SecurityException e) {
            hookRegistered = true; // shutting down already, or not allowed: close() is the only flush
        }
    }

    @Override
    public EventStats eventStats() {
        return events.stats();
    }

    @Override
    public void flush() {
        events.flush().join();
    }

    // ---- typed API

    @Override
    public ApiResources withOptions(RequestOptions options) {
        if (config.offline()) {
            return api;
        }
        return new ApiResourceClients(new ClientFactory() {
            @Override
            public <T> T client(Class<T> apiInterface) {
                return clients.client(apiInterface, options);
            }
        });
    }

    @Override
    public AccessTokensApi accessTokens() {
        return api.accessTokens();
    }

    @Override
    public AccountsApi accounts() {
        return api.accounts();
    }

    @Override
    public BillingApi billing() {
        return api.billing();
    }

    @Override
    public CatalogsApi catalogs() {
        return api.catalogs();
    }

    @Override
    public CheckoutApi checkout() {
        return api.checkout();
    }

    @Override
    public CompaniesApi companies() {
        return api.companies();
    }

    @Override
    public ComponentsApi components() {
        return api.components();
    }

    @Override
    public ComponentsPublicApi componentsPublic() {
        return api.componentsPublic();
    }

    @Override
    public CreditsApi credits() {
        return api.credits();
    }

    @Override
    public DataExportsApi dataExports() {
        return api.dataExports();
    }

    @Override
    public EntitlementsApi entitlements() {
        return api.entitlements();
    }

    @Override
    public EventsApi events() {
        return api.events();
    }

    @Override
    public FeaturesApi features() {
        return api.features();
    }

    @Override
    public InsightsApi insights() {
        return api.insights();
    }

    @Override
    public IntegrationsApi integrations() {
        return api.integrations();
    }

    @Override
    public LicensesApi licenses() {
        return api.licenses();
    }

    @Override
    public PlanBundlesApi planBundles() {
        return api.planBundles();
    }

    @Override
    public PlanGroupsApi planGroups() {
        return api.planGroups();
    }

    @Override
    public PlanMigrationsApi planMigrations() {
        return api.planMigrations();
    }

    @Override
    public PlansApi plans() {
        return api.plans();
    }

    @Override
    public ScheduledCheckoutApi scheduledCheckout() {
        return api.scheduledCheckout();
    }

    @Override
    public WebhooksApi webhooks() {
        return api.webhooks();
    }

    // ---- lifecycle

    @Override
    public AsyncSchematic async() {
        return async;
    }

    @Override
    public SchematicConfig config() {
        return config;
    }

    @Override
    public void start() {
        flags.prepare();
        if (!config.offline() && cache.enabled()) {
            cache.awaitStarted(Duration.ofSeconds(30));
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (hookRegistered && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException | SecurityException e) {
                // the JVM is shutting down: the hook runs close() anyway
            }
        }
        try {
            if (dataStream != null) {
                dataStream.close();
            }
            events.close();
        } finally {
            cache.close();
            clients.close();
            if (ownExecutor != null) {
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
        EventStats stats = events.stats();
        LOG.log(
                Level.DEBUG,
                "Schematic client closed: {0} events delivered, {1} dropped, {2} failed",
                stats.delivered(),
                stats.dropped(),
                stats.failed());
    }

    @Override
    public String toString() {
        return "Schematic[" + config.baseUrl() + (config.offline() ? ", offline" : "") + (closed ? ", closed" : "")
                + "]";
    }

    /** The non-blocking view: each call runs on the executor, never on the caller's thread. */
    private final class AsyncView implements AsyncSchematic {
        @Override
        public CompletionStage<FlagCheck> checkFlagDetailed(
                String flagKey, Map<String, String> company, Map<String, String> user, CheckOptions options) {
            return supplyOr(
                    () -> SchematicClient.this.checkFlagDetailed(flagKey, company, user, options),
                    why -> flags.withoutApi(flagKey, company, user, options, why));
        }

        @Override
        public CompletionStage<List<FlagCheck>> checkFlags(
                List<String> flagKeys, Map<String, String> company, Map<String, String> user) {
            return supplyOr(
                    () -> SchematicClient.this.checkFlags(flagKeys, company, user),
                    why -> flags.allWithoutApi(flagKeys, company, user, why));
        }

        @Override
        public CompletionStage<Void> identify(Identify identify) {
            return supply(() -> {
                SchematicClient.this.identify(identify);
                return null;
            });
        }

        @Override
        public CompletionStage<Void> track(Track track) {
            return supply(() -> {
                SchematicClient.this.track(track);
                return null;
            });
        }

        @Override
        public <T> CompletionStage<T> api(Function<ApiResources, T> call) {
            return supply(() -> call.apply(SchematicClient.this));
        }

        @Override
        public CompletionStage<Void> flush() {
            return supply(() -> null).thenCompose(ignored -> events.flush());
        }

        @Override
        public CompletionStage<Boolean> awaitReady(Duration timeout) {
            if (dataStream == null || dataStream.isReady()) {
                return CompletableFuture.completedFuture(true);
            }
            return supply(() -> dataStream.awaitReady(timeout));
        }

        @Override
        public Schematic sync() {
            return SchematicClient.this;
        }

        /**
         * A check on the executor that never fails: when the executor refuses the task (pool full, shut down) or the
         * check throws, it completes at once with {@code otherwise} (cache, stale or default; no I/O).
         */
        private <T> CompletableFuture<T> supplyOr(Supplier<T> work, Function<String, T> otherwise) {
            Supplier<T> neverThrows = () -> {
                try {
                    return work.get();
                } catch (RuntimeException e) {
                    return otherwise.apply(String.valueOf(e));
                }
            };
            try {
                // completes on the executor's thread (no dependent stage that could complete on the caller's)
                return CompletableFuture.supplyAsync(neverThrows, executor);
            } catch (RuntimeException rejected) {
                return CompletableFuture.completedFuture(
                        otherwise.apply("no thread free for the async check (" + rejected + ")"));
            }
        }

        private <T> CompletableFuture<T> supply(Supplier<T> work) {
            try {
                return CompletableFuture.supplyAsync(work, executor);
            } catch (RuntimeException rejected) {
                return CompletableFuture.failedFuture(rejected);
            }
        }
    }

    /** In offline mode the typed API makes no request: every call fails with a message saying why. */
    private static final ClientFactory OFFLINE_CLIENTS = new ClientFactory() {
        @Override
        public <T> T client(Class<T> apiInterface) {
            return apiInterface.cast(Proxy.newProxyInstance(
                    apiInterface.getClassLoader(), new Class<?>[] {apiInterface}, (proxy, method, args) -> {
                        if (method.getDeclaringClass() == Object.class) {
                            return method.getName().equals("toString")
                                    ? "offline " + apiInterface.getSimpleName()
                                    : method.getName().equals("hashCode")
                                            ? System.identityHashCode(proxy)
                                            : proxy == args[0];
                        }
                        throw new IllegalStateException("Schematic is offline (schematic.offline=true): "
                                + apiInterface.getSimpleName() + "." + method.getName() + " makes no request");
                    }));
        }
    };
}
