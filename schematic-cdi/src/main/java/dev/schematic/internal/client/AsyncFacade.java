package dev.schematic.internal.client;

import dev.schematic.AsyncSchematic;
import dev.schematic.CheckOptions;
import dev.schematic.EvaluationContext;
import dev.schematic.FlagCheck;
import dev.schematic.Identify;
import dev.schematic.Schematic;
import dev.schematic.Track;
import dev.schematic.api.ApiResources;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The non-blocking view: a check runs on the executor and never fails (a refused task or a failing check completes
 * with the answer available without I/O); events are queued on the caller's thread (queuing never blocks).
 */
final class AsyncFacade implements AsyncSchematic {
    private final Schematic sync;
    private final SchematicRuntime rt;
    private final FlagService checks;

    AsyncFacade(Schematic sync, SchematicRuntime runtime, FlagService checks) {
        this.sync = sync;
        this.rt = runtime;
        this.checks = checks;
    }

    @Override
    public CompletionStage<FlagCheck> checkFlagDetailed(
            String flagKey, EvaluationContext context, CheckOptions options) {
        return supplyOr(
                () -> checks.check(flagKey, context, options),
                why -> checks.withoutApi(flagKey, context, options, why));
    }

    @Override
    public CompletionStage<List<FlagCheck>> checkFlags(List<String> flagKeys, EvaluationContext context) {
        return supplyOr(() -> checks.checkAll(flagKeys, context), why -> checks.allWithoutApi(flagKeys, context, why));
    }

    @Override
    public CompletionStage<Void> identify(Identify identify) {
        sync.identify(identify); // queues; never blocks, never throws
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> track(Track track) {
        sync.track(track); // queues; never blocks, never throws
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public <T> CompletionStage<T> api(Function<ApiResources, T> call) {
        try {
            return CompletableFuture.supplyAsync(() -> call.apply(sync), rt.executor);
        } catch (RuntimeException rejected) {
            return CompletableFuture.failedFuture(rejected);
        }
    }

    @Override
    public CompletionStage<Void> flush() {
        return rt.events.flush();
    }

    @Override
    public CompletionStage<Boolean> awaitReady(Duration timeout) {
        if (rt.dataStream == null || rt.dataStream.isReady()) {
            return CompletableFuture.completedFuture(true);
        }
        return supplyOr(() -> rt.dataStream.awaitReady(timeout), why -> rt.dataStream.isReady());
    }

    SchematicRuntime runtime() {
        return rt;
    }

    @Override
    public Schematic sync() {
        return sync;
    }

    /**
     * Work on the executor that never fails: when the executor refuses the task (pool full, shut down) or the work
     * throws, it completes with {@code otherwise} (which makes no I/O).
     */
    private <T> CompletableFuture<T> supplyOr(Supplier<T> work, Function<String, T> otherwise) {
        // the caller's OpenTelemetry context goes along, so the check's span event lands on the caller's span
        Supplier<T> neverThrows = rt.telemetry.onCallersContext(() -> {
            try {
                return work.get();
            } catch (RuntimeException e) {
                return otherwise.apply(String.valueOf(e));
            }
        });
        try {
            // completes on the executor's thread (no dependent stage that could complete on the caller's)
            return CompletableFuture.supplyAsync(neverThrows, rt.executor);
        } catch (RuntimeException rejected) {
            return CompletableFuture.completedFuture(
                    otherwise.apply("no thread free for the async check (" + rejected + ")"));
        }
    }
}
