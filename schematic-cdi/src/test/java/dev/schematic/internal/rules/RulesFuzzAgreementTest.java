package dev.schematic.internal.rules;

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
