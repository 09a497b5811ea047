package dev.schematic.benchmarks;

import static dev.schematic.testkit.DataStreamEntities.company;
import static dev.schematic.testkit.DataStreamEntities.companyOverride;
import static dev.schematic.testkit.DataStreamEntities.flag;
import static dev.schematic.testkit.DataStreamEntities.metric;

import dev.schematic.Schematic;
import dev.schematic.testkit.FakeDataStream;
import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * Two DataStream figures that are not per-call latencies, printed by a plain main:
 *
 * <ul>
 *   <li>time to ready with 1,000 flags over loopback (goal ≤ 500 ms): from {@code build()} until
 *       {@code awaitReady} returns, 10 clients in a warm JVM (the first is reported separately);
 *   <li>heap per 10,000 cached companies (goal ≤ 30 MB): used heap after GC before and after 10,000 companies
 *       (≈1 KB of JSON each, two lookup keys) were fetched into the embedded store.
 * </ul>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.schematic.benchmarks.DataStreamStartup
 * </pre>
 */
public final class DataStreamStartup {
    private DataStreamStartup() {}

    public static void main(String[] args) throws Exception {
        try (FakeSchematic fake = FakeSchematic.start().recordRequests(false).recordEvents(false)) {
            FakeDataStream ds = fake.dataStream();
            for (int i = 0; i < 1000; i++) {
                ds.flag(flag("flag-" + i, i % 2 == 0, companyOverride("r" + i, "comp_" + i, true)));
            }
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

            int n = 10_000;
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
                for (int i = 0; i < n; i++) {
                    s.checkFlag("flag-" + (i % 1000), Map.of("id", "company-" + i), Map.of());
                }
                long after = usedHeap();
                System.out.printf(
                        "heap for %,d cached companies: %.1f MB (%d bytes each, incl. 2 lookup keys)%n",
                        n, (after - before) / 1e6, (after - before) / n);
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

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
