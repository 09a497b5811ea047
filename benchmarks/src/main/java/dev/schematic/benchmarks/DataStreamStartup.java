package dev.schematic.benchmarks;

import static dev.schematic.testkit.DataStreamEntities.company;
import static dev.schematic.testkit.DataStreamEntities.companyOverride;
import static dev.schematic.testkit.DataStreamEntities.flag;
import static dev.schematic.testkit.DataStreamEntities.metric;

import dev.schematic.Schematic;
import dev.schematic.testkit.FakeDataStream;
import dev.schematic.testkit.FakeSchematic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two DataStream figures that are not per-call latencies, printed by a plain main:
 *
 * <ul>
 *   <li>time to ready with 1,000 flags over loopback (goal ≤ 500 ms): from {@code build()} until
 *       {@code awaitReady} returns, 10 clients in a warm JVM (the first is reported separately);
 *   <li>heap per 10,000 cached companies: used heap after GC once ready, after n/2 and after n companies
 *       ({@code -Dcompanies=n}, default 10,000; ≈0.7 KB of JSON each, two lookup keys) were fetched into the embedded
 *       store, in one client: the marginal cost per 10,000 (slope of the last two readings) and the fixed part apart.
 *       Client and fake server share the JVM; the fake is told to keep nothing per company (no subscriptions, no
 *       idempotency keys beyond the last batch, no requests), so its memory is not counted as the client's.
 * </ul>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.schematic.benchmarks.DataStreamStartup [--heap-only] [--histo]
 *     [--ready-only]
 * </pre>
 *
 * <p>{@code --ready-only} skips the heap part. The time to ready of a client runs from its {@code build()}; the JVM's
 * own start (its uptime when {@code main} begins) and the set-up of the fake server are printed apart.
 *
 * <p>{@code --heap-only} skips the time-to-ready part; {@code --histo} also prints where the heap went, from
 * {@code jcmd <pid> GC.class_histogram} (live objects) taken right after each of the three heap readings: per class,
 * the slope per company and the fixed residue.
 */
public final class DataStreamStartup {
    private DataStreamStartup() {}

    public static void main(String[] args) throws Exception {
        // the JVM's own start, reported apart from the SDK's: JVM uptime when main begins
        long jvmStartMs =
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        long mainNanos = System.nanoTime();
        List<String> options = List.of(args);
        boolean readyOnly = options.contains("--ready-only");
        boolean heapOnly = options.contains("--heap-only");
        boolean histo = options.contains("--histo");
        try (FakeSchematic fake =
                FakeSchematic.start().contractCheck(false).recordRequests(false).recordEvents(false)) {
            // the fake would otherwise keep every request frame it receives, parsed (~1.1 KB per company), and that
            // memory of the test server would be counted as the client's
            FakeDataStream ds = fake.dataStream().recordRequests(false);
            for (int i = 0; i < 1000; i++) {
                ds.flag(flag("flag-" + i, i % 2 == 0, companyOverride("r" + i, "comp_" + i, true)));
            }
            if (!heapOnly) {
                System.out.printf(
                        "JVM start (uptime at main): %d ms; main until the first client is built (fake server, 1,000"
                                + " flags): %d ms%n",
                        jvmStartMs, (System.nanoTime() - mainNanos) / 1_000_000);
                timeToReady(fake, ds);
            }
            if (!readyOnly) {
                heap(fake, ds, histo);
            }
        }
    }

