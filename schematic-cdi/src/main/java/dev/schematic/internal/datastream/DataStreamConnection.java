package dev.schematic.internal.datastream;

import dev.schematic.internal.concurrent.Backoff;
import dev.schematic.internal.concurrent.DaemonThreads;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket to the DataStream at a time, reconnected forever with capped exponential backoff and jitter.
 *
 * <p>Threads: connecting, pings and reconnect timers run on one daemon thread ({@code schematic-datastream-connect});
 * the WebSocket implementation calls {@link Listener#message} on its own threads. Each socket has a generation
 * number; callbacks of a socket that is no longer the current one are ignored, so two sockets never feed the client.
 *
 * <p>Reconnection is driven only by socket callbacks and failed connects (never by polling a flag, datastream.md
 * §8.9). Close code 4001 (unauthorized), 4003 and a handshake refused with HTTP 401/403 stop for good: the API key is
 * wrong and retrying cannot help. Every other close, including 1000 and 1001 from a restarting server, is retried.
 */
final class DataStreamConnection {
    private static final System.Logger LOG = System.getLogger(DataStreamConnection.class.getName());
    private static final int MAX_TEXT_MESSAGE = 256 * 1024 * 1024;

    /** What the connection reports; every call is made with the generation of the socket concerned. */
    interface Listener {
        /** A socket opened (on the WebSocket implementation's thread, before any message of that socket). */
        void opened(long generation);

        /** A text frame arrived. */
        void message(long generation, String text);

        /** The socket closed or a connect failed; a reconnect is scheduled after {@code retryIn}. */
        void lost(long generation, String why, Duration retryIn);

        /** Stopped for good (unauthorized, no WebSocket client). */
        void failed(String why);
    }

    private final URI uri;
    private final Map<String, String> headers;
    private final Backoff backoff;
    private final Duration pingInterval;
    private final Listener listener;
    private final ScheduledExecutorService timer;
    private final Object lock = new Object();

    private WebSocketContainer container;
    private long generation;
    private Session session;
    private int attempt;
    private boolean stopped;
    private ScheduledFuture<?> pings;
    private volatile boolean pingOutstanding;

    DataStreamConnection(
            URI uri, Map<String, String> headers, Backoff backoff, Duration pingInterval, Listener listener) {
        this.uri = uri;
        this.headers = Map.copyOf(headers);
        this.backoff = backoff;
        this.pingInterval = pingInterval;
        this.listener = listener;
        ScheduledThreadPoolExecutor t =
                new ScheduledThreadPoolExecutor(1, DaemonThreads.named("schematic-datastream-connect"));
        t.setRemoveOnCancelPolicy(true);
        t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.timer = t;
    }

    void start() {
        timer.execute(this::connect);
    }

    /** The connection is in use (flags loaded): the next loss retries after the shortest delay again. */
    void healthy() {
        synchronized (lock) {
            attempt = 0;
        }
    }

    /** Sends a text frame on the socket of {@code gen}; false when that socket is gone. */
    boolean send(long gen, String text) {
        Session s;
        synchronized (lock) {
            s = gen == generation ? session : null;
        }
        if (s == null || !s.isOpen()) {
            return false;
        }
        try {
            s.getAsyncRemote().sendText(text, result -> {
                if (!result.isOK()) {
                    LOG.log(Level.DEBUG, () -> "DataStream send failed: " + result.getException());
                }
            });
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "DataStream send failed: " + e);
            return false;
        }
    }

    long generation() {
        synchronized (lock) {
            return generation;
        }
    }

    /** Closes the socket and stops reconnecting. Idempotent. */
    void close() {
        Session s;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            generation++;
            s = session;
            session = null;
            cancelPings();
        }
        timer.shutdownNow();
        closeQuietly(s, new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "client closed"));
    }

    // ---- on the connect thread

    private void connect() {
        long gen;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            gen = ++generation;
        }
        WebSocketContainer c;
        try {
            c = container();
        } catch (RuntimeException | LinkageError e) {
            stopFor("no jakarta.websocket client implementation is available (" + e
                    + "); outside a Jakarta EE server add org.glassfish.tyrus.bundles:tyrus-standalone-client");
            return;
        }
        try {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                    .configurator(new ClientEndpointConfig.Configurator() {
                        @Override
                        public void beforeRequest(Map<String, List<String>> request) {
                            headers.forEach((k, v) -> request.put(k, List.of(v)));
                        }
                    })
                    .build();
            Session s = c.connectToServer(new Socket(gen), config, uri);
            boolean current;
            synchronized (lock) {
                current = gen == generation && !stopped;
                if (current) {
                    session = s;
                    pingOutstanding = false;
                    cancelPings();
                    long every = Math.max(10, pingInterval.toMillis());
                    pings = timer.scheduleWithFixedDelay(() -> ping(gen), every, every, TimeUnit.MILLISECONDS);
                }
            }
            if (!current) {
                closeQuietly(s, new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "superseded"));
            } else if (!s.isOpen()) {
                lostSocket(gen, "socket closed right after opening");
            }
        } catch (Exception | LinkageError e) {
            String detail = CloseReasons.describe(e);
            if (CloseReasons.refusedHandshake(detail)) {
                stopFor("the DataStream refused the handshake (" + detail + "); check schematic.api-key");
            } else {
                lostSocket(gen, "connect to " + uri + " failed: " + detail);
            }
        }
    }

    private void ping(long gen) {
        Session s;
        synchronized (lock) {
            s = gen == generation ? session : null;
        }
        if (s == null) {
            return;
        }
        if (pingOutstanding) {
            restart(gen, "no pong within " + pingInterval.toMillis() + " ms");
            return;
        }
        pingOutstanding = true;
        try {
            s.getAsyncRemote().sendPing(ByteBuffer.wrap(new byte[] {'s'}));
        } catch (Exception e) {
            restart(gen, "ping failed: " + e);
        }
    }

    /** Drops the socket of {@code gen} (its callbacks are ignored from now on) and reconnects. */
    private void restart(long gen, String why) {
        Session s;
        synchronized (lock) {
            if (gen != generation || stopped) {
                return;
            }
            s = session;
            session = null;
            generation++;
            cancelPings();
        }
        closeQuietly(s, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "reconnecting"));
        scheduleReconnect(gen, why);
    }

    private void lostSocket(long gen, String why) {
        synchronized (lock) {
            if (gen != generation || stopped) {
                return;
            }
            session = null;
            cancelPings();
        }
        scheduleReconnect(gen, why);
    }

    private void scheduleReconnect(long gen, String why) {
        Duration delay;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            attempt++;
            delay = backoff.delay(attempt - 1);
            try {
                timer.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return; // closing
            }
        }
        listener.lost(gen, why, delay);
    }

    private void stopFor(String why) {
        Session s;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            generation++;
            s = session;
            session = null;
            cancelPings();
        }
        closeQuietly(s, new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "stopped"));
        timer.shutdown();
        listener.failed(why);
    }

    private void cancelPings() {
        if (pings != null) {
            pings.cancel(false);
            pings = null;
        }
    }

    private WebSocketContainer container() {
        if (container == null) {
            container = ContainerProvider.getWebSocketContainer();
        }
        return container;
    }

    private static void closeQuietly(Session s, CloseReason reason) {
        if (s == null) {
            return;
        }
        try {
            if (s.isOpen()) {
                s.close(reason);
            }
        } catch (Exception e) {
            LOG.log(Level.DEBUG, () -> "DataStream socket close: " + e);
        }
    }

    /** The endpoint of one socket. */
    private final class Socket extends Endpoint {
        private final long gen;

        Socket(long gen) {
            this.gen = gen;
        }

        @Override
        public void onOpen(Session s, EndpointConfig config) {
            s.setMaxTextMessageBufferSize(MAX_TEXT_MESSAGE);
            s.setMaxIdleTimeout(0);
            s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> listener.message(gen, text));
            s.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> pingOutstanding = false);
            synchronized (lock) {
                if (gen == generation && !stopped) {
                    session = s;
                }
            }
            listener.opened(gen);
        }

        @Override
        public void onClose(Session s, CloseReason reason) {
            int code = CloseReasons.closeCode(reason);
            String phrase = reason == null || reason.getReasonPhrase() == null ? "" : reason.getReasonPhrase();
            synchronized (lock) {
                if (gen != generation || stopped) {
                    return;
                }
            }
            if (CloseReasons.DO_NOT_RETRY.contains(code)) {
                stopFor("the DataStream closed the socket with code " + code
                        + (code == 4001 ? " (unauthorized)" : " (forbidden)") + (phrase.isEmpty() ? "" : ": " + phrase)
                        + "; check schematic.api-key");
            } else {
                timer.execute(
                        () -> lostSocket(gen, "socket closed (" + code + (phrase.isEmpty() ? "" : " " + phrase) + ")"));
            }
        }

        @Override
        public void onError(Session s, Throwable error) {
            LOG.log(Level.DEBUG, () -> "DataStream socket error: " + error);
        }
    }
}
