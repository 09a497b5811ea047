package dev.schematic;

import dev.schematic.api.ApiResources;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The non-blocking face of the client: every method returns at once and completes on the SDK's executor (a managed
 * executor in a Jakarta EE server when one is available), never on the caller's thread. Shares lifecycle, cache,
 * defaults and event queue with {@link Schematic}.
 *
 * <pre>{@code
 * @Inject AsyncSchematic schematic;
 * schematic.checkFlag("new-editor", Map.of("id", companyId), Map.of()).thenAccept(on -> ...);
 * schematic.api(api -> api.companies().getCompany("comp_1")).thenAccept(c -> ...);
 * }</pre>
 */
public interface AsyncSchematic {

    /** See {@link Schematic#checkFlag(String, Map, Map)}; completes with the default on any failure, never fails. */
    default CompletionStage<Boolean> checkFlag(String flagKey, Map<String, String> company, Map<String, String> user) {
        return checkFlagDetailed(flagKey, company, user, CheckOptions.NONE).thenApply(FlagCheck::value);
    }

    /** See {@link Schematic#checkFlagDetailed(String, Map, Map, CheckOptions)}; never fails. */
    CompletionStage<FlagCheck> checkFlagDetailed(
            String flagKey, Map<String, String> company, Map<String, String> user, CheckOptions options);

    /** See {@link Schematic#checkFlags(List, Map, Map)}; never fails. */
    CompletionStage<List<FlagCheck>> checkFlags(
            List<String> flagKeys, Map<String, String> company, Map<String, String> user);

    /** Queues an identify event; completes once queued. */
    CompletionStage<Void> identify(Identify identify);

    /** Queues a track event; completes once queued. */
    CompletionStage<Void> track(Track track);

    /**
     * Runs any typed API call off the caller's thread: {@code api(a -> a.plans().listPlans())}. Fails with
     * {@link SchematicApiException} for non-2xx answers.
     */
    <T> CompletionStage<T> api(Function<ApiResources, T> call);

    /** Sends queued events; completes when they are delivered or given up on. */
    CompletionStage<Void> flush();

    /** See {@link Schematic#isReady()}; never blocks. */
    default boolean isReady() {
        return sync().isReady();
    }

    /** Completes with true once {@link Schematic#isReady()}, or false after {@code timeout}; never blocks. */
    default CompletionStage<Boolean> awaitReady(Duration timeout) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> sync().awaitReady(timeout));
    }

    /** The blocking view of this client. */
    Schematic sync();
}
