package dev.schematic.internal.telemetry.otel;

import dev.schematic.internal.telemetry.CallerContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.function.Supplier;

/**
 * Runs an async check on the executor with the caller's OpenTelemetry context current, so {@link FlagEvaluationSpans}
 * finds the caller's span there. A caller with no context (the root) hands the work over unchanged.
 */
final class OtelCallerContext implements CallerContext {
    @Override
    public <T> Supplier<T> bind(Supplier<T> work) {
        Context caller = Context.current();
        if (caller == Context.root()) {
            return work;
        }
        return () -> {
            try (Scope ignored = caller.makeCurrent()) {
                return work.get();
            }
        };
    }
}
