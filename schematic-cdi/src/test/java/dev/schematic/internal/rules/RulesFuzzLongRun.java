package dev.schematic.internal.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Long host/WASM agreement runs of the fuzzer, resumable (rulesengine/tools/fuzz-agreement.sh sets this up):
 * {@code java -cp <schematic-cdi test classpath> dev.schematic.internal.rules.RulesFuzzLongRun <fuzz test binary> <seed> <first>
 * <count> <shard> <dir>}. Runs the host fuzzer (cargo's release build of rulesengine/tests/fuzz.rs) one shard of cases
 * at a time into a dump file in {@code dir} (the next shard is generated while this one is replayed), replays it
 * through one instance of the bundled module (build-time compiled) with {@link RulesFuzzAgreementTest.Replay} and
 * writes a {@code .done} file per agreeing shard, so a run that was cut off continues where it stopped. A shard that
 * disagrees, traps, exceeds the time or memory bound, or whose host fuzzer fails (panic, time bound) leaves a
 * {@code .failures} file instead.
 */
final class RulesFuzzLongRun {
    private RulesFuzzLongRun() {}

    public static void main(String[] args) throws Exception {
        boolean ok = run(
                args[0],
                Long.parseLong(args[1]),
                Long.parseLong(args[2]),
                Long.parseLong(args[3]),
                Long.parseLong(args[4]),
                Path.of(args[5]));
        System.exit(ok ? 0 : 1);
    }

    /** Runs cases {@code first .. first+count} of {@code seed}; true when every shard agreed. */
    static boolean run(String bin, long seed, long first, long count, long shard, Path dir)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<String> names = new ArrayList<>();
        List<long[]> ranges = new ArrayList<>();
        for (long at = first; at < first + count; at += shard) {
            long n = Math.min(shard, first + count - at);
            names.add("shard-" + seed + "-" + at + "-" + n);
            ranges.add(new long[] {at, n});
        }
        EngineInstance instance = EngineModule.bundled().newInstance();
        long[] sum = new long[5]; // cases, answered, slowest ns, pages, replay ms
        int bad = 0;
        Process generating = null;
        for (int i = 0; i < names.size(); i++) {
            Path done = dir.resolve(names.get(i) + ".done");
            if (!Files.exists(done)) {
                long at = ranges.get(i)[0];
                long n = ranges.get(i)[1];
                Path file = dir.resolve(names.get(i) + ".bin");
                Process host = generating != null ? generating : generate(bin, seed, at, n, file);
                generating = null;
                for (int j = i + 1; j < names.size() && generating == null; j++) {
                    if (!Files.exists(dir.resolve(names.get(j) + ".done"))) {
                        long[] r = ranges.get(j);
                        generating = generate(bin, seed, r[0], r[1], dir.resolve(names.get(j) + ".bin"));
                    }
                }
                RulesFuzzAgreementTest.Replay r = replayShard(host, file, at, n, instance, done);
                System.out.printf("[rules fuzz] seed %d cases %d..%d: %s%n", seed, at, at + n, r.summary());
                if (!r.failures.isEmpty()) {
                    bad++;
                    Files.write(dir.resolve(names.get(i) + ".failures"), r.failures);
                    r.failures.stream().limit(5).forEach(System.out::println);
                    instance = EngineModule.bundled().newInstance();
                    continue;
                }
            }
            String[] f = Files.readString(done).trim().split(" ");
            sum[0] += Long.parseLong(f[0]);
            sum[1] += Long.parseLong(f[1]);
            sum[2] = Math.max(sum[2], Long.parseLong(f[2]));
            sum[3] = Math.max(sum[3], Long.parseLong(f[3]));
            sum[4] += Long.parseLong(f[4]);
            System.out.printf(
                    "[rules fuzz] total: %d cases agreed (%d answered), slowest call %.1f ms, memory %d pages; replay"
                            + " %.0f s (%.0f cases/s)%n",
                    sum[0], sum[1], sum[2] / 1e6, sum[3], sum[4] / 1e3, sum[0] * 1e3 / Math.max(1, sum[4]));
        }
        if (generating != null) {
            generating.destroy();
        }
        System.out.println("[rules fuzz] seed " + seed + " cases " + first + ".." + (first + count) + ": "
                + (bad == 0 ? "all agreed" : bad + " shards failed (see *.failures in " + dir + ")"));
        return bad == 0;
    }

    private static Process generate(String bin, long seed, long at, long n, Path file) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(bin, "--exact", "fuzz_never_traps_answers_in_bounded_time");
        pb.environment().put("FUZZ_SEED", Long.toString(seed));
        pb.environment().put("FUZZ_FIRST", Long.toString(at));
        pb.environment().put("FUZZ_CASES", Long.toString(n));
        pb.environment().put("FUZZ_DUMP", file.toString());
        return pb.inheritIO().start();
    }

    private static RulesFuzzAgreementTest.Replay replayShard(
            Process host, Path file, long at, long n, EngineInstance instance, Path done)
            throws IOException, InterruptedException {
        var r = new RulesFuzzAgreementTest.Replay(new EngineInstance[] {instance});
        r.base = at;
        int rc = host.waitFor();
        long t = System.nanoTime();
        if (rc != 0) {
            r.failures.add("the host fuzzer failed (exit " + rc + "): a panic or the time bound, see its output");
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                r.replay(in);
            }
        }
        long ms = (System.nanoTime() - t) / 1_000_000;
        if (r.cases != n && r.failures.isEmpty()) {
            r.failures.add("the host fuzzer wrote " + r.cases + " of " + n + " cases");
        }
        if (r.pages > RulesFuzzAgreementTest.MAX_PAGES) {
            r.failures.add("memory grew to " + r.pages + " pages");
        }
        if (r.failures.isEmpty()) {
            Files.writeString(done, r.cases + " " + r.answered + " " + r.slowest + " " + r.pages + " " + ms + "\n");
            Files.delete(file);
        }
        return r;
    }
}
