package dev.schematic.internal.datastream;

import dev.schematic.FlagsChanged;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The listeners of {@link dev.schematic.Schematic#onFlagsChanged}: called one after the other on the thread that
 * applied the change (the DataStream worker). A listener that throws is logged (the first failure at WARNING, later
 * ones at DEBUG) and does not stop the others.
 */
final class FlagListeners {
    private static final System.Logger LOG = System.getLogger(FlagListeners.class.getName());

    private final CopyOnWriteArrayList<Consumer<FlagsChanged>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    FlagsChanged.Registration add(Consumer<FlagsChanged> listener) {
        Objects.requireNonNull(listener, "listener");
        Consumer<FlagsChanged> own = listener::accept; // a distinct instance: registering one listener twice works
        listeners.add(own);
        return () -> listeners.remove(own);
    }

    boolean isEmpty() {
        return listeners.isEmpty();
    }

    /** Tells every listener; nothing when {@code keys} is empty. */
    void fire(Set<String> keys, Set<String> removed) {
        if (keys.isEmpty() || listeners.isEmpty()) {
            return;
        }
        FlagsChanged change = new FlagsChanged(keys, removed);
        for (Consumer<FlagsChanged> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                System.Logger.Level level = failureLogged.compareAndSet(false, true)
                        ? System.Logger.Level.WARNING
                        : System.Logger.Level.DEBUG;
                LOG.log(level, "Schematic onFlagsChanged listener failed (ignored) for " + keys, e);
            }
        }
    }
}
