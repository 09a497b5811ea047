package dev.schematic.testkit;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.glassfish.tyrus.spi.ServerContainer;
import org.glassfish.tyrus.spi.ServerContainerFactory;

/**
 * The WebSocket server of a {@link FakeDataStream}: Tyrus on Grizzly at {@link FakeDataStream#PATH} on one port of
 * 127.0.0.1, started, stopped and started again on the same port. Records each handshake's headers into the
 * connections it serves. Thread-safe.
 */
final class DataStreamServer {
    private final int port;
    private final DataStreamConnections connections;
    private ServerContainer server;

    DataStreamServer(int port, DataStreamConnections connections) {
        this.port = port;
        this.connections = connections;
    }

    int port() {
        return port;
    }

    /** Starts the server unless it runs; retries binding while a previous server still holds the port. */
    synchronized void start() {
        if (server != null) {
            return;
        }
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(
                        FakeDataStream.Socket.class, FakeDataStream.PATH)
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(new FakeDataStream.Socket(connections));
                    }

                    @Override
                    public void modifyHandshake(
                            ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
                        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                        headers.putAll(request.getHeaders());
                        connections.handshakes.add(headers);
                    }
                })
                .build();
        ServerContainer s = ServerContainerFactory.createServerContainer(Map.of());
        IOException last = null;
        for (int i = 0; i < 50; i++) {
            try {
                s.addEndpoint(config);
                s.start("/", port);
                server = s;
                return;
            } catch (IOException e) {
                last = e; // the port may still be held by the previous server for a moment
                s.stop();
                s = ServerContainerFactory.createServerContainer(Map.of());
                FakeDataStream.sleep(100);
            } catch (DeploymentException e) {
                throw new IllegalStateException("fake DataStream cannot start: " + e, e);
            }
        }
        throw new IllegalStateException("fake DataStream cannot bind port " + port + ": " + last, last);
    }

    /** Stops the server (clients see the socket drop) and forgets its sessions. */
    synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
        connections.sessions.clear();
    }

    synchronized boolean isRunning() {
        return server != null;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
