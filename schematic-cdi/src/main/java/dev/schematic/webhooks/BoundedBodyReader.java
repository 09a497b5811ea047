package dev.schematic.webhooks;

import dev.schematic.internal.concurrent.DaemonThreads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads a request body with a size bound and a time bound, so a sender that trickles (or stops sending) cannot hold
 * a request thread for longer than the bound. The deadline is checked between reads, which ends a trickle; a read
 * that blocks past the deadline is interrupted by a watchdog thread, which ends a stall on runtimes whose blocking
 * reads are interruptible (Undertow, Quarkus REST). The reading thread's interrupt flag is cleared again before
 * {@link #read} returns, so the rest of the request never sees the watchdog's interrupt.
 */
final class BoundedBodyReader {
    private static final int CHUNK = 8192;

    private static final ScheduledExecutorService WATCHDOG =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("schematic-webhook-body-deadline"));

    /** How reading ended. */
    enum Outcome {
        READ,
        TOO_LARGE,
        TOO_SLOW
    }

    /** The outcome, and the body when it was {@link Outcome#READ}. */
    record Result(Outcome outcome, byte[] body) {}

    private BoundedBodyReader() {}

    /** All of {@code in}, unless it holds more than {@code limit} bytes or takes longer than {@code timeout}. */
    static Result read(InputStream in, int limit, Duration timeout) throws IOException {
        if (in == null) {
            return new Result(Outcome.READ, new byte[0]);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Watchdog watchdog = new Watchdog(Thread.currentThread());
        ScheduledFuture<?> alarm = WATCHDOG.schedule(watchdog::fire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(limit, CHUNK));
        byte[] chunk = new byte[CHUNK];
        try {
            while (true) {
                if (System.nanoTime() - deadline >= 0) {
                    return new Result(Outcome.TOO_SLOW, null);
                }
                // one byte beyond the limit tells "exactly the limit" from "too large"
                int n = in.read(chunk, 0, Math.min(CHUNK, limit + 1 - body.size()));
                if (n < 0) {
                    return new Result(Outcome.READ, body.toByteArray());
                }
                body.write(chunk, 0, n);
                if (body.size() > limit) {
                    return new Result(Outcome.TOO_LARGE, null);
                }
            }
        } catch (IOException | RuntimeException e) {
            // an interrupted read surfaces as InterruptedIOException, or as another IOException/RuntimeException
            // depending on the runtime: after the deadline, any of them means "too slow"
            if (watchdog.fired() || System.nanoTime() - deadline >= 0) {
                return new Result(Outcome.TOO_SLOW, null);
            }
            throw e;
        } finally {
            alarm.cancel(false);
            watchdog.disarm();
        }
    }

    /** Interrupts the reading thread once, unless disarmed first; disarming clears an interrupt it delivered. */
    private static final class Watchdog {
        private final Thread reader;
        private boolean armed = true;
        private boolean fired;

        Watchdog(Thread reader) {
            this.reader = reader;
        }

        synchronized void fire() {
            if (armed) {
                fired = true;
                reader.interrupt();
            }
        }

        synchronized boolean fired() {
            return fired;
        }

        /** Called by the reading thread: no interrupt can arrive after this returns. */
        synchronized void disarm() {
            armed = false;
            if (fired) {
                Thread.interrupted();
            }
        }
    }
}
