package dev.schematic;

import dev.schematic.api.ApiResources;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The non-blocking face of the client: every method returns at once. Shares lifecycle, cache, defaults and event
 * queue with {@link Schematic}, and has every shortcut it has.
 *
 * <pre>{@code
 * @Inject AsyncSchematic schematic;
 * schematic.checkFlag("new-editor", EvaluationContext.company("id", companyId)).thenAccept(on -> ...);
 * schematic.api(api -> api.companies().getCompany("comp_1")).thenAccept(c -> ...);
 * }</pre>
 *
 * <p><b>Checks never complete exceptionally</b>: on any failure they complete with the flag's default, and when no
 * thread of the SDK's executor (a managed executor in a Jakarta EE server, else a bounded pool of its own) is free,
 * they complete at once from the cache or with the default, without I/O. Checks that need the API complete on the
 * executor, never on the caller's thread. {@link #identify} and {@link #track} only queue (they never block) and
 * complete once queued. Only {@link #api} completes exceptionally, with a {@link SchematicException}.
 */
public interface AsyncSchematic {

    /** See {@link Schematic#checkFlag(String)}; never fails. */
    default CompletionStage<Boolean> checkFlag(String flagKey) {
        return checkFlag(flagKey, EvaluationContext.empty());
    }

    /** See {@link Schematic#checkFlag(String, EvaluationContext)}; completes with the default on any failure. */
    default CompletionStage<Boolean> checkFlag(String flagKey, EvaluationContext context) {
        return checkFlagDetailed(flagKey, context, CheckOptions.NONE).thenApply(FlagCheck::value);
    }

    /** See {@link Schematic#checkFlag(String, EvaluationContext, CheckOptions)}; never fails. */
    default CompletionStage<Boolean> checkFlag(String flagKey, EvaluationContext context, CheckOptions options) {
        return checkFlagDetailed(flagKey, context, options).thenApply(FlagCheck::value);
    }

    /** See {@link Schematic#checkFlagDetailed(String, EvaluationContext)}; never fails. */
    default CompletionStage<FlagCheck> checkFlagDetailed(String flagKey, EvaluationContext context) {
        return checkFlagDetailed(flagKey, context, CheckOptions.NONE);
    }

    /** See {@link Schematic#checkFlagDetailed(String, EvaluationContext, CheckOptions)}; never fails. */
    CompletionStage<FlagCheck> checkFlagDetailed(String flagKey, EvaluationContext context, CheckOptions options);

    /** See {@link Schematic#checkFlags(List, EvaluationContext)}; never fails. */
    CompletionStage<List<FlagCheck>> checkFlags(List<String> flagKeys, EvaluationContext context);

    /** Map sugar for {@link #checkFlag(String, EvaluationContext)}; never fails. */
    default CompletionStage<Boolean> checkFlag(String flagKey, Map<String, String> company, Map<String, String> user) {
        return checkFlag(flagKey, EvaluationContext.of(company, user));
    }

    /** Map sugar for {@link #checkFlag(String, EvaluationContext, CheckOptions)}; never fails. */
    default CompletionStage<Boolean> checkFlag(
            String flagKey, Map<String, String> company, Map<String, String> user, CheckOptions options) {
        return checkFlag(flagKey, EvaluationContext.of(company, user), options);
    }

    /** Map sugar for {@link #checkFlagDetailed(String, EvaluationContext)}; never fails. */
    default CompletionStage<FlagCheck> checkFlagDetailed(
            String flagKey, Map<String, String> company, Map<String, String> user) {
        return checkFlagDetailed(flagKey, EvaluationContext.of(company, user), CheckOptions.NONE);
    }

    /** Map sugar for {@link #checkFlagDetailed(String, EvaluationContext, CheckOptions)}; never fails. */
    default CompletionStage<FlagCheck> checkFlagDetailed(
            String flagKey, Map<String, String> company, Map<String, String> user, CheckOptions options) {
        return checkFlagDetailed(flagKey, EvaluationContext.of(company, user), options);
    }

    /** Map sugar for {@link #checkFlags(List, EvaluationContext)}; never fails. */
    default CompletionStage<List<FlagCheck>> checkFlags(
            List<String> flagKeys, Map<String, String> company, Map<String, String> user) {
        return checkFlags(flagKeys, EvaluationContext.of(company, user));
    }

    /** See {@link Schematic#setFlagDefault(String, boolean)} (takes effect at once). */
    default void setFlagDefault(String flagKey, boolean value) {
        sync().setFlagDefault(flagKey, value);
    }

    /** See {@link Schematic#setFlagDefaults(Map)} (takes effect at once). */
    default void setFlagDefaults(Map<String, Boolean> defaults) {
        sync().setFlagDefaults(defaults);
    }

    /** See {@link Schematic#identify(EvaluationContext)}; completes once queued, never fails. */
    default CompletionStage<Void> identify(EvaluationContext context) {
        return identify(Identify.of(context).build());
    }

    /** See {@link Schematic#identify(EvaluationContext, String, Map)}; completes once queued, never fails. */
    default CompletionStage<Void> identify(EvaluationContext context, String name, Map<String, ?> traits) {
        return identify(Identify.of(context).name(name).traits(traits).build());
    }

    /** See {@link Schematic#identify(Map)}; completes once queued, never fails. */
    default CompletionStage<Void> identify(Map<String, String> keys) {
        return identify(Identify.user(keys).build());
    }

    /** See {@link Schematic#identify(Map, String, Map)}; completes once queued, never fails. */
    default CompletionStage<Void> identify(Map<String, String> keys, String name, Map<String, ?> traits) {
        return identify(Identify.user(keys).name(name).traits(traits).build());
    }

    /** Queues an identify event; completes once queued, never fails. */
    CompletionStage<Void> identify(Identify identify);

    /** See {@link Schematic#track(String, EvaluationContext)}; completes once queued, never fails. */
    default CompletionStage<Void> track(String event, EvaluationContext context) {
        return track(Track.event(event).context(context).build());
    }

    /** See {@link Schematic#track(String, EvaluationContext, long)}; completes once queued, never fails. */
    default CompletionStage<Void> track(String event, EvaluationContext context, long quantity) {
        return track(Track.event(event).context(context).quantity(quantity).build());
    }

    /** See {@link Schematic#track(String, EvaluationContext, long, Map)}; completes once queued, never fails. */
    default CompletionStage<Void> track(String event, EvaluationContext context, long quantity, Map<String, ?> traits) {
        return track(Track.event(event)
                .context(context)
                .quantity(quantity)
                .traits(traits)
                .build());
    }

    /** See {@link Schematic#track(String, Map, Map)}; completes once queued, never fails. */
    default CompletionStage<Void> track(String event, Map<String, String> company, Map<String, String> user) {
        return track(event, EvaluationContext.of(company, user));
    }

    /** See {@link Schematic#track(String, Map, Map, Map, long)}; completes once queued, never fails. */
    default CompletionStage<Void> track(
            String event, Map<String, String> company, Map<String, String> user, Map<String, ?> traits, long quantity) {
        return track(event, EvaluationContext.of(company, user), quantity, traits);
    }

    /** Queues a track event; completes once queued, never fails. */
    CompletionStage<Void> track(Track track);

    /**
     * Runs any typed API call off the caller's thread: {@code api(a -> a.plans().listPlans())}. Fails with the
     * {@link SchematicException} the call throws (for example {@link SchematicApiException} for non-2xx answers).
     */
    <T> CompletionStage<T> api(Function<ApiResources, T> call);

    /** Sends queued events; completes when they are delivered or given up on. */
    CompletionStage<Void> flush();

    /** See {@link Schematic#eventStats()}; never blocks. */
    default EventStats eventStats() {
        return sync().eventStats();
    }

    /** See {@link Schematic#dataStream()}; never blocks. */
    default DataStreamStatus dataStream() {
        return sync().dataStream();
    }

    /**
     * See {@link Schematic#onFlagsChanged}: the same listeners (called on the DataStream worker thread); never blocks.
     *
     * @return the registration; {@link FlagsChanged.Registration#close()} removes the listener
     */
    default FlagsChanged.Registration onFlagsChanged(java.util.function.Consumer<FlagsChanged> listener) {
        return sync().onFlagsChanged(listener);
    }

    /** See {@link Schematic#circuitBreaker()}; never blocks. */
    default CircuitBreakerStatus circuitBreaker() {
        return sync().circuitBreaker();
    }

    /** See {@link Schematic#config()}: the same settings view. */
    default SchematicSettings config() {
        return sync().config();
    }

    /** See {@link Schematic#isReady()}; never blocks. */
    default boolean isReady() {
        return sync().isReady();
    }

    /** Completes with true once {@link Schematic#isReady()}, or false after {@code timeout}; never blocks. */
    CompletionStage<Boolean> awaitReady(Duration timeout);

    /** The blocking view of this client. */
    Schematic sync();
}
