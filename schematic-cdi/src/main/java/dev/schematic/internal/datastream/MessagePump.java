package dev.schematic.internal.datastream;

import dev.schematic.internal.concurrent.DaemonThreads;
import java.lang.System.Logger.Level;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The message pump: socket messages wait in a bounded inbox and are applied in order by one worker thread
 * ({@code schematic-datastream-worker-1}). When the inbox is full the socket's reader waits (back-pressure) rather
 * than dropping a message; messages that arrive before the worker starts wait in the inbox.
 */
final class MessagePump {
    private static final System.Logger LOG = System.getLogger(DataStreamClient.class.getName());
    private static final int INBOX_CAPACITY = 4096;
    private static final Runnable STOP = () -> {};

    private final LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>(INBOX_CAPACITY);
    private final LongAdder dropped = new LongAdder();
    private volatile Thread worker;

    /** Queues a task, waiting up to 30 s while the inbox is full; a task still not queued is dropped and counted. */
    void offer(Runnable task) {
        try {
            if (!inbox.offer(task, 30, TimeUnit.SECONDS)) {
                dropped.increment();
                LOG.log(Level.WARNING, "Schematic DataStream message dropped: the processing queue stayed full");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dropped.increment();
        }
    }

    /** Starts the worker applying the queued tasks. */
    void start() {
        Thread w = DaemonThreads.named("schematic-datastream-worker").newThread(this::work);
        worker = w;
        w.start();
    }

    /** Messages dropped because the inbox stayed full. */
    long dropped() {
        return dropped.sum();
    }

    /** Drops what is queued and stops the worker (waiting up to 10 s for the task in hand). */
    void stop() {
        Thread w = worker;
        if (w != null) {
            inbox.clear();
            inbox.offer(STOP);
            try {
                w.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void work() {
        while (true) {
            Runnable r;
            try {
                r = inbox.take();
            } catch (InterruptedException e) {
                return;
            }
            if (r == STOP) {
                return;
            }
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Schematic DataStream message processing failed", e);
            }
        }
    }
}
