package dev.schematic.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} (e.g. Debian's {@code redis-server} package) started for a test on a free port of
 * 127.0.0.1, with a temporary directory and no persistence. Use {@link #missing()} to skip tests where it is not
 * installed:
 *
 * <pre>{@code
 * Assumptions.assumeTrue(LocalRedisServer.missing() == null, LocalRedisServer::missing);
 * try (LocalRedisServer redis = LocalRedisServer.start()) {
 *     ... property("schematic.datastream.redis.url", redis.url()) ...
 * }
 * }</pre>
 *
 * {@link #stop()} and {@link #restart()} take it away and bring it back on the same port (empty: nothing is
 * persisted).
 */
public final class LocalRedisServer implements AutoCloseable {
    private final Path executable;
    private final int port;
    private final Path dir;
    private Process process;

    private LocalRedisServer(Path executable, int port, Path dir) {
        this.executable = executable;
        this.port = port;
        this.dir = dir;
    }

    /** The {@code redis-server} to run: {@code /usr/bin/redis-server}, else the first on {@code PATH}. */
    public static Optional<Path> executable() {
        Path debian = Path.of("/usr/bin/redis-server");
        if (Files.isExecutable(debian)) {
            return Optional.of(debian);
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(java.io.File.pathSeparator)) {
                if (d.isEmpty()) {
                    continue;
                }
                Path p = Path.of(d, "redis-server");
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Null when a {@code redis-server} can be started, else why not (a message for a skipped test). */
    public static String missing() {
        return executable().isPresent()
                ? null
                : "redis-server is not installed (neither /usr/bin/redis-server nor on PATH); on Debian/Ubuntu:"
                        + " apt-get install -y redis-server";
    }

    /** Starts a server on a free port; waits until it answers {@code PING}. */
    public static LocalRedisServer start() {
        Path exe = executable().orElseThrow(() -> new IllegalStateException(missing()));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("schematic-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalRedisServer r = new LocalRedisServer(exe, port, dir);
        r.restart();
        return r;
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** {@code redis://127.0.0.1:<port>/0}: the value for {@code schematic.datastream.redis.url}. */
    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    /** Starts the server again on the same port (a no-op while it runs); it starts empty. */
    public synchronized LocalRedisServer restart() {
        if (process != null && process.isAlive()) {
            return this;
        }
        ProcessBuilder pb = new ProcessBuilder(List.of(
                        executable.toString(),
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--dir",
                        dir.toString(),
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--daemonize",
                        "no",
                        "--protected-mode",
                        "no",
                        "--logfile",
                        dir.resolve("redis.log").toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile());
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + executable, e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (RespClient c = RespClient.connect(host(), port)) {
                if ("PONG".equals(c.command("PING"))) {
                    return this;
                }
            } catch (RuntimeException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    stop();
                    throw new IllegalStateException("redis-server did not start on port " + port + ": " + log(), e);
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** Stops the server (its data is gone); {@link #restart()} brings it back on the same port. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private String log() {
        try {
            Path l = dir.resolve("redis.log");
            return Files.isRegularFile(l) ? Files.readString(l) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
