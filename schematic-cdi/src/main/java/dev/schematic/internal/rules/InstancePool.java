package dev.schematic.internal.rules;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded pool of engine instances, without a global lock: a semaphore with {@code size} permits bounds the
 * instances in use, idle ones wait in a lock-free queue, and new ones are created on demand (so at most {@code size}
 * exist). Waiting is {@link Semaphore#acquireUninterruptibly()}, which parks virtual threads without pinning a
 * carrier.
 */
final class InstancePool {
    private final EngineModule module;
    private final long residentBytes;
    private final Semaphore permits;
    private final ConcurrentLinkedQueue<EngineInstance> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger alive = new AtomicInteger();
    private final LongAdder created = new LongAdder();

    InstancePool(EngineModule module, int size, EngineInstance first) {
        this(module, size, first, ResidentEntities.MAX_BYTES);
    }

    /** A pool whose new instances keep up to {@code residentBytes} of entity JSON resident. */
    InstancePool(EngineModule module, int size, EngineInstance first, long residentBytes) {
        this.module = module;
        this.residentBytes = residentBytes;
        this.permits = new Semaphore(size);
        if (first != null) {
            idle.offer(first);
            alive.incrementAndGet();
            created.increment();
        }
    }

    /** An instance for the caller's exclusive use; give it back with {@link #release}. */
    EngineInstance acquire() {
        permits.acquireUninterruptibly();
        EngineInstance instance = idle.poll();
        if (instance != null) {
            return instance;
        }
        try {
            instance = module.newInstance(residentBytes);
        } catch (RuntimeException | Error e) {
            permits.release();
            throw e;
        }
        alive.incrementAndGet();
        created.increment();
        return instance;
    }

    void release(EngineInstance instance) {
        if (instance.broken()) {
            alive.decrementAndGet();
        } else {
            idle.offer(instance);
        }
        permits.release();
    }

    int alive() {
        return alive.get();
    }

    long created() {
        return created.sum();
    }
}
