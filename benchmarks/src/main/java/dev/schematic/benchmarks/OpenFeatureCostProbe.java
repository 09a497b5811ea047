package dev.schematic.benchmarks;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.BooleanSupplier;

/**
 * {@link OpenFeatureBenchmark}'s checks measured by what the checking thread itself spends: CPU time and bytes
 * allocated per check ({@code ThreadMXBean}), in alternating rounds. On a loaded shared machine JMH's wall-clock times
 * mostly measure the wait for a core; the checking thread's own CPU time and allocation do not. Not a JMH benchmark
 * (no blackholes, one thread); a companion to it for comparing the paths, see docs/performance.md.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.schematic.benchmarks.OpenFeatureCostProbe [checks per round] [rounds]
 * </pre>
 */
public final class OpenFeatureCostProbe {
    private static volatile boolean sink;

    private OpenFeatureCostProbe() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        OpenFeatureBenchmark b = new OpenFeatureBenchmark();
        b.setUp();
        try {
            ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            long tid = Thread.currentThread().getId();
            String[] names = {"direct checkFlag", "provider getBooleanValue", "no-op provider", "no-op reading company"
            };
            BooleanSupplier[] ops = {
                b::directCheckFlag,
                b::openFeatureGetBooleanValue,
                b::noOpProviderGetBooleanValue,
                b::noOpProviderReadingCompany
            };
            for (int round = 0; round < rounds; round++) {
                StringBuilder line = new StringBuilder("round ").append(round);
                for (int i = 0; i < ops.length; i++) {
                    long cpu = mx.getCurrentThreadCpuTime();
                    long bytes = mx.getThreadAllocatedBytes(tid);
                    boolean s = false;
                    for (int k = 0; k < n; k++) {
                        s ^= ops[i].getAsBoolean();
                    }
                    sink = s;
                    line.append(String.format(
                            " | %s %.0f cpu-ns %.0f B",
                            names[i],
                            (mx.getCurrentThreadCpuTime() - cpu) / (double) n,
                            (mx.getThreadAllocatedBytes(tid) - bytes) / (double) n));
                }
                System.out.println(line);
            }
        } finally {
            b.tearDown();
        }
        System.exit(0);
    }
}
