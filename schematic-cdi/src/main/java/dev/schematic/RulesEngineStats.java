package dev.schematic;

import dev.schematic.internal.rules.RulesEngine;

/**
 * Counters of a {@link RulesEngine} since it was created.
 *
 * @param evaluations every call of {@code evaluate}
 * @param memoHits results served from the memo
 * @param engineCalls evaluations that ran the WASM module
 * @param rejected engine calls that returned status −1
 * @param traps engine calls that trapped
 * @param malformedOutputs engine calls whose output could not be read
 * @param unavailable evaluations answered while the module could not be loaded
 * @param instances WASM instances alive now (idle or in use)
 * @param instancesCreated WASM instances created (instances that trapped are replaced)
 * @param memoEntries entries in the memo now
 */
public record RulesEngineStats(
        long evaluations,
        long memoHits,
        long engineCalls,
        long rejected,
        long traps,
        long malformedOutputs,
        long unavailable,
        int instances,
        long instancesCreated,
        int memoEntries) {

    /** All failures: rejected + traps + malformed outputs + unavailable. */
    public long failures() {
        return rejected + traps + malformedOutputs + unavailable;
    }
}
