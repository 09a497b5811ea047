package dev.schematic.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.MissingTool;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long-run driver ({@link RulesFuzzLongRun}) on a few hundred of the fuzzer's cases, with a stand-in for the host
 * fuzzer that copies a prepared dump: agreeing shards are recorded and not run again, a difference or a failing host
 * fuzzer fails the run and names the shard.
 */
class RulesFuzzLongRunTest {
    static final int CASES = 200;

    @TempDir
    Path tmp;

    @Test
    void agreeingShardsAreRecordedAndARunContinuesWhereItStopped() throws Exception {
        Path dump = tmp.resolve("cases.bin");
        copyCases(hostCases(), dump, false);
        Path calls = tmp.resolve("calls");
        String host = standIn(dump, calls, 0);
        Path state = tmp.resolve("state");

        assertTrue(RulesFuzzLongRun.run(host, 1, 0, 2 * CASES, CASES, state));
        assertEquals(List.of("shard-1-0-200.done", "shard-1-200-200.done"), listing(state));
        assertEquals(List.of("0", "200"), sorted(calls), "one host run per shard");
        assertTrue(Files.readString(state.resolve("shard-1-200-200.done")).startsWith(CASES + " "));

        // again, one shard more: only the new shard runs
        assertTrue(RulesFuzzLongRun.run(host, 1, 0, 3 * CASES, CASES, state));
        assertEquals(List.of("0", "200", "400"), sorted(calls));
    }

    @Test
    void aDifferenceOrAFailingHostFuzzerFailsTheRun() throws Exception {
        Path tampered = tmp.resolve("tampered.bin");
        copyCases(hostCases(), tampered, true);
        Path calls = tmp.resolve("calls");
        Path state = tmp.resolve("state");

        assertFalse(RulesFuzzLongRun.run(standIn(tampered, calls, 0), 2, 0, CASES, CASES, state));
        String failures = Files.readString(state.resolve("shard-2-0-200.failures"));
        assertTrue(failures.startsWith("case 0: host {\"tampered\":true}, wasm "), failures);
        assertFalse(Files.exists(state.resolve("shard-2-0-200.done")));

        Path dump = tmp.resolve("cases.bin");
        copyCases(hostCases(), dump, false);
        assertFalse(RulesFuzzLongRun.run(standIn(dump, calls, 3), 3, 0, CASES, CASES, state));
        assertTrue(Files.readString(state.resolve("shard-3-0-200.failures")).contains("host fuzzer failed (exit 3)"));
    }

    private static Path hostCases() {
        Path file = RulesFuzzAgreementTest.dumpFile();
        MissingTool.skipOrFail(
                file == null
                        ? "the fuzzer's cases (rulesengine/target/fuzz/host-cases.bin) are missing: run the rulesengine"
                                + " module first (./mvnw -pl rulesengine verify, see rulesengine/README.md)"
                        : null);
        return file;
    }

    /** A stand-in for the fuzzer binary: logs FUZZ_FIRST, copies the dump to FUZZ_DUMP, exits with {@code exit}. */
    private String standIn(Path dump, Path calls, int exit) throws IOException {
        Path script = Files.createTempFile(tmp, "host", ".sh");
        Files.writeString(
                script,
                "#!/bin/sh\necho \"$FUZZ_FIRST\" >> '" + calls + "'\ncp '" + dump + "' \"$FUZZ_DUMP\"\nexit " + exit
                        + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }

    /** Copies the first {@link #CASES} cases of a dump; {@code tamper} replaces case 0's answer. */
    private static void copyCases(Path from, Path to, boolean tamper) throws IOException {
        try (InputStream raw = Files.newInputStream(from);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw));
                OutputStream out = Files.newOutputStream(to)) {
            out.write(in.readNBytes(8));
            for (int i = 0; i < CASES; i++) {
                byte[] len = in.readNBytes(4);
                byte[] envelope = in.readNBytes(le(len));
                byte[] now = in.readNBytes(8);
                byte[] status = in.readNBytes(4);
                byte[] result = le(status) < 0 ? new byte[0] : in.readNBytes(le(status));
                if (tamper && i == 0) {
                    result = "{\"tampered\":true}".getBytes(StandardCharsets.UTF_8);
                    status = ByteBuffer.allocate(4)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putInt(result.length)
                            .array();
                }
                for (byte[] b : new byte[][] {len, envelope, now, status, result}) {
                    out.write(b);
                }
            }
        }
    }

    private static int le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static List<String> sorted(Path lines) throws IOException {
        return Files.readAllLines(lines).stream().sorted().toList();
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<String> s = Files.list(dir).map(p -> p.getFileName().toString())) {
            return s.filter(n -> !n.endsWith(".bin")).sorted().toList();
        }
    }
}
