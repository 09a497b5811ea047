package dev.schematic.internal.telemetry;

import java.util.function.Supplier;

/**
 * What an async check takes from the caller's thread to the executor's: with OpenTelemetry, the caller's current
 * context, so the check's {@code feature_flag.evaluation} event lands on the caller's span (not on whatever the
 * executor thread has current). Read on the caller's thread by {@link Telemetry#onCallersContext}.
 */
public interface CallerContext {
    /** {@code work} bound to the calling thread's context, to run on another thread ({@code work} itself if none). */
    <T> Supplier<T> bind(Supplier<T> work);
}
