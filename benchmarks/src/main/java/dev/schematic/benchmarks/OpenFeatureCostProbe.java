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
 * java -cp benchmarks/target/benchmarks.jar dev.schematic.benchmarks.OpenFeatureCostProbe threads [seconds] [rounds]
 * java -cp benchmarks/target/benchmarks.jar dev.schematic.benchmarks.OpenFeatureCostProbe shapes [checks] [rounds]
 * </pre>
 *
 * <p>{@code -Dcapture=unreachable}: the client's events go to a closed port ({@link OpenFeatureBenchmark#capture}).
 *
 * <p>{@code shapes}: the same per-thread figures for each context shape (an {@code ImmutableContext} or a
 * {@code MutableContext}, reused or built per check), each with its floor (the no-op provider reading {@code company}).
 *
 * <p>{@code threads}: the direct and the provider check, alternately, each for some seconds: checks per second, and per
 * check the CPU time of every thread of the JVM (grouped by name) and the {@code flag_check} events submitted,
 * delivered and dropped, to see what background work each path causes.
 */
public final class OpenFeatureCostProbe {
    private static volatile boolean sink;

    private OpenFeatureCostProbe() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("threads")) {
            BackgroundProbe.run(
                    args.length > 1 ? Double.parseDouble(args[1]) : 3, args.length > 2 ? Integer.parseInt(args[2]) : 3);
            System.exit(0);
        }
        boolean shapes = args.length > 0 && args[0].equals("shapes");
        int first = shapes ? 1 : 0;
        int n = args.length > first ? Integer.parseInt(args[first]) : 300_000;
        int rounds = args.length > first + 1 ? Integer.parseInt(args[first + 1]) : 8;
        OpenFeatureBenchmark b = new OpenFeatureBenchmark();
        b.capture = System.getProperty("capture", "fake");
        b.setUp();
        try {
            ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            long tid = Thread.currentThread().getId();
            String[] names = shapes
                    ? new String[] {
                        "direct",
                        "direct per-request map",
                        "provider Immutable reused",
                        "floor Immutable reused",
                        "provider Mutable reused",
                        "floor Mutable reused",
                        "provider Immutable per-request",
                        "floor Immutable per-request",
                        "provider Mutable per-request",
                        "floor Mutable per-request"
                    }
                    : new String[] {
                        "direct checkFlag",
                        "provider Immutable",
                        "provider Mutable",
                        "conforming floor Immutable",
                        "conforming floor Mutable",
                        "no-op provider",
                        "no-op reading company"
                    };
            BooleanSupplier[] ops = shapes
                    ? new BooleanSupplier[] {
                        b::directCheckFlag,
                        b::directCheckFlagPerRequest,
                        b::openFeatureGetBooleanValue,
                        b::noOpProviderReadingCompany,
                        b::openFeatureMutableContext,
                        b::noOpProviderReadingCompanyMutable,
                        b::openFeaturePerRequestImmutable,
                        b::noOpProviderReadingCompanyPerRequestImmutable,
                        b::openFeaturePerRequestMutable,
                        b::noOpProviderReadingCompanyPerRequestMutable
                    }
                    : new BooleanSupplier[] {
                        b::directCheckFlag,
                        b::openFeatureGetBooleanValue,
                        b::openFeatureMutableContext,
                        b::conformingFloorImmutable,
                        b::conformingFloorMutable,
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
