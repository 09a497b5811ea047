package dev.schematic.internal.datastream;

import dev.schematic.DataStreamState;
import dev.schematic.internal.concurrent.Backoff;
import dev.schematic.internal.config.DataStreamSettings;
import dev.schematic.internal.store.EmbeddedEntityStore;
import dev.schematic.internal.store.EntityStore;
import dev.schematic.internal.store.HandOverEntityStore;
import dev.schematic.internal.store.RedisEntityStore;
import dev.schematic.internal.store.RemoteEntityStore;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The store factory: creates the configured {@link EntityStore} and, while it is unreachable, retries with the
 * reconnect backoff, reporting each wait as {@link DataStreamState#CONNECTING}.
 */
final class StoreFactory {
    /** Connect and read timeout of the Redis store. */
    static final Duration REDIS_TIMEOUT = Duration.ofSeconds(3);

    private StoreFactory() {}

    /** The store {@code schematic.datastream.store} names. */
    static EntityStore create(DataStreamSettings s) {
        return switch (s.store()) {
            // answers from memory at once; Infinispan starts in the background when the client says (once ready)
            // and takes the entries over
            case EMBEDDED ->
                HandOverEntityStore.deferred(
                        s.maxEntries(), s.maxFlags(), () -> new EmbeddedEntityStore(s.maxEntries(), s.maxFlags()));
            case REMOTE ->
                new RemoteEntityStore(
                        s.remoteServers(),
                        s.remoteUsername().orElse(null),
                        s.remotePassword().orElse(null),
                        s.remoteCache(),
                        s.keyPrefix());
            case REDIS -> {
                DataStreamSettings.Redis r = s.redis();
                yield new RedisEntityStore(
                        r.host(), r.port(), r.database(), r.tls(), r.user(), r.secret(), s.keyPrefix(), REDIS_TIMEOUT);
            }
        };
    }

    /**
     * The store from {@code factory}, retried with backoff while it is unreachable; {@code null} when the client closed
     * meanwhile or the store cannot work at all (a missing library: {@code fatal} is told why). The opened store is
     * handed to {@code opened} only while the client is open; otherwise it is closed again.
     */
    static EntityStore openWithRetries(
            Supplier<EntityStore> factory,
            DataStreamSettings settings,
            Readiness readiness,
            Consumer<EntityStore> opened,
            Consumer<String> fatal) {
        EntityStore s = null;
        Backoff backoff =
                new Backoff(settings.reconnectMinDelay(), settings.reconnectMaxDelay(), Backoff.Jitter.BELOW_FIRST);
        for (int attempt = 1; s == null; attempt++) {
            if (readiness.isClosed()) {
                return null;
            }
            try {
                s = factory.get();
            } catch (RuntimeException | LinkageError e) {
                if (e instanceof LinkageError || e.getCause() instanceof LinkageError) {
                    fatal.accept("the " + settings.store().name().toLowerCase() + " store cannot be created: " + e
                            + missingLibraryHint(settings.store()));
                    return null;
                }
                Duration wait = backoff.delay(attempt - 1);
                readiness.set(
                        DataStreamState.CONNECTING,
                        "store unavailable (" + e.getMessage() + "); retrying in " + wait.toMillis() + " ms");
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException ie) {
                    return null;
                }
            }
        }
        EntityStore result = s;
        if (!readiness.ifOpen(() -> opened.accept(result))) {
            s.close();
            return null;
        }
        return s;
    }

    private static String missingLibraryHint(DataStreamSettings.Store store) {
        return switch (store) {
            case REMOTE -> "; add org.infinispan:infinispan-client-hotrod";
            case REDIS -> "; add redis.clients:jedis";
            case EMBEDDED -> "";
        };
    }
}
