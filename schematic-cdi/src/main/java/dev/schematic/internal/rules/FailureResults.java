package dev.schematic.internal.rules;

import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns a failed evaluation into the flag's default result: counts it per {@link RulesFailure}, logs the first of each
 * kind at WARNING (repeats at DEBUG), and reads the flag's default value and the entity ids from the inputs.
 */
final class FailureResults {
    private static final System.Logger LOG = System.getLogger(RulesEngine.class.getName());

    private final Map<RulesFailure, LongAdder> counts = new EnumMap<>(RulesFailure.class);
    private final Map<RulesFailure, AtomicBoolean> logged = new EnumMap<>(RulesFailure.class);

    FailureResults() {
        for (RulesFailure f : RulesFailure.values()) {
            counts.put(f, new LongAdder());
            logged.put(f, new AtomicBoolean());
        }
    }

    /** Failures of one kind since creation. */
    long count(RulesFailure kind) {
        return counts.get(kind).sum();
    }

    /** A result that only carries {@code kind} and {@code detail} (what one failed engine call returns). */
    static RulesResult bare(RulesFailure kind, String detail) {
        return new RulesResult(
                false,
                kind.reason(),
                null,
                null,
                null,
                null,
                null,
                null,
                detail,
                null,
                null,
                null,
                null,
                null,
                null,
                kind);
    }

    /** Counts and logs the failure and returns the flag's default with the failure's reason and detail. */
    RulesResult result(RulesFailure kind, String detail, RulesInput flag, RulesInput company, RulesInput user) {
        counts.get(kind).increment();
        if (logged.get(kind).compareAndSet(false, true)) {
            LOG.log(
                    Level.WARNING,
                    "Rules engine failure (" + kind + "), returning the flag default: " + detail
                            + " (logged once; further " + kind + " failures are logged at DEBUG and counted in"
                            + " RulesEngine.stats())");
        } else {
            LOG.log(Level.DEBUG, () -> "Rules engine failure (" + kind + "): " + detail);
        }
        Map<String, Object> f = object(flag);
        Object dv = f.get("default_value");
        if (dv == null) {
            dv = f.get("defaultValue");
        }
        return new RulesResult(
                dv instanceof Boolean b && b,
                kind.reason(),
                text(f.get("key")),
                text(f.get("id")),
                company == null ? null : text(object(company).get("id")),
                user == null ? null : text(object(user).get("id")),
                null,
                null,
                detail,
                null,
                null,
                null,
                null,
                null,
                null,
                kind);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(RulesInput input) {
        try {
            Object v = MiniJson.parse(input.bytes());
            return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private static String text(Object v) {
        return v instanceof String s ? s : null;
    }
}
