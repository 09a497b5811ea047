package dev.schematic.internal.telemetry;

import dev.schematic.EvaluationContext;
import dev.schematic.FlagCheck;

/**
 * Told of every finished flag check, on the checking thread, after the answer is known. Must be quick and must not
 * throw (the {@link Telemetry} hub catches and logs once if it does).
 */
@FunctionalInterface
public interface CheckObserver {
    /**
     * @param check the answer the application gets (its {@link FlagCheck#source()} and reason say where it came from)
     * @param context the evaluation context as the application passed it (may be null)
     * @param nanos how long the check took, or {@code -1} when it was part of a batch ({@code checkFlags})
     */
    void checked(FlagCheck check, EvaluationContext context, long nanos);
}
