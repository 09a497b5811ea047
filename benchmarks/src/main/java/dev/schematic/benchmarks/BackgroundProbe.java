package dev.schematic.benchmarks;

import com.sun.management.ThreadMXBean;
import dev.schematic.EventStats;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * {@link OpenFeatureCostProbe}'s {@code threads} mode: what each path of {@link OpenFeatureBenchmark} makes the rest
 * of the JVM do per check (CPU time by thread group, events submitted, delivered and dropped).
 */
final class BackgroundProbe {
    private static volatile boolean sink;

    private BackgroundProbe() {}

    static void run(double seconds, int rounds) throws Exception {
        OpenFeatureBenchmark b = new OpenFeatureBenchmark();
        b.setUp();
        try {
            String[] names = {"direct", "provider"};
            BooleanSupplier[] ops = {b::directCheckFlag, b::openFeatureGetBooleanValue};
            ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < ops.length; i++) {
                    b.schematic.flush();
                    Thread.sleep(300);
                    Map<Long, Long> before = cpuByThread(mx);
                    EventStats e0 = b.schematic.eventStats();
                    long p0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    long end = t0 + (long) (seconds * 1e9);
                    long n = 0;
                    boolean s = false;
                    while ((n & 1023) != 0 || System.nanoTime() < end) {
                        s ^= ops[i].getAsBoolean();
                        n++;
                    }
                    sink = s;
                    long wall = System.nanoTime() - t0;
                    long process = os.getProcessCpuTime() - p0;
                    EventStats e1 = b.schematic.eventStats();
                    Map<String, Long> groups = groups(mx, before, cpuByThread(mx));
                    StringBuilder line = new StringBuilder(String.format(
                            "round %d %-8s %.0f ns/check wall, %.1f M checks/s; events per check: submitted %.3f,"
                                    + " delivered %.4f, dropped %.3f; CPU ns per check:",
                            round,
                            names[i],
                            wall / (double) n,
                            n / (wall / 1e3),
                            (e1.submitted() - e0.submitted()) / (double) n,
                            (e1.delivered() - e0.delivered()) / (double) n,
                            (e1.dropped() - e0.dropped()) / (double) n));
                    long total = 0;
                    for (Map.Entry<String, Long> g : groups.entrySet()) {
                        if (g.getValue() / (double) n >= 1) {
                            line.append(String.format(" %s=%.0f", g.getKey(), g.getValue() / (double) n));
                        }
                        total += g.getValue();
                    }
                    line.append(String.format(
                            " | Java threads=%.0f, process=%.0f (the rest: GC, JIT, VM)",
                            total / (double) n, process / (double) n));
                    System.out.println(line);
                }
            }
        } finally {
            b.tearDown();
        }
    }

    private static Map<Long, Long> cpuByThread(ThreadMXBean mx) {
        Map<Long, Long> m = new HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            m.put(id, mx.getThreadCpuTime(id));
        }
        return m;
    }

    /** CPU time spent between the two readings, by thread name with digits stripped. */
    private static Map<String, Long> groups(ThreadMXBean mx, Map<Long, Long> before, Map<Long, Long> after) {
        Map<String, Long> g = new TreeMap<>();
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            ThreadInfo info = mx.getThreadInfo(e.getKey());
            if (info == null || e.getValue() < 0) {
                continue;
            }
            long spent = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            g.merge(info.getThreadName().replaceAll("[0-9]+", "#"), spent, Long::sum);
        }
        return g;
    }
}
