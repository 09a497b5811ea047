package dev.schematic.internal.datastream;

import dev.schematic.DataStreamState;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The DataStream client's state machine ({@link DataStreamState}): started / closed, the generation of the socket
 * that is open, whether it has ever been ready, and why it is where it is. Every change happens under one lock;
 * {@link #ready()} and {@link #state()} are plain volatile reads for the check path.
 */
final class Readiness {
    private static final System.Logger LOG = System.getLogger(DataStreamClient.class.getName());

    /**
     * Where the client stands, why and since when; {@code dataAsOf}: when the cached data was last known current (now
     * while ready, the moment it stopped being ready otherwise) and its age then; both {@code null} before it was ever
     * ready.
     */
    record Snapshot(DataStreamState state, String reason, Instant since, Instant dataAsOf, Duration dataAge) {}

    private final Object lock = new Object();
    // guarded by lock
    private String reason = "starting";
    private Instant since = Instant.now();
    private long openGeneration = -1;
    private boolean everReady;
    private boolean started;
    private boolean closed;
    /** When the client last stopped being ready (the data has not been kept current since); null before. */
    private Instant currentUntil;
    // written under lock
    private volatile DataStreamState state = DataStreamState.CONNECTING;
    private volatile boolean ready;

    /** True the first time, when neither started nor closed. */
    boolean markStarted() {
        synchronized (lock) {
            if (started || closed) {
                return false;
            }
            started = true;
            return true;
        }
    }

    /** True the first time: closed from now on, not ready, no socket open. */
    boolean markClosed() {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            closed = true;
            ready = false;
            openGeneration = -1;
            lock.notifyAll();
            return true;
        }
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** Runs {@code action} under the lock unless closed (so {@code close()} sees what it set); false when closed. */
    boolean ifOpen(Runnable action) {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            action.run();
            return true;
        }
    }

    /** True when checks are evaluated locally with fresh data (socket open and flags loaded, or replicator ready). */
    boolean ready() {
        return ready;
    }

    DataStreamState state() {
        return state;
    }

    /** The generation of the open socket, or -1. */
    long openGeneration() {
        synchronized (lock) {
            return openGeneration;
        }
    }

    /** Moves to {@code s}, unless closed or stopped for good. */
    void set(DataStreamState s, String why) {
        synchronized (lock) {
            if (closed || state == DataStreamState.ERROR) {
                return;
            }
            transition(s, why);
        }
    }

    /** Stopped for good. */
    void fail(String why) {
        synchronized (lock) {
            ready = false;
            openGeneration = -1;
            transition(DataStreamState.ERROR, why);
        }
        LOG.log(Level.ERROR, "Schematic DataStream stopped: " + why + "; flag checks use the REST API");
    }

    /** Socket {@code generation} opened: flags are being loaded (stale data meanwhile when it was ready before). */
    void opened(long generation, String why) {
        synchronized (lock) {
            openGeneration = generation;
            if (!closed && state != DataStreamState.ERROR) {
                transition(everReady ? DataStreamState.STALE : DataStreamState.CONNECTING, why);
            }
        }
    }

    /** Socket {@code generation} lost. */
    void lost(long generation, String why) {
        synchronized (lock) {
            if (generation >= openGeneration) {
                openGeneration = -1;
                ready = false;
            }
            if (!closed && state != DataStreamState.ERROR) {
                transition(everReady ? DataStreamState.STALE : DataStreamState.CONNECTING, why);
            }
        }
    }

    /**
     * The flags of socket {@code generation} are stored: ready. Returns {@code null} when that socket is gone (or the
     * client closed), else whether this was a reconnect after having been ready.
     */
    Boolean flagsLoaded(long generation, String why) {
        synchronized (lock) {
            if (generation != openGeneration || closed) {
                return null;
            }
            boolean reconnected = everReady && !ready;
            everReady = true;
            ready = true;
            transition(DataStreamState.READY, why);
            return reconnected;
        }
    }

    /** Replicator mode: what its readiness endpoint said. */
    void replicator(boolean isReady, String why) {
        synchronized (lock) {
            if (closed || state == DataStreamState.ERROR) {
                return;
            }
            ready = isReady;
            if (isReady) {
                everReady = true;
                transition(DataStreamState.READY, why);
            } else {
                transition(everReady ? DataStreamState.STALE : DataStreamState.CONNECTING, why);
            }
        }
    }

    /** Waits until ready or the timeout; false at once when stopped for good or closed. */
    boolean await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!ready && !closed && state != DataStreamState.ERROR) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return ready;
        }
    }

    Snapshot snapshot() {
        synchronized (lock) {
            Instant now = Instant.now();
            Instant asOf = state == DataStreamState.READY ? now : currentUntil;
            return new Snapshot(state, reason, since, asOf, asOf == null ? null : Duration.between(asOf, now));
        }
    }

    /** Call with the lock held. */
    private void transition(DataStreamState s, String why) {
        if (state != s) {
            since = Instant.now();
            if (state == DataStreamState.READY) {
                currentUntil = since;
            }
            DataStreamState from = state;
            // one line per state change (docs/observability: quiet logs); nothing per check or message
            LOG.log(
                    s == DataStreamState.STALE ? Level.WARNING : Level.INFO,
                    () -> "Schematic DataStream " + from + " -> " + s + ": " + why);
        }
        state = s;
        reason = why;
        lock.notifyAll();
    }
}
