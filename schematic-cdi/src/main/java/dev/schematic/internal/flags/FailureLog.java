package dev.schematic.internal.flags;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Logs a failing dependency once: the first failure at WARNING, repeats at DEBUG until a success, which is logged at
 * INFO. Keeps a broken network from flooding logs with one line per flag check.
 */
final class FailureLog {
    private final System.Logger log;
    private final String what;
    private final AtomicBoolean failing = new AtomicBoolean();

    FailureLog(System.Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    void failure(String detail) {
        if (failing.compareAndSet(false, true)) {
            log.log(
                    Level.WARNING,
                    what
                            + " failed; answering from the cache (stale if need be) or with flag defaults until it recovers: "
                            + detail);
        } else {
            log.log(Level.DEBUG, what + " failed again: " + detail);
        }
    }

    void success() {
        if (failing.get() && failing.compareAndSet(true, false)) {
            log.log(Level.INFO, what + " recovered");
        }
    }
}
