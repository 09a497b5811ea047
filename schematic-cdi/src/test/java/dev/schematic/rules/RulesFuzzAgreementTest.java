package dev.schematic.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.MissingTool;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fuzzer's cases (rulesengine/tests/fuzz.rs: random and mutated envelopes, written with the host build's answers
 * to {@code rulesengine/target/fuzz/host-cases.bin} by the rulesengine module's cargo test, or to the file named by
 * {@code RULES_FUZZ_DUMP}) replayed through the committed module under Chicory, on both load paths. Every case must give
 * byte for byte the host's answer (or be rejected like on the host), never trap, finish within {@link #TIME_BOUND_NANOS}
 * and leave the instance's memory within {@link #MAX_PAGES}.
 */
class RulesFuzzAgreementTest {
    /** A bound against hangs (not a performance figure): no single case may take longer. */
    static final long TIME_BOUND_NANOS = 5_000_000_000L;
    /** 64 MiB of linear memory: the fuzzer's envelopes are at most 1 MiB. */
    static final int MAX_PAGES = 1024;

    static Path dumpFile() {
        String given = System.getenv("RULES_FUZZ_DUMP");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path p = dir.resolve("rulesengine/target/fuzz/host-cases.bin");
            if (Files.exists(p)) {
                return p;
            }
            dir = dir.getParent();
        }
        return null;
    }

    @Test
    void wasmAgreesWithTheHostBuildOnEveryFuzzCase() throws Exception {
        Path file = dumpFile();
        MissingTool.skipOrFail(
                file == null
                        ? "the fuzzer's cases (rulesengine/target/fuzz/host-cases.bin) are missing: they are written by"
                                + " the rulesengine module's cargo test (./mvnw -pl rulesengine verify, needs Debian's"
                                + " Rust toolchain: apt-get install cargo rustc libstd-rust-dev-wasm32 lld-14"
                                + " librust-serde-json-dev wabt)"
                        : null);
        EngineInstance buildTime = EngineModule.bundled().newInstance();
        // RULES_FUZZ_PATHS=build-time replays through one load path only (for long runs)
        EngineInstance[] paths = "build-time".equals(System.getenv("RULES_FUZZ_PATHS"))
                ? new EngineInstance[] {buildTime}
                : new EngineInstance[] {
                    buildTime,
                    EngineModule.fromFile(RulesVectorsTest.bundledWasmFile()).newInstance()
                };
        Replay r = new Replay(paths);
        long started = System.nanoTime();
        try (InputStream raw = Files.newInputStream(file)) {
            r.replay(raw);
        }
        System.out.printf("[rules fuzz] %s in %.1f s%n", r.summary(), (System.nanoTime() - started) / 1e9);
        assertTrue(r.failures.isEmpty(), () -> String.join("\n", r.failures));
        assertTrue(r.pages <= MAX_PAGES, "memory grew to " + r.pages + " pages");
        assertTrue(r.cases >= 1000, "too few fuzz cases in " + file + ": " + r.cases);
        assertTrue(
                r.answered * 10 > r.cases && (r.cases - r.answered) * 10 > r.cases,
                "answered " + r.answered + " of " + r.cases);
    }

    /** Replays dump streams (format in rulesengine/tests/fuzz.rs) through the given instances and counts. */
    static final class Replay {
        final EngineInstance[] paths;
        /** The first case's index in the fuzzer's run (for the messages). */
        long base;

        long cases;
        long answered;
        long slowest;
        int pages;
        final List<String> failures = new ArrayList<>();

        Replay(EngineInstance[] paths) {
            this.paths = paths;
        }

        /** Reads one dump stream to its end (or until more than 20 failures). */
        void replay(InputStream raw) throws IOException {
            DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 20));
            byte[] magic = in.readNBytes(8);
            assertEquals("SRFUZZ1\n", new String(magic, StandardCharsets.US_ASCII), "dump format");
            while (failures.size() <= 20) {
                int envLen;
                try {
                    envLen = readInt(in);
                } catch (EOFException end) {
                    return;
                }
                byte[] envelope = in.readNBytes(envLen);
                long now = readLong(in);
                int status = readInt(in);
                byte[] expected = status < 0 ? null : in.readNBytes(status);
                for (EngineInstance instance : paths) {
                    long t = System.nanoTime();
                    byte[] got = call(instance, envelope, now, base + cases, failures);
                    long took = System.nanoTime() - t;
                    slowest = Math.max(slowest, took);
                    if (took > TIME_BOUND_NANOS) {
                        failures.add("case " + (base + cases) + " took " + took / 1_000_000 + " ms");
                    }
                    if (!Arrays.equals(expected, got)) {
                        failures.add("case " + (base + cases) + ": host " + text(expected) + ", wasm " + text(got)
                                + "; envelope " + text(Arrays.copyOf(envelope, Math.min(envLen, 300))));
                    }
                    pages = Math.max(pages, instance.memoryPages());
                }
                if (expected != null) {
                    answered++;
                }
                cases++;
            }
        }

        String summary() {
            return String.format(
                    "%d cases x %d load paths: %d answered, %d rejected, slowest call %.1f ms, memory %d pages (%d"
                            + " KiB); %d differences or traps",
                    cases, paths.length, answered, cases - answered, slowest / 1e6, pages, pages * 64, failures.size());
        }
    }

    /**
     * Long runs, resumable (rulesengine/tools/fuzz-agreement.sh sets this up): {@code java -cp <schematic-cdi test
     * classpath> dev.schematic.rules.RulesFuzzAgreementTest <fuzz test binary> <seed> <first> <count> <shard> <dir>}.
     * Runs the host fuzzer (cargo's release build of rulesengine/tests/fuzz.rs) one shard of cases at a time into a
     * dump file in {@code dir} (the next shard is generated while this one is replayed), replays it through one
     * instance of the bundled module (build-time compiled) and writes a {@code .done} file per agreeing shard, so a
     * run that was cut off continues where it stopped. Exit code 0 only when every case of every shard agreed and the
     * host fuzzer passed (no panic, time bound).
     */
    public static void main(String[] args) throws Exception {
        String bin = args[0];
        long seed = Long.parseLong(args[1]);
        long first = Long.parseLong(args[2]);
        long count = Long.parseLong(args[3]);
        long shard = Long.parseLong(args[4]);
        Path dir = Files.createDirectories(Path.of(args[5]));
        List<long[]> todo = new ArrayList<>();
        for (long at = first; at < first + count; at += shard) {
            todo.add(new long[] {at, Math.min(shard, first + count - at)});
        }
        EngineInstance instance = EngineModule.bundled().newInstance();
        long[] sum = new long[5]; // cases, answered, slowest ns, pages, ms
        long badShards = 0;
        Process generating = null;
        for (int i = 0; i < todo.size(); i++) {
            long at = todo.get(i)[0];
            long n = todo.get(i)[1];
            String name = "shard-" + seed + "-" + at + "-" + n;
            Path done = dir.resolve(name + ".done");
            if (!Files.exists(done)) {
                Process host = generating != null ? generating : generate(bin, seed, at, n, dir.resolve(name + ".bin"));
                generating = null;
                for (int j = i + 1; j < todo.size() && generating == null; j++) {
                    String next = "shard-" + seed + "-" + todo.get(j)[0] + "-" + todo.get(j)[1];
                    if (!Files.exists(dir.resolve(next + ".done"))) {
                        generating = generate(bin, seed, todo.get(j)[0], todo.get(j)[1], dir.resolve(next + ".bin"));
                    }
                }
                Replay r = replayShard(host, dir.resolve(name + ".bin"), at, n, instance, done);
                System.out.printf("[rules fuzz] seed %d cases %d..%d: %s%n", seed, at, at + n, r.summary());
                if (!r.failures.isEmpty()) {
                    badShards++;
                    Files.write(dir.resolve(name + ".failures"), r.failures);
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
        System.out.println("[rules fuzz] seed " + seed + " cases " + first + ".." + (first + count) + ": "
                + (badShards == 0 ? "all agreed" : badShards + " shards with differences (see *.failures)"));
        System.exit(badShards == 0 ? 0 : 1);
    }

    private static Process generate(String bin, long seed, long at, long n, Path file) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(bin, "--exact", "fuzz_never_traps_answers_in_bounded_time");
        pb.environment().put("FUZZ_SEED", Long.toString(seed));
        pb.environment().put("FUZZ_FIRST", Long.toString(at));
        pb.environment().put("FUZZ_CASES", Long.toString(n));
        pb.environment().put("FUZZ_DUMP", file.toString());
        return pb.inheritIO().start();
    }

    private static Replay replayShard(Process host, Path file, long at, long n, EngineInstance instance, Path done)
            throws IOException, InterruptedException {
        Replay r = new Replay(new EngineInstance[] {instance});
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
        if (r.pages > MAX_PAGES) {
            r.failures.add("memory grew to " + r.pages + " pages");
        }
        if (r.failures.isEmpty()) {
            Files.writeString(done, r.cases + " " + r.answered + " " + r.slowest + " " + r.pages + " " + ms + "\n");
            Files.delete(file);
        }
        return r;
    }

    /** The module's answer, null when rejected; a trap is recorded as a failure. */
    private static byte[] call(EngineInstance instance, byte[] envelope, long now, long index, List<String> failures) {
        try {
            return instance.check(new byte[][] {envelope}, 1, envelope.length, now);
        } catch (EngineInstance.CallFailure f) {
            if (f.kind != RulesFailure.REJECTED) {
                failures.add("case " + index + ": " + f.kind + " " + f.getMessage());
            }
            return null;
        }
    }

    private static String text(byte[] b) {
        return b == null ? "rejected" : new String(b, StandardCharsets.UTF_8);
    }

    private static int readInt(DataInputStream in) throws IOException {
        byte[] b = new byte[4];
        in.readFully(b);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static long readLong(DataInputStream in) throws IOException {
        byte[] b = new byte[8];
        in.readFully(b);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
