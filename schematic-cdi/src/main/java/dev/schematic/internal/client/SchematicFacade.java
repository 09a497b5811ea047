package dev.schematic.internal.client;

import dev.schematic.AsyncSchematic;
import dev.schematic.CheckOptions;
import dev.schematic.CircuitBreakerStatus;
import dev.schematic.DataStreamStatus;
import dev.schematic.EvaluationContext;
import dev.schematic.EventStats;
import dev.schematic.FlagCheck;
import dev.schematic.FlagsChanged;
import dev.schematic.Identify;
import dev.schematic.RequestOptions;
import dev.schematic.Schematic;
import dev.schematic.SchematicSettings;
import dev.schematic.Track;
import dev.schematic.api.ApiResourceClients;
import dev.schematic.api.ApiResources;
import dev.schematic.api.ClientFactory;
import dev.schematic.internal.events.EventBodies;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** The one implementation of {@link Schematic}: forwards each call to the runtime's parts. */
final class SchematicFacade extends ApiForwarding implements Schematic {
    private static final System.Logger LOG = System.getLogger(SchematicFacade.class.getName());

    private final SchematicRuntime rt;
    private final FlagService checks;
    private final AsyncFacade async;
    /** Owned by a container (CDI, Quarkus): application code cannot close it. */
    private final boolean containerManaged;

    private final AtomicBoolean closeWarned = new AtomicBoolean();
    private final SchematicSettings settings;

    SchematicFacade(SchematicRuntime runtime, boolean containerManaged) {
        this.rt = runtime;
        this.settings = runtime.config.settings();
        this.checks = new FlagService(runtime);
        this.async = new AsyncFacade(this, runtime, checks);
        this.containerManaged = containerManaged;
    }

    SchematicRuntime runtime() {
        return rt;
    }

    @Override
    ApiResources api() {
        return rt.api;
    }

    // ---- flags

    @Override
    public FlagCheck checkFlagDetailed(String flagKey, EvaluationContext context, CheckOptions options) {
        return checks.check(flagKey, context, options);
    }

    @Override
    public List<FlagCheck> checkFlags(List<String> flagKeys, EvaluationContext context) {
        return checks.checkAll(flagKeys, context);
    }

    @Override
    public void setFlagDefault(String flagKey, boolean value) {
        rt.defaults.set(flagKey, value);
    }

    @Override
    public void setFlagDefaults(Map<String, Boolean> values) {
        rt.defaults.setAll(values);
    }

    @Override
    public DataStreamStatus dataStream() {
        return rt.dataStream == null ? DataStreamStatus.DISABLED : rt.dataStream.status();
    }

    @Override
    public FlagsChanged.Registration onFlagsChanged(Consumer<FlagsChanged> listener) {
        Objects.requireNonNull(listener, "listener");
        return rt.dataStream == null ? () -> {} : rt.dataStream.onFlagsChanged(listener);
    }

    @Override
    public CircuitBreakerStatus circuitBreaker() {
        return rt.flags.circuitBreaker();
    }

    @Override
    public boolean isReady() {
        return rt.dataStream == null || rt.dataStream.isReady();
    }

    @Override
    public boolean awaitReady(Duration timeout) {
        return rt.dataStream == null || rt.dataStream.awaitReady(timeout);
    }

    // ---- events

    @Override
    public void identify(Identify identify) {
        rt.publisher.publish("identify", () -> EventBodies.identify(rt.config.apiKey(), identify));
    }

    @Override
    public void track(Track track) {
        rt.publisher.publish("track", () -> EventBodies.track(rt.config.apiKey(), track));
        if (rt.dataStream != null && track != null && track.event() != null) {
            try {
                rt.dataStream.recordUsage(
                        track.event(), track.company(), track.quantity() == null ? 1 : track.quantity());
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "Schematic local usage update failed: " + e);
            }
        }
    }

    @Override
    public EventStats eventStats() {
        return rt.events.stats();
    }

    @Override
    public void flush() {
        rt.events.flush().join();
    }

    // ---- typed API

    @Override
    public ApiResources withOptions(RequestOptions options) {
        if (rt.config.offline()) {
            return rt.api;
        }
        return new ApiResourceClients(new ClientFactory() {
            @Override
            public <T> T client(Class<T> apiInterface) {
                return rt.clients.client(apiInterface, options);
            }
        });
    }

    // ---- lifecycle

    @Override
    public AsyncSchematic async() {
        return async;
    }

    @Override
    public SchematicSettings config() {
        return settings;
    }

    @Override
    public void start() {
        rt.start();
    }

    @Override
    public void close() {
        if (containerManaged && !SchematicRuntime.containerClosing()) {
            if (closeWarned.compareAndSet(false, true)) {
                LOG.log(
                        Level.WARNING,
                        "Schematic.close() on the injected client does nothing: the container closes it when the"
                                + " application stops (call flush() to send queued events now)");
            }
            return;
        }
        rt.close();
    }

    @Override
    public String toString() {
        return "Schematic[" + rt.config.baseUrl() + (rt.config.offline() ? ", offline" : "")
                + (rt.closed() ? ", closed" : "") + "]";
    }
}
