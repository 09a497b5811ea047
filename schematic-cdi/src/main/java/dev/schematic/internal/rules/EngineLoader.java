package dev.schematic.internal.rules;

import dev.schematic.internal.config.RulesEngineOptions;
import java.lang.System.Logger.Level;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Loads the engine's WASM module once, on first use: the bundled module, or the file of
 * {@link RulesEngineOptions#wasm()}, with its instance pool. A load failure is remembered and reported on every later
 * call instead of retrying.
 */
final class EngineLoader {
    private static final System.Logger LOG = System.getLogger(RulesEngine.class.getName());

    /** A loaded module and its pool of instances. */
    record Loaded(EngineModule module, InstancePool pool) {}

    private final RulesEngineOptions options;
    private final ReentrantLock loading = new ReentrantLock();
    private volatile Loaded loaded;
    private volatile RulesEngineException failure;

    private final long residentBytes;

    EngineLoader(RulesEngineOptions options, long residentBytes) {
        this.options = options;
        this.residentBytes = residentBytes;
    }

    /** The loaded module, or {@code null} when it cannot be loaded ({@link #failure()} says why). */
    Loaded get() {
        Loaded l = loaded;
        if (l != null) {
            return l;
        }
        if (failure != null) {
            return null;
        }
        loading.lock();
        try {
            if (loaded != null) {
                return loaded;
            }
            if (failure != null) {
                return null;
            }
            long t0 = System.nanoTime();
            try {
                EngineModule module = options.wasm().map(EngineModule::fromFile).orElseGet(EngineModule::bundled);
                InstancePool pool =
                        new InstancePool(module, options.poolSize(), module.newInstance(residentBytes), residentBytes);
                loaded = new Loaded(module, pool);
                LOG.log(
                        Level.DEBUG,
                        () -> "loaded the " + module.description() + " (version key " + module.versionKey() + ") in "
                                + (System.nanoTime() - t0) / 1_000_000 + " ms; pool size " + options.poolSize());
                return loaded;
            } catch (RulesEngineException e) {
                failure = e;
                return null;
            } catch (RuntimeException | LinkageError e) {
                failure = new RulesEngineException("cannot load the rules engine: " + e, e);
                return null;
            }
        } finally {
            loading.unlock();
        }
    }

    /** The loaded module, or {@code null} when nothing was loaded yet (does not load). */
    Loaded peek() {
        return loaded;
    }

    /** Why the module could not be loaded, or {@code null}. */
    RulesEngineException failure() {
        return failure;
    }
}
