package dev.schematic.internal.telemetry;

import dev.schematic.EvaluationContext;
import dev.schematic.FlagCheck;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One client's observation point: the {@link CheckObserver}s told of each flag check, and the {@link TelemetrySource}
 * meters read. With no observer {@link #active()} is false and the facade does not even read the clock, so a client
 * nobody observes pays one volatile read per check.
 *
 * <p>Observers are added and removed at any time (a meter registry bound after start); the check path reads an
 * immutable array.
 */
public final class Telemetry {
    private static final System.Logger LOG = System.getLogger(Telemetry.class.getName());
    private static final CheckObserver[] NONE = new CheckObserver[0];

    private final TelemetrySource source;
    private volatile CheckObserver[] observers = NONE;
    /** Set once OpenTelemetry is attached; null without it (an async check then costs one field read more). */
    private volatile CallerContext callerContext;
    /** Meter registrations by their registry/OpenTelemetry instance, so one is never registered twice. */
    private final Map<Object, AutoCloseable> registrations = Collections.synchronizedMap(new IdentityHashMap<>());

    private final AtomicBoolean failureLogged = new AtomicBoolean();

    public Telemetry(TelemetrySource source) {
        this.source = source;
    }

    public TelemetrySource source() {
        return source;
    }

    /** True when someone observes checks: only then is a check timed. */
    public boolean active() {
        return observers.length != 0;
    }

    /** Tells every observer; never throws. */
    public void checked(FlagCheck check, EvaluationContext context, long nanos) {
        for (CheckObserver o : observers) {
            try {
                o.checked(check, context, nanos);
            } catch (RuntimeException | LinkageError e) {
                if (failureLogged.compareAndSet(false, true)) {
                    LOG.log(
                            Level.WARNING,
                            "Schematic check observer " + o.getClass().getName() + " failed: " + e);
                }
            }
        }
    }

    /**
     * {@code work} (an async check, about to be handed to the executor) bound to the calling thread's context when
     * someone observes checks and a {@link CallerContext} is set; otherwise {@code work} itself. Call on the caller's
     * thread.
     */
    public <T> Supplier<T> onCallersContext(Supplier<T> work) {
        CallerContext c = callerContext;
        return c == null || observers.length == 0 ? work : c.bind(work);
    }

    /** How async checks take the caller's context along (OpenTelemetry's, once it is attached). */
    public void callerContext(CallerContext context) {
        this.callerContext = context;
    }

    /** Adds an observer; closing the result removes it again. */
    public synchronized AutoCloseable observe(CheckObserver observer) {
        CheckObserver[] next = Arrays.copyOf(observers, observers.length + 1);
        next[next.length - 1] = observer;
        observers = next;
        return () -> remove(observer);
    }

    private synchronized void remove(CheckObserver observer) {
        observers = Arrays.stream(observers).filter(o -> o != observer).toArray(CheckObserver[]::new);
    }

    /**
     * Registers meters with {@code target} (an OpenTelemetry instance, a meter registry) unless they are registered
     * there already. Returns what unregisters them.
     */
    public AutoCloseable registerOnce(Object target, java.util.function.Supplier<AutoCloseable> registration) {
        synchronized (registrations) {
            AutoCloseable existing = registrations.get(target);
            if (existing != null) {
                return existing;
            }
            AutoCloseable made = registration.get();
            AutoCloseable once = () -> {
                if (registrations.remove(target) != null) {
                    made.close();
                }
            };
            registrations.put(target, once);
            return once;
        }
    }

    /** Unregisters everything (the client is closing). */
    public void close() {
        AutoCloseable[] all;
        synchronized (registrations) {
            all = registrations.values().toArray(AutoCloseable[]::new);
        }
        for (AutoCloseable a : all) {
            try {
                a.close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "Schematic meters not unregistered: " + e);
            }
        }
    }
}
