package dev.schematic.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

/**
 * The fake's public port. The JDK HTTP server cannot upgrade a connection to WebSocket, so each connection is routed by
 * its first request line: {@code /datastream} goes to the fake DataStream's server, everything else to the REST server.
 * Bytes are relayed unchanged both ways. This is what lets one base URL serve REST, {@code /batch} and the WebSocket,
 * which clients derive from the base URL ({@code http://host:port} → {@code ws://host:port/datastream}).
 */
final class PortRouter implements AutoCloseable {
    private static final int MAX_REQUEST_LINE = 16 * 1024;

    private final ServerSocket listener;
    private final ExecutorService workers;
    private final IntSupplier restPort;
    private final IntSupplier dataStreamPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param dataStreamPort the DataStream server's port (started on demand), or -1 while it is stopped; called on the
     *     first {@code /datastream} request of each connection
     */
    PortRouter(int port, String name, IntSupplier restPort, IntSupplier dataStreamPort) throws IOException {
        this.restPort = restPort;
        this.dataStreamPort = dataStreamPort;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 256);
        this.workers = Executors.newCachedThreadPool(FakeHttpServer.daemon(name + "-route-"));
        Thread acceptor = new Thread(this::acceptLoop, name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(this::closeQuietly);
        workers.shutdownNow();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                client.setTcpNoDelay(true);
                open.add(client);
                workers.execute(() -> route(client));
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void route(Socket client) {
        Socket backend = null;
        try {
            InputStream in = client.getInputStream();
            byte[] head = new byte[MAX_REQUEST_LINE];
            int n = readRequestLine(in, head);
            if (n <= 0) {
                closeQuietly(client);
                return;
            }
            int port = isDataStream(head, n) ? dataStreamPort.getAsInt() : restPort.getAsInt();
            if (port < 0) { // the DataStream is stopped: refuse the upgrade at once
                client.getOutputStream()
                        .write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.ISO_8859_1));
                closeQuietly(client);
                return;
            }
            backend = new Socket(InetAddress.getByName("127.0.0.1"), port);
            backend.setTcpNoDelay(true);
            open.add(backend);
            Socket b = backend;
            workers.execute(() -> pump(b, client));
            OutputStream out = backend.getOutputStream();
            out.write(head, 0, n);
            out.flush();
            relay(in, backend); // on the client's EOF the backend's side is half-closed; pump() closes both
        } catch (IOException | RuntimeException e) {
            // a refused backend (e.g. DataStream stopped) or a client that went away: drop the connection
            closeQuietly(client);
            if (backend != null) {
                closeQuietly(backend);
            }
        }
    }

    /** Reads at least the first line into {@code buf}; returns the bytes read (the line and possibly more). */
    private static int readRequestLine(InputStream in, byte[] buf) throws IOException {
        int n = 0;
        while (n < buf.length) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                return n;
            }
            for (int i = n; i < n + r; i++) {
                if (buf[i] == '\n') {
                    return n + r;
                }
            }
            n += r;
        }
        return n;
    }

    /** Whether the request line's target is {@code /datastream} (with or without query). */
    private static boolean isDataStream(byte[] head, int n) {
        String line = new String(head, 0, Math.min(n, 512), StandardCharsets.ISO_8859_1);
        String[] parts = line.split(" ", 3);
        if (parts.length < 2) {
            return false;
        }
        String target = parts[1];
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        return path.equals(FakeDataStream.PATH) || path.equals(FakeDataStream.PATH + "/");
    }

    private void relay(InputStream from, Socket to) throws IOException {
        OutputStream out = to.getOutputStream();
        byte[] buf = new byte[16 * 1024];
        int r;
        while ((r = from.read(buf)) >= 0) {
            out.write(buf, 0, r);
            out.flush();
        }
        try {
            to.shutdownOutput();
        } catch (IOException | UnsupportedOperationException ignored) {
            // already closed
        }
    }

    private void pump(Socket from, Socket to) {
        try {
            relay(from.getInputStream(), to);
        } catch (IOException ignored) {
            // one side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    @Override
    public String toString() {
        return "PortRouter[" + port() + "]";
    }
}
