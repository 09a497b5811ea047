package dev.schematic.internal.datastream;

import dev.schematic.DataStreamState;
import dev.schematic.DataStreamStatus;
import dev.schematic.internal.concurrent.Backoff;
import dev.schematic.internal.config.DataStreamSettings;
import dev.schematic.internal.store.EntityStore;
import dev.schematic.internal.store.StoreKeys;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Direct mode's {@link LocalSource}: one DataStream socket loads every flag, then the companies and users checks ask
 * for; its messages are applied in order by the {@link MessagePump} into the cache, and it drives readiness (ready once
 * the flags are loaded, stale while reconnecting).
 */
final class SocketSource implements LocalSource {
    private final DataStreamSettings settings;
    private final URI url;
    private final int memoSize;
    private final Readiness readiness;
    private final DataStreamConnection connection;
    private final EntityWaiters waiters = new EntityWaiters();
    private final MessagePump pump = new MessagePump();
    private final Subscriptions subscriptions;
    private final FlagListeners flagListeners;

    private final LongAdder messages = new LongAdder();
    private final LongAdder connects = new LongAdder();
    private volatile Instant lastMessageAt;
    private volatile DataStreamCache cache;
    private volatile LocalAnswers answers;
    private volatile MessageProcessor processor;

    SocketSource(
            DataStreamSettings settings,
            URI url,
            String apiKey,
            String clientVersion,
            int memoSize,
            Readiness readiness,
            FlagListeners flagListeners) {
        this.settings = settings;
        this.flagListeners = flagListeners;
        this.url = url;
        this.memoSize = memoSize;
        this.readiness = readiness;
        this.subscriptions = new Subscriptions(2 * settings.maxEntries());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Schematic-Api-Key", apiKey);
        headers.put("X-Schematic-Datastream-Mode", "direct");
        headers.put("X-Schematic-Client", "schematic-jakarta");
        headers.put("X-Schematic-Client-Version", clientVersion == null ? "unknown" : clientVersion);
        this.connection = new DataStreamConnection(
                url,
                headers,
                new Backoff(settings.reconnectMinDelay(), settings.reconnectMaxDelay(), Backoff.Jitter.BELOW_FIRST),
                settings.pingInterval(),
                new Listener());
    }

    @Override
    public void connect() {
        readiness.set(DataStreamState.CONNECTING, "connecting to " + url);
        connection.start();
    }

    /** Messages that arrived before the store was open waited in the pump's inbox; the worker starts now. */
    @Override
    public void begin(EntityStore store, String engineVersion) {
        EntityStore cached = store;
        if (store.writtenOnlyHere() && memoSize > 0) {
            LocalAnswers a = new LocalAnswers(memoSize);
            cached = new ObservedStore(store, a::changed);
            answers = a;
        }
        DataStreamCache c =
                new DataStreamCache(cached, new StoreKeys(engineVersion), settings.cacheTtl(), settings.flagTtl());
        processor = new MessageProcessor(c, waiters, this::flagsLoaded, flagListeners);
        cache = c;
        pump.start();
    }

    @Override
    public DataStreamCache cache() {
        return cache;
    }

    @Override
    public LocalAnswers answers() {
        return answers;
    }

    @Override
    public LocalMode mode(DataStreamState state) {
        return LocalMode.of(state, false);
    }

    @Override
    public EntityWaiters.Pending fetch(DataStreamCache c, EntityType type, Map<String, String> keys) {
        long gen = readiness.openGeneration();
        String frame = subscriptions.ask(type, keys);
        return waiters.request(c.lookupKeys(type, keys), () -> connection.send(gen, frame));
    }

    @Override
    public DataStreamStatus status(Readiness.Snapshot now, String storeDescription) {
        MessageProcessor p = processor;
        return new DataStreamStatus(
                now.state(),
                now.reason(),
                now.since(),
                url.toString(),
                storeDescription,
                lastMessageAt,
                connects.sum(),
                messages.sum(),
                p == null ? 0 : p.malformed.sum(),
                pump.dropped(),
                null,
                now.dataAsOf(),
                now.dataAge());
    }

    @Override
    public void failed(String why) {
        waiters.failAll("DataStream stopped");
    }

    @Override
    public void close() {
        connection.close();
        waiters.failAll("DataStream closed");
        pump.stop();
    }

    private void flagsLoaded(long gen, int count) {
        Boolean reconnected = readiness.flagsLoaded(gen, "connected to " + url + "; " + count + " flags loaded");
        if (reconnected == null) {
            return;
        }
        connection.healthy();
        if (reconnected) {
            // the server has forgotten our subscriptions: ask again for every entity we asked for
            for (String frame : subscriptions.frames()) {
                connection.send(gen, frame);
            }
        }
    }

    private final class Listener implements DataStreamConnection.Listener {
        @Override
        public void opened(long generation) {
            connects.increment();
            readiness.opened(generation, "connected to " + url + "; loading flags");
            connection.send(generation, Subscriptions.FLAGS_REQUEST);
        }

        @Override
        public void message(long generation, String text) {
            messages.increment();
            lastMessageAt = Instant.now();
            // the processor is read when the message is applied: the worker starts once the store is open
            pump.offer(() -> processor.process(generation, text));
        }

        @Override
        public void lost(long generation, String why, Duration retryIn) {
            readiness.lost(generation, why + "; reconnecting in " + retryIn.toMillis() + " ms");
            waiters.failAll("DataStream disconnected");
        }

        @Override
        public void failed(String why) {
            readiness.fail(why);
            SocketSource.this.failed(why);
        }
    }
}
