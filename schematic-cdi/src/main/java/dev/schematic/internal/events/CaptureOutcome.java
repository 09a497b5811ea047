package dev.schematic.internal.events;

import dev.schematic.SchematicApiException;
import dev.schematic.internal.http.RetryPolicy;
import java.io.IOException;

/** What one attempt to send a batch came to, and how to name its failure in a log line. */
enum CaptureOutcome {
    /** The service acknowledged the batch. */
    DELIVERED,
    /** The service refused the batch for good (4xx other than 408/429): counted as failed, not retried. */
    REJECTED,
    /** The service is unreachable or overloaded (network error, timeout, 408, 429, 5xx): retried without limit. */
    OUTAGE,
    /** Anything else (a bug, an event that cannot be serialized): retried {@code events.max-retries} times. */
    UNEXPECTED,
    /**
     * An {@link Error} (ServiceConfigurationError, NoClassDefFoundError, ExceptionInInitializerError) anywhere in the
     * cause chain, even under an I/O exception: the SDK's own runtime is broken (a server deleting its jars while it
     * stops), so re-sending cannot help. Retried like {@link #UNEXPECTED} ({@code events.max-retries} times) while
     * the client runs; a final flush gives up on everything at once.
     */
    BROKEN_RUNTIME;

    static CaptureOutcome of(Throwable failure) {
        if (failure == null) {
            return DELIVERED;
        }
        if (hasError(failure)) {
            return BROKEN_RUNTIME;
        }
        if (failure instanceof SchematicApiException) {
            return RetryPolicy.isRetryable(failure) ? OUTAGE : REJECTED;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return OUTAGE; // refused, reset, timed out: safe to re-send, the idempotency keys dedupe
            }
        }
        return UNEXPECTED;
    }

    private static boolean hasError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Error) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable failure) {
        if (failure instanceof SchematicApiException api) {
            return "HTTP " + api.status();
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? failure.toString() : failure.getClass().getSimpleName() + ": " + root;
    }
}
