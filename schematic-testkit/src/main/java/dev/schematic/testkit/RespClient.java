package dev.schematic.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal Redis-protocol (RESP2) client for tests: one socket, one command at a time, reconnecting once when the
 * socket was lost (e.g. after the server restarted). Speaks what Redis, Valkey and Infinispan's RESP endpoint all
 * answer; sends no {@code HELLO}. Replies: simple and bulk strings → {@link String}, integers → {@link Long}, arrays
 * → {@link List}, nil → {@code null}; an error reply throws {@link IllegalStateException}.
 *
 * <pre>{@code
 * try (RespClient redis = RespClient.connect("127.0.0.1", 6379)) {
 *     redis.command("SET", "k", "v");
 *     String v = redis.get("k");
 * }
 * }</pre>
 */
public final class RespClient implements AutoCloseable {
    private final String host;
    private final int port;
    private final String password;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private RespClient(String host, int port, String password) {
        this.host = host;
        this.port = port;
        this.password = password;
    }

    /** Connects (lazily) to a server without authentication. */
    public static RespClient connect(String host, int port) {
        return new RespClient(host, port, null);
    }

    /** Connects (lazily) to a server; {@code password} is sent with {@code AUTH} when not null. */
    public static RespClient connect(String host, int port, String password) {
        return new RespClient(host, port, password);
    }

    /** Sends a command and returns its reply; reconnects and retries once when the socket was lost. */
    public synchronized Object command(String... args) {
        try {
            return send(args);
        } catch (IOException first) {
            disconnect();
            try {
                return send(args);
            } catch (IOException e) {
                disconnect();
                throw new UncheckedIOException("Redis-protocol server " + host + ":" + port + ": " + e, e);
            }
        }
    }

    /** {@code GET key}. */
    public String get(String key) {
        return (String) command("GET", key);
    }

    /** {@code PTTL key}: milliseconds left, -1 without expiry, -2 absent. */
    public long pttl(String key) {
        return (Long) command("PTTL", key);
    }

    /** {@code SET key value [PX millis]}; {@code millis} ≤ 0 means no expiry. */
    public void set(String key, String value, long millis) {
        if (millis > 0) {
            command("SET", key, value, "PX", Long.toString(millis));
        } else {
            command("SET", key, value);
        }
    }

    /** {@code DEL key…}. */
    public long del(String... keys) {
        if (keys.length == 0) {
            return 0;
        }
        String[] args = new String[keys.length + 1];
        args[0] = "DEL";
        System.arraycopy(keys, 0, args, 1, keys.length);
        return (Long) command(args);
    }

    /** Every key matching a glob pattern, by {@code SCAN}. */
    public List<String> keys(String pattern) {
        List<String> out = new ArrayList<>();
        String cursor = "0";
        do {
            List<?> page = (List<?>) command("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
            cursor = String.valueOf(page.get(0));
            for (Object k : (List<?>) page.get(1)) {
                out.add((String) k);
            }
        } while (!cursor.equals("0"));
        return out;
    }

    private Object send(String[] args) throws IOException {
        if (socket == null) {
            open();
        }
        write(args);
        return read();
    }

    private void open() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(host, port), 5_000);
        s.setSoTimeout(5_000);
        s.setTcpNoDelay(true);
        socket = s;
        in = new BufferedInputStream(s.getInputStream());
        out = s.getOutputStream();
        if (password != null) {
            write(new String[] {"AUTH", password});
            read();
        }
    }

    private void write(String[] args) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (String a : args) {
            byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
            b.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            b.writeBytes(bytes);
            b.writeBytes(new byte[] {'\r', '\n'});
        }
        out.write(b.toByteArray());
        out.flush();
    }

    private Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("connection closed by the server");
        }
        String line = line();
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new IllegalStateException("Redis-protocol error reply: " + line);
            case ':':
                return Long.parseLong(line);
            case '_':
                return null;
            case '$': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(n);
                line();
                return new String(bytes, StandardCharsets.UTF_8);
            }
            case '*': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(read());
                }
                return list;
            }
            default:
                throw new IOException("unexpected RESP reply type '" + (char) type + "'");
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(32);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\r') {
                in.read(); // '\n'
                return b.toString(StandardCharsets.UTF_8);
            }
            b.write(c);
        }
        throw new IOException("connection closed by the server");
    }

    private void disconnect() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }

    @Override
    public synchronized void close() {
        disconnect();
    }
}
