package dev.schematic.benchmarks;

import static dev.schematic.testkit.DataStreamEntities.company;
import static dev.schematic.testkit.DataStreamEntities.companyOverride;
import static dev.schematic.testkit.DataStreamEntities.flag;
import static dev.schematic.testkit.DataStreamEntities.metric;

import dev.schematic.Schematic;
import dev.schematic.testkit.FakeDataStream;
import dev.schematic.testkit.FakeSchematic;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
 *   <li>heap per 10,000 cached companies (goal ≤ 30 MB): used heap after GC before and after 10,000 companies
 *       (≈0.7 KB of JSON each, two lookup keys) were fetched into the embedded store. Client and fake server share the
 *       JVM; the fake keeps no per-request memory besides its subscription set (~32 bytes per company).
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
 * <p>{@code --heap-only} skips the time-to-ready part; {@code --histo} also prints where the heap went: the
 * difference of two {@code jcmd <pid> GC.class_histogram} outputs (live objects), each taken right after one of the
 * two heap readings.
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

    private static void heap(FakeSchematic fake, FakeDataStream ds, boolean histo) throws Exception {
        int n = Integer.getInteger("companies", 10_000); // -Dcompanies=20000: the slope excludes fixed costs
        for (int i = 0; i < n; i++) {
            ds.company(company(
                    "comp_" + i,
                    Map.of("id", "company-" + i, "domain", "company-" + i + ".example.com"),
                    metric("comp_" + i, "api-call", "all_time", i),
                    metric("comp_" + i, "seats", "current_month", i % 50)));
        }
        try (Schematic s = client(fake, ds, n)) {
            s.awaitReady(Duration.ofSeconds(30));
            long before = usedHeap();
            Map<String, long[]> histoBefore = histo ? histogram() : null;
            for (int i = 0; i < n; i++) {
                s.checkFlag("flag-" + (i % 1000), Map.of("id", "company-" + i), Map.of());
            }
            long after = usedHeap();
            Map<String, long[]> histoAfter = histo ? histogram() : null;
            System.out.printf(
                    "heap for %,d cached companies: %.1f MB (%d bytes each, incl. 2 lookup keys, fixed costs included)%n",
                    n, (after - before) / 1e6, (after - before) / n);
            if (histo) {
                printDifference(histoBefore, histoAfter, n);
            }
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

    /** Class name → {instances, bytes} of the live objects, from {@code jcmd <pid> GC.class_histogram}. */
    private static Map<String, long[]> histogram() throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(
                        jcmd, Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                .redirectErrorStream(true)
                .start();
        Map<String, long[]> out = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                // "   1:         12345        678901  java.lang.String (java.base@17)"
                String[] f = line.trim().split("\\s+");
                if (f.length >= 4 && f[0].endsWith(":")) {
                    out.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                }
            }
        }
        p.waitFor();
        return out;
    }

    private static void printDifference(Map<String, long[]> before, Map<String, long[]> after, int n) {
        List<Map.Entry<String, long[]>> diff = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, long[]> e : after.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            long[] d = {e.getValue()[0] - b[0], e.getValue()[1] - b[1]};
            total += d[1];
            diff.add(Map.entry(e.getKey(), d));
        }
        diff.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -Math.abs(e.getValue()[1])));
        System.out.printf(
                "live-object histogram difference: %.1f MB in total (%d bytes each)%n", total / 1e6, total / n);
        System.out.printf("%12s %12s %10s  %s%n", "instances", "bytes", "per company", "class");
        for (Map.Entry<String, long[]> e : diff.subList(0, Math.min(25, diff.size()))) {
            long[] d = e.getValue();
            System.out.printf("%12d %12d %10.1f  %s%n", d[0], d[1], d[1] / (double) n, e.getKey());
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
