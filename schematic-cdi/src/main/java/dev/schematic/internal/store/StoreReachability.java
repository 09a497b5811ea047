package dev.schematic.internal.store;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Logging of a store reached over the network: the first failure at WARNING (later ones at DEBUG until it answers
 * again), recovery at INFO.
 */
final class StoreReachability {
    private final System.Logger log;
    private final String description;
    private final AtomicBoolean failing = new AtomicBoolean();

    StoreReachability(System.Logger log, String description) {
        this.log = log;
        this.description = description;
    }

    /** The store answered. */
    void ok() {
        if (failing.compareAndSet(true, false)) {
            log.log(Level.INFO, "Schematic DataStream store is reachable again: " + description);
        }
    }

    /** A {@code what} (read, write, scan) failed. */
    void failed(String what, RuntimeException e) {
        if (failing.compareAndSet(false, true)) {
            log.log(
                    Level.WARNING,
                    "Schematic DataStream store: " + what + " failed on " + description + " (" + e
                            + "); checks fall back to the API until it answers again");
        } else {
            log.log(Level.DEBUG, () -> "Schematic DataStream store: " + what + " failed: " + e);
        }
    }
}
