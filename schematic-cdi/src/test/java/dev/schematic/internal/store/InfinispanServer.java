package dev.schematic.internal.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An Infinispan Server 16.0.7 as a child JVM (toolchain.md G8): its jars come from the local Maven repository (listed
 * in {@code ispn-server/artifacts.txt}, fetched by {@code src/test/ispn-server/pom.xml}), its config from
 * {@code ispn-server/}. {@link #jarsMissing()} names what is missing so tests can skip cleanly.
 */
final class InfinispanServer implements AutoCloseable {
    private final Process process;
    final int port;
    /** The RESP endpoint's own port (toolchain.md G9). */
    final int respPort;

    final Path root;

    private InfinispanServer(Process process, int port, int respPort, Path root) {
        this.process = process;
        this.port = port;
        this.respPort = respPort;
        this.root = root;
    }

    static Path repository() {
        String repo = System.getProperty("maven.repo.local");
        return repo != null ? Path.of(repo) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    static List<Path> jars() throws IOException {
        List<Path> out = new ArrayList<>();
        try (InputStream in = InfinispanServer.class.getResourceAsStream("/ispn-server/artifacts.txt")) {
            if (in == null) {
                return out;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] p = line.strip().split(":", -1);
                if (p.length != 5) {
                    continue;
                }
                String g = p[0], a = p[1], type = p[2], classifier = p[3], v = p[4];
                out.add(repository()
                        .resolve(g.replace('.', '/'))
                        .resolve(a)
                        .resolve(v)
                        .resolve(a + "-" + v + (classifier.isEmpty() ? "" : "-" + classifier) + "." + type));
            }
        }
        return out;
    }

    /** Null when every jar is there, else a message for the skipped test. */
    static String jarsMissing() throws IOException {
        List<Path> jars = jars();
        if (jars.isEmpty()) {
            return "ispn-server/artifacts.txt not found";
        }
        long missing = jars.stream().filter(j -> !Files.isRegularFile(j)).count();
        return missing == 0
                ? null
                : missing + " of " + jars.size() + " Infinispan Server jars missing from " + repository()
                        + " (fetch them: ./mvnw -q -f schematic-cdi/src/test/ispn-server/pom.xml dependency:list)";
    }

    static InfinispanServer start(Path workDir) throws IOException, InterruptedException {
        int port;
        int respPort;
        try (ServerSocket s = new ServerSocket(0);
                ServerSocket r = new ServerSocket(0)) {
            port = s.getLocalPort();
            respPort = r.getLocalPort();
        }
        Path root = Files.createDirectories(workDir.resolve("ispn-" + port));
        Path conf = Files.createDirectories(root.resolve("server/conf"));
        Files.createDirectories(root.resolve("server/lib")); // G8: must exist
        for (String f : List.of("infinispan.xml", "log4j2.xml")) {
            try (InputStream in = InfinispanServer.class.getResourceAsStream("/ispn-server/" + f)) {
                Files.copy(in, conf.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        StringBuilder cp = new StringBuilder();
        for (Path j : jars()) {
            cp.append(cp.length() == 0 ? "" : java.io.File.pathSeparator).append(j);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-cp",
                        cp.toString(),
                        "-Dinfinispan.server.home.path=" + root,
                        "-Dlog4j.configurationFile=" + conf.resolve("log4j2.xml"),
                        "-Dinfinispan.resp.port=" + respPort,
                        "org.infinispan.server.Bootstrap",
                        "-s",
                        root.resolve("server").toString(),
                        "-c",
                        "infinispan.xml",
                        "-b",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(port))
                .redirectErrorStream(true)
                .directory(root.toFile());
        Process p = pb.start();
        CountDownLatch started = new CountDownLatch(1);
        StringBuilder log = new StringBuilder();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            synchronized (log) {
                                if (log.length() < 20_000) {
                                    log.append(line).append('\n');
                                }
                            }
                            if (line.contains("ISPN080001")) {
                                started.countDown();
                            }
                        }
                    } catch (IOException e) {
                        // process ended
                    }
                },
                "ispn-server-log");
        reader.setDaemon(true);
        reader.start();
        if (!started.await(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            synchronized (log) {
                throw new IllegalStateException("Infinispan Server did not start:\n" + log);
            }
        }
        return new InfinispanServer(p, port, respPort, root);
    }

    String servers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
