package dev.schematic.openfeature;

import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.EventProvider;
import dev.openfeature.sdk.Hook;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.ProviderEventDetails;
import dev.openfeature.sdk.TrackingEventDetails;
import dev.openfeature.sdk.Value;
import dev.openfeature.sdk.exceptions.GeneralError;
import dev.openfeature.sdk.exceptions.InvalidContextError;
import dev.schematic.DataStreamState;
import dev.schematic.DataStreamStatus;
import dev.schematic.FlagCheck;
import dev.schematic.FlagsChanged;
import dev.schematic.Schematic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Schematic behind OpenFeature: a provider named {@code schematic} that answers boolean flags through
 * {@link Schematic#checkFlagDetailed} (local evaluation with DataStream, the REST API otherwise), turns the DataStream
 * state into provider events and OpenFeature's {@code track} into Schematic track events. See docs/openfeature.md.
 *
 * <pre>{@code
 * Schematic schematic = Schematic.builder().apiKey(key).build();
 * OpenFeatureAPI.getInstance().setProviderAndWait(new SchematicProvider(schematic));
 * Client client = OpenFeatureAPI.getInstance().getClient();
 * boolean on = client.getBooleanValue("new-editor", false,
 *         new ImmutableContext(Map.of("company", new Value(new ImmutableStructure(Map.of("id", new Value("acme")))))));
 * }</pre>
 *
 * <p>The provider does not own the {@link Schematic} client: {@code shutdown} flushes its events but does not close
 * it.
 */
public final class SchematicProvider extends EventProvider {
    /** The provider's name in OpenFeature's metadata. */
    public static final String NAME = "schematic";

    private static final Metadata METADATA = () -> NAME;
    private static final List<Hook> NO_HOOKS = List.of();

    private final Schematic schematic;
    private final SchematicProviderOptions options;
    private final ContextMapper mapper;
    private final EvaluationMemo evaluations = new EvaluationMemo();
    private StateWatcher watcher;
    private FlagsChanged.Registration flagsChanged;

    /** A provider over this client with {@link SchematicProviderOptions#defaults()}. */
    public SchematicProvider(Schematic schematic) {
        this(schematic, SchematicProviderOptions.defaults());
    }

    /** A provider over this client. */
    public SchematicProvider(Schematic schematic, SchematicProviderOptions options) {
        this.schematic = Objects.requireNonNull(schematic, "schematic");
        this.options = Objects.requireNonNull(options, "options");
        this.mapper = new ContextMapper(options.targetingKeyAsUserKey());
    }

    @Override
    public Metadata getMetadata() {
        return METADATA;
    }

    /**
     * Starts the client's lazily started parts ({@link Schematic#start()}: the check cache). Without DataStream: then
     * ready. With it: waits at most {@link SchematicProviderOptions#initTimeout()} for the
     * DataStream to be ready, then follows its state; on timeout (or when it stopped for good) fails with a
     * {@code GENERAL} error, so the provider starts in {@code ERROR} while checks go to the REST API, and turns
     * {@code READY} when the DataStream does.
     */
    @Override
    public synchronized void initialize(EvaluationContext evaluationContext) throws Exception {
        if (watcher != null) {
            return;
        }
        schematic.start();
        DataStreamStatus status = schematic.dataStream();
        if (status.state() == DataStreamState.DISABLED) {
            return;
        }
        boolean ready = schematic.awaitReady(options.initTimeout());
        DataStreamStatus now = schematic.dataStream();
        watcher = new StateWatcher(schematic, this, now, options.pollInterval());
        // registered once the first snapshot is in (when ready): later pushes announce only what they change
        flagsChanged = schematic.onFlagsChanged(this::configurationChanged);
        if (!ready) {
            throw new GeneralError("Schematic DataStream not ready within " + options.initTimeout() + " (" + now.state()
                    + ": " + now.reason() + "); flag checks use the REST API until it is");
        }
    }

    /** Stops following the DataStream state and sends the queued Schematic events (the client stays open). */
    @Override
    public void shutdown() {
        synchronized (this) {
            if (flagsChanged != null) {
                flagsChanged.close();
                flagsChanged = null;
            }
            if (watcher != null) {
                watcher.close();
                watcher = null;
            }
        }
        schematic.flush();
        super.shutdown();
    }

    /** DataStream pushed flag definitions: {@code PROVIDER_CONFIGURATION_CHANGED} with their keys, sorted. */
    private void configurationChanged(FlagsChanged change) {
        List<String> keys = new ArrayList<>(change.keys());
        Collections.sort(keys);
        emitProviderConfigurationChanged(ProviderEventDetails.builder()
                .flagsChanged(keys)
                .message(keys.size() + " flag definition(s) changed"
                        + (change.removed().isEmpty() ? "" : ", removed: " + new TreeSet<>(change.removed())))
                .build());
    }

    /**
     * None: one shared, unmodifiable empty list. OpenFeature's client asks for the provider's hooks on every
     * evaluation (it copies them into its own list), and the interface's default makes a new {@code ArrayList} each
     * time (24 bytes per check).
     */
    @Override
    public List<Hook> getProviderHooks() {
        return NO_HOOKS;
    }

    @Override
    public ProviderEvaluation<Boolean> getBooleanEvaluation(String key, Boolean defaultValue, EvaluationContext ctx) {
        boolean fallback = defaultValue != null && defaultValue;
        try {
            FlagCheck check = mapper.check(schematic, key, fallback, ctx);
            return evaluations.of(check);
        } catch (InvalidContextError e) {
            return Evaluations.error(fallback, ErrorCode.INVALID_CONTEXT, e.getMessage());
        }
    }

    @Override
    public ProviderEvaluation<String> getStringEvaluation(String key, String defaultValue, EvaluationContext ctx) {
        return Evaluations.typeMismatch(key, defaultValue, "string");
    }

    @Override
    public ProviderEvaluation<Integer> getIntegerEvaluation(String key, Integer defaultValue, EvaluationContext ctx) {
        return Evaluations.typeMismatch(key, defaultValue, "integer");
    }

    @Override
    public ProviderEvaluation<Double> getDoubleEvaluation(String key, Double defaultValue, EvaluationContext ctx) {
        return Evaluations.typeMismatch(key, defaultValue, "double");
    }

    @Override
    public ProviderEvaluation<Value> getObjectEvaluation(String key, Value defaultValue, EvaluationContext ctx) {
        return Evaluations.typeMismatch(key, defaultValue, "object");
    }

    /**
     * A Schematic track event named {@code eventName}, for the context's company and user; the details' value is the
     * quantity (rounded to a whole number), its other fields are traits. Never blocks.
     *
     * @throws InvalidContextError when the context's {@code company} or {@code user} is not a structure of keys
     */
    @Override
    public void track(String eventName, EvaluationContext context, TrackingEventDetails details) {
        mapper.track(schematic, eventName, context, details);
    }
}
