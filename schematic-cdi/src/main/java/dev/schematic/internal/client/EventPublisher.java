package dev.schematic.internal.client;

import dev.schematic.internal.events.CaptureEvent;
import dev.schematic.internal.events.EventBuffer;
import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * Hands events to the buffer without ever throwing or blocking: offline they are discarded (and counted); a body
 * that cannot be built is logged and dropped. Queued events are sent even if the application forgets to close the
 * client: for a client the application owns, the first event registers a JVM shutdown hook, which closing removes
 * again. A container-managed client gets none ({@code onShutdown} null): its container closes it while the server
 * still works, whereas a JVM hook runs beside the server's own shutdown hooks.
 */
final class EventPublisher {
    private static final System.Logger LOG = System.getLogger(EventPublisher.class.getName());

    private final boolean offline;
    private final EventBuffer events;
    private final Thread shutdownHook;
    private volatile boolean hookRegistered;
    private volatile boolean hookRemoved;

    EventPublisher(boolean offline, EventBuffer events, Runnable onShutdown) {
        this.offline = offline;
        this.events = events;
        this.shutdownHook = onShutdown == null ? null : new Thread(onShutdown, "schematic-shutdown-flush");
        this.hookRegistered = onShutdown == null; // nothing to register
    }

    void publish(String type, Supplier<CaptureEvent> event) {
        if (offline) {
            events.discardOffline();
            return;
        }
        CaptureEvent e;
        try {
            e = event.get();
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "Schematic " + type + " event not sent: " + ex.getMessage());
            return;
        }
        submit(type, e);
    }

    /**
     * Queues an event built already: the local check's {@code flag_check}, whose body comes from the engine's answer
     * and cannot fail to build. No supplier, so the check path allocates no lambda.
     */
    void publish(CaptureEvent event) {
        if (offline) {
            events.discardOffline();
            return;
        }
        submit(event.type(), event);
    }

    private void submit(String type, CaptureEvent e) {
        try {
            events.submit(e);
            if (!hookRegistered) {
                registerShutdownHook();
            }
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "Schematic " + type + " event not sent: " + ex.getMessage());
        }
    }

    private synchronized void registerShutdownHook() {
        if (hookRegistered || hookRemoved) {
            return;
        }
        try {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            hookRegistered = true;
        } catch (IllegalStateException | SecurityException e) {
            hookRegistered = true; // shutting down already, or not allowed: close() is the only flush
        }
    }

    /** Called on close: the hook is no longer needed (unless close() runs on the hook's own thread). */
    synchronized void removeShutdownHook() {
        hookRemoved = true;
        if (shutdownHook != null && hookRegistered && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException | SecurityException e) {
                // the JVM is shutting down: the hook runs close() anyway
            }
        }
    }
}
