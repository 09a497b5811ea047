import dev.schematic.testkit.CapturedEvent;
import dev.schematic.testkit.FakeSchematic;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The load benchmark's helper (run by run.sh as a single-file program, {@code java -cp <testkit classpath>
 * LoadHarness.java seed.json}): the test kit's fake Schematic, untouched, behind a small TCP proxy on loopback that can
 * refuse connections (nothing listens on its port) or freeze (accepts, reads, never answers), and a control port that
 * takes one command per connection: {@code normal}, {@code refuse}, {@code freeze}, {@code stats}, {@code quit}.
 * {@code stats} counts the {@code track} events the fake counted and how many distinct ones (by the {@code document}
 * trait the load script makes unique per request): counted minus distinct is the duplicates that got through; it also
 * reports how many re-sent events the fake dropped by their idempotency key.
 */
public final class LoadHarness {
    public static void main(String[] args) throws Exception {
        FakeSchematic fake = FakeSchematic.start(0).recordRequests(false);
        fake.seed(Path.of(args[0]));
        Proxy proxy = new Proxy(fake.port());
        proxy.listen();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int freePort;
        try (ServerSocket probe = new ServerSocket(0, 1, loopback)) {
            freePort = probe.getLocalPort();
        }
        try (ServerSocket control = new ServerSocket(0, 10, loopback)) {
            System.out.println("READY proxy=" + proxy.port() + " control=" + control.getLocalPort() + " app="
                    + freePort + " fake=" + fake.port());
            System.out.flush();
            while (true) {
                try (Socket c = control.accept()) {
                    c.setSoTimeout(5_000);
                    String command = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))
                            .readLine();
                    PrintWriter out = new PrintWriter(c.getOutputStream(), true, StandardCharsets.UTF_8);
                    if (command == null) {
                        continue;
                    }
                    switch (command.strip()) {
                        case "normal", "refuse", "freeze" -> out.println("mode " + proxy.mode(command.strip()));
                        case "stats" -> out.println(stats(fake));
                        case "quit" -> {
                            out.println("bye");
                            proxy.mode("refuse");
                            fake.close();
                            return;
                        }
                        default -> out.println("unknown command: " + command);
                    }
                } catch (IOException e) {
                    System.err.println("control: " + e);
                }
            }
        }
    }

    /**
     * {@code received=<track events counted> distinct=<documents> resent=<events dropped by idempotency key>
     * batches=<capture requests> all=<events of any type counted>}: received minus distinct is the events counted twice
     * (must be 0); resent is the re-sent copies the fake recognised by their {@code idempotency_key} and did not count.
     */
    static String stats(FakeSchematic fake) {
        List<CapturedEvent> tracks = fake.events("track");
        Set<String> documents = new HashSet<>();
        for (CapturedEvent e : tracks) {
            JsonValue traits = e.body().get("traits");
            String document = traits instanceof JsonObject t ? t.getString("document", null) : null;
            documents.add(document == null ? "(none) " + e.raw() : document);
        }
        return "received=" + tracks.size() + " distinct=" + documents.size() + " resent=" + fake.duplicateEventCount()
                + " batches="
                + fake.batchSizes().size() + " all=" + fake.eventCount();
    }

    /** A TCP proxy from a loopback port to the fake, with the two outage shapes. */
    static final class Proxy {
        private final int target;
        private final InetAddress loopback = InetAddress.getLoopbackAddress();
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private volatile String mode = "normal";
        private ServerSocket server;
        private int port;

        Proxy(int target) {
            this.target = target;
        }

        int port() {
            return port;
        }

        /** Binds the proxy's port (the same one again after a refusal) and accepts on a daemon thread. */
        synchronized void listen() throws IOException {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(loopback, port), 512);
            port = s.getLocalPort();
            server = s;
            daemon("proxy-accept", () -> accept(s));
        }

        synchronized String mode(String next) throws IOException {
            String previous = mode;
            if (next.equals(previous)) {
                return next;
            }
            if (next.equals("refuse")) {
                mode = next;
                server.close(); // nothing listens: connects are refused
                closeAll(); // as if the server process had gone
            } else if (next.equals("freeze")) {
                mode = next; // pumps hold what they read; new connections are accepted and never served
            } else {
                mode = next;
                closeAll(); // connections held during a freeze are reset, as by a server that was restarted
                if (previous.equals("refuse")) {
                    listen();
                }
            }
            return next;
        }

        private void closeAll() {
            for (Socket s : open) {
                close(s);
            }
            open.clear();
        }

        private void accept(ServerSocket s) {
            while (!s.isClosed()) {
                Socket client;
                try {
                    client = s.accept();
                } catch (IOException closed) {
                    return;
                }
                open.add(client);
                if (mode.equals("freeze")) {
                    continue; // accepted, never read, never answered; closed when the freeze ends
                }
                daemon("proxy-connect", () -> connect(client));
            }
        }

        private void connect(Socket client) {
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(loopback, target), 5_000);
            } catch (IOException e) {
                close(client);
                return;
            }
            open.add(upstream);
            daemon("proxy-up", () -> pump(client, upstream));
            daemon("proxy-down", () -> pump(upstream, client));
        }

        /** Copies {@code from} to {@code to}; while frozen, holds what it read until the freeze ends (and closes). */
        private void pump(Socket from, Socket to) {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    while (mode.equals("freeze") && !from.isClosed() && !to.isClosed()) {
                        Thread.sleep(20);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // closed by the other side, by a mode change, or at exit
            } finally {
                close(from);
                close(to);
                open.remove(from);
                open.remove(to);
            }
        }

        private static void close(Socket s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        private static void daemon(String name, Runnable task) {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            t.start();
        }
    }
}
