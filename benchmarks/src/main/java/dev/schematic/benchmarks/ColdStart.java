package dev.schematic.benchmarks;

import static dev.schematic.testkit.DataStreamEntities.company;
import static dev.schematic.testkit.DataStreamEntities.companyOverride;
import static dev.schematic.testkit.DataStreamEntities.flag;

import dev.schematic.Schematic;
import dev.schematic.testkit.FakeDataStream;
import dev.schematic.testkit.FakeSchematic;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The first client of a cold JVM, with Schematic in another process, as in production: this JVM starts the fake
 * server (1,000 flags), warms it with one client of its own, then starts {@code runs} fresh JVMs one after the other.
 * Each child builds one DataStream client and reports the time from {@code build()} until {@code awaitReady}
 * returns, the time of its first local check, and apart from both its JVM's own start (uptime when {@code main}
 * begins). {@link DataStreamStartup} measures the same with the fake in the client's JVM, where the fake's own cold
 * start competes for the cores and its classes are loaded before the client's.
 *
 * <pre>
 * java [-Dcold.jvmArgs="-XX:SharedArchiveFile=app.jsa"] -cp benchmarks/target/benchmarks.jar \
 *     dev.schematic.benchmarks.ColdStart [runs]
 * </pre>
 */
public final class ColdStart {
    private static final String CHILD = "--child";

    private ColdStart() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(CHILD)) {
            child(args[1], args[2]);
            return;
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        try (FakeSchematic fake =
                FakeSchematic.start().contractCheck(false).recordRequests(false).recordEvents(false)) {
            FakeDataStream ds = fake.dataStream().recordRequests(false);
            seed(ds);
            try (Schematic warm = client(fake.baseUrl(), ds.url())) {
                if (!warm.awaitReady(Duration.ofSeconds(30))) {
                    throw new IllegalStateException("the warm-up client was not ready: " + warm.dataStream());
                }
            }
            long[][] results = new long[runs][];
            for (int i = 0; i < runs; i++) {
                results[i] = runChild(fake.baseUrl(), ds.url());
                System.out.printf(
                        "run %d: JVM start %d ms; build() to ready %d ms; first local check %d µs%n",
                        i + 1, results[i][0], results[i][1], results[i][2]);
            }
            System.out.printf(
                    "median of %d cold JVMs: JVM start %d ms; build() to ready %d ms; first local check %d µs%n",
                    runs, median(results, 0), median(results, 1), median(results, 2));
        }
    }

    private static long[] runChild(String baseUrl, String dataStreamUrl) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String extra = System.getProperty("cold.jvmArgs", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(Arrays.asList(extra.split("\\s+")));
        }
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                ColdStart.class.getName(),
                CHILD,
                baseUrl,
                dataStreamUrl));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        long[] result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("COLD ")) {
                    result = Arrays.stream(line.substring(5).split(" "))
                            .mapToLong(Long::parseLong)
                            .toArray();
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException("the child JVM failed (exit " + p.exitValue() + ")");
        }
        return result;
    }

    private static void child(String baseUrl, String dataStreamUrl) {
        long jvmStartMs = ManagementFactory.getRuntimeMXBean().getUptime();
        long t0 = System.nanoTime();
        try (Schematic s = client(baseUrl, dataStreamUrl)) {
            if (!s.awaitReady(Duration.ofSeconds(30))) {
                throw new IllegalStateException("not ready: " + s.dataStream());
            }
            long readyMs = (System.nanoTime() - t0) / 1_000_000;
            long t1 = System.nanoTime();
            s.checkFlag("flag-1", Map.of("id", "company-1"), Map.of());
            long firstCheckMicros = (System.nanoTime() - t1) / 1_000;
            System.out.println("COLD " + jvmStartMs + " " + readyMs + " " + firstCheckMicros);
        }
    }

    private static Schematic client(String baseUrl, String dataStreamUrl) {
        return Schematic.builder()
                .apiKey("sch_dev_bench")
                .baseUrl(baseUrl)
                .eventCaptureUrl(baseUrl)
                .property("schematic.datastream.enabled", "true")
                .property("schematic.datastream.url", dataStreamUrl)
                .property("schematic.events.max-queue", "100")
                .build();
    }

    private static long median(long[][] results, int column) {
        long[] values =
                Arrays.stream(results).mapToLong(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }

    /** The fake DataStream's content of every cold-start run: 1,000 flags, each with a company override rule, and one company. */
    static void seed(FakeDataStream ds) {
        for (int i = 0; i < 1000; i++) {
            ds.flag(flag("flag-" + i, i % 2 == 0, companyOverride("r" + i, "comp_" + i, true)));
        }
        ds.company(company("comp_1", Map.of("id", "company-1")));
    }
}