    private static void timeToReady(FakeSchematic fake, FakeDataStream ds) {
        long[] ms = new long[11];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            try (Schematic s = client(fake, ds, 1000)) {
                if (!s.awaitReady(Duration.ofSeconds(30))) {
                    throw new IllegalStateException("not ready: " + s.dataStream());
                }
                ms[i] = (System.nanoTime() - t0) / 1_000_000;
            }
        }
        long[] warm = Arrays.copyOfRange(ms, 1, ms.length);
        Arrays.sort(warm);
        System.out.printf(
                "time to ready, 1,000 flags: first %d ms; warm median %d ms, max %d ms%n",
                ms[0], warm[warm.length / 2], warm[warm.length - 1]);
    }

    /**
     * Heap of the client for {@code n} companies, as a marginal cost and a fixed one: used heap after GC once the
     * client is ready (no company), after {@code n/2} and after {@code n} companies, in the same JVM and client. The
     * marginal cost is the slope between the last two readings; the fixed part is what the first {@code n/2} cost beyond
     * that slope (engine instances, table and buffer sizing, anything that does not grow with companies). The heap of
     * the ready client before any company (caches, rules engine, 1,000 flags) is printed apart.
     */
    private static void heap(FakeSchematic fake, FakeDataStream ds, boolean histo) throws Exception {
        int n = Integer.getInteger("companies", 10_000); // readings at 5,000 and 10,000
        int half = n / 2;
        for (int i = 0; i < n; i++) {
            ds.company(company(
                    "comp_" + i,
                    Map.of("id", "company-" + i, "domain", "company-" + i + ".example.com"),
                    metric("comp_" + i, "api-call", "all_time", i),
                    metric("comp_" + i, "seats", "current_month", i % 50)));
        }
        // what the in-process fake would keep per company otherwise, counted as the client's: the connection's
        // subscription to each company answered (no pushes are needed here) and the idempotency key of each
        // flag_check event (remembered 24 h by default; zero keeps only those of the last batch)
        ds.subscribeConnections(false);
        fake.idempotencyWindow(Duration.ZERO);
        // 4n + 2 entries: no cache reaches half of its bound, where Caffeine sizes its frequency sketch (8 bytes per
        // entry of the bound, rounded up to a power of two), so the sketch is in neither reading; printed apart below
        int maxEntries = 4 * n + 2;
        long none = usedHeap(); // the fake with its data, no client
        try (Schematic s = client(fake, ds, maxEntries / 2)) {
            s.awaitReady(Duration.ofSeconds(30));
            Thread.sleep(2000); // the flags snapshot's parsing garbage and start-up threads settle
            long h0 = usedHeap();
            System.out.printf("heap: the client once ready (1,000 flags, no company) %.1f MB%n", (h0 - none) / 1e6);
            Path c0 = histo ? histogram() : null;
            check(s, 0, half);
            long h1 = usedHeap();
            Path c1 = histo ? histogram() : null;
            check(s, half, n);
            long h2 = usedHeap();
            Path c2 = histo ? histogram() : null;
            double slope = (h2 - h1) / (double) (n - half);
            double fixed = (h1 - h0) - slope * half;
            System.out.printf(
                    "heap: %,d companies %.1f MB, %,d companies %.1f MB (2 lookup keys each, after ready)%n",
                    half, (h1 - h0) / 1e6, n, (h2 - h0) / 1e6);
            System.out.printf(
                    "heap: marginal %.2f MB per 10,000 companies (%.0f bytes each), fixed %.1f MB; "
                            + "10,000 companies = %.1f MB with the fixed part%n",
                    slope * 10_000 / 1e6, slope, fixed / 1e6, (fixed + slope * 10_000) / 1e6);
            System.out.printf(
                    "not included: Caffeine's frequency sketches, once a cache is half full: 8 bytes x the bound "
                            + "(rounded up to a power of 2) per cache, e.g. %.2f MB for the company and lookup caches "
                            + "of a store bounded at 20,000 entries%n",
                    2 * 8 * Integer.highestOneBit(20_000 * 2 - 1) / 1e6);
            if (histo) {
                printPerClass(parse(c0), parse(c1), parse(c2), half, n - half);
            }
        }
    }

    private static void check(Schematic s, int from, int to) {
        for (int i = from; i < to; i++) {
            s.checkFlag("flag-" + (i % 1000), Map.of("id", "company-" + i), Map.of());
        }
    }

    static Schematic client(FakeSchematic fake, FakeDataStream ds, int maxEntries) {
        return Schematic.builder()
                .apiKey("sch_dev_bench")
                .baseUrl(fake.baseUrl())
                .eventCaptureUrl(fake.baseUrl())
                .property("schematic.datastream.enabled", "true")
                .property("schematic.datastream.url", ds.url())
                .property("schematic.datastream.local-cache.max-entries", Integer.toString(maxEntries * 2))
                .property("schematic.rules.memo-size", "0")
                .property("schematic.events.max-queue", "100")
                .build();
    }

    /**
     * Writes {@code jcmd <pid> GC.class_histogram} (live objects) to a file, so that no reading holds the earlier ones
     * in the heap it measures (a parsed histogram is ~0.5 MB of maps and class names).
     */
    private static Path histogram() throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Path file = Files.createTempFile("histo", ".txt");
        file.toFile().deleteOnExit();
        Process p = new ProcessBuilder(
                        jcmd, Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                .redirectErrorStream(true)
                .redirectOutput(file.toFile())
                .start();
        p.waitFor();
        return file;
    }

    /** Class name → {instances, bytes}, from a file of {@link #histogram}. */
    private static Map<String, long[]> parse(Path histogram) throws Exception {
        Map<String, long[]> out = new HashMap<>();
        for (String line : Files.readAllLines(histogram, StandardCharsets.UTF_8)) {
            // "   1:         12345        678901  java.lang.String (java.base@17)"
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                out.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        return out;
    }

    /**
     * Per class: the slope of the live-object histogram between the last two readings (bytes and instances per
     * company) and the fixed residue of the first half (what it cost beyond that slope).
     */
    private static void printPerClass(
            Map<String, long[]> c0, Map<String, long[]> c1, Map<String, long[]> c2, int first, int second) {
        List<String> classes = new ArrayList<>(c2.keySet());
        Map<String, double[]> rows = new HashMap<>(); // slope bytes, slope instances, fixed bytes
        double slopeTotal = 0;
        double fixedTotal = 0;
        for (String c : classes) {
            long[] a = c0.getOrDefault(c, new long[2]);
            long[] b = c1.getOrDefault(c, new long[2]);
            long[] d = c2.get(c);
            double slope = (d[1] - b[1]) / (double) second;
            double fixed = (b[1] - a[1]) - slope * first;
            rows.put(c, new double[] {slope, (d[0] - b[0]) / (double) second, fixed});
            slopeTotal += slope;
            fixedTotal += fixed;
        }
        System.out.printf(
                "live-object histogram: slope %.0f bytes per company (%.2f MB per 10,000), fixed residue %.1f MB%n",
                slopeTotal, slopeTotal * 10_000 / 1e6, fixedTotal / 1e6);
        System.out.printf("%10s %10s  %s%n", "bytes/co", "objects/co", "class (slope)");
        classes.sort(Comparator.comparingDouble(c -> -Math.abs(rows.get(c)[0])));
        for (String c : classes.subList(0, Math.min(16, classes.size()))) {
            System.out.printf("%10.1f %10.2f  %s%n", rows.get(c)[0], rows.get(c)[1], c);
        }
        System.out.printf("%10s  %s%n", "MB", "class (fixed residue)");
        classes.sort(Comparator.comparingDouble(c -> -Math.abs(rows.get(c)[2])));
        for (String c : classes.subList(0, Math.min(10, classes.size()))) {
            System.out.printf("%10.2f  %s%n", rows.get(c)[2] / 1e6, c);
        }
    }

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
