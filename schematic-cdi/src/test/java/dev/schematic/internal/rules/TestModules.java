package dev.schematic.internal.rules;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Tiny hand-assembled WASM modules that misbehave in one way each. */
final class TestModules {
    private TestModules() {}

    enum Behaviour {
        TRAP,
        REJECT,
        GARBAGE_OUTPUT,
        /** Returns a valid result JSON. */
        VALID
    }

    static final String VALID_OUTPUT = "{\"value\":true,\"reason\":\"fixed\",\"ruleId\":null,\"ruleType\":null,"
            + "\"companyId\":null,\"userId\":null,\"entitlement\":null,\"flagId\":\"f\",\"flagKey\":\"k\","
            + "\"featureAllocation\":null,\"featureUsage\":null,\"featureUsageEvent\":null,"
            + "\"featureUsagePeriod\":null,\"featureUsageResetAt\":null}";

    private static final byte I32 = 0x7f;
    private static final byte I64 = 0x7e;

    /** A module with the full interface whose {@code checkFlagCombined} behaves as given. */
    static byte[] engine(Behaviour behaviour) {
        byte[] output =
                (behaviour == Behaviour.VALID ? VALID_OUTPUT : "this is not JSON {").getBytes(StandardCharsets.UTF_8);
        byte[] check = switch (behaviour) {
            case TRAP -> new byte[] {0x00}; // unreachable
            case REJECT -> concat(new byte[] {0x41}, sleb(-1));
            default -> concat(new byte[] {0x41}, sleb(output.length));
        };
        List<Func> funcs = List.of(
                new Func("alloc", 0, concat(new byte[] {0x41}, sleb(4096))),
                new Func("dealloc", 1, new byte[0]),
                new Func("checkFlagCombined", 2, check),
                new Func("getResultJson", 3, concat(new byte[] {0x41}, sleb(16))),
                new Func("getResultJsonLength", 3, concat(new byte[] {0x41}, sleb(output.length))),
                new Func("setCurrentTimeMillis", 4, new byte[0]));
        return module(funcs, true, output);
    }

    /** A module exporting only {@code memory} and {@code alloc}. */
    static byte[] missingExports() {
        return module(List.of(new Func("alloc", 0, concat(new byte[] {0x41}, sleb(4096)))), true, new byte[0]);
    }

    static Path write(Path dir, String name, byte[] wasm) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, wasm);
        return p;
    }

    private record Func(String name, int type, byte[] body) {}

    private static byte[] module(List<Func> funcs, boolean memory, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
        // types: 0 (i32)->i32, 1 (i32,i32)->(), 2 (i32,i32)->i32, 3 ()->i32, 4 (i64)->()
        section(
                out,
                1,
                vec(List.of(
                        new byte[] {0x60, 1, I32, 1, I32},
                        new byte[] {0x60, 2, I32, I32, 0},
                        new byte[] {0x60, 2, I32, I32, 1, I32},
                        new byte[] {0x60, 0, 1, I32},
                        new byte[] {0x60, 1, I64, 0})));
        List<byte[]> types = new ArrayList<>();
        for (Func f : funcs) {
            types.add(uleb(f.type()));
        }
        section(out, 3, vec(types));
        if (memory) {
            section(out, 5, vec(List.of(new byte[] {0x00, 0x01})));
        }
        List<byte[]> exports = new ArrayList<>();
        for (int i = 0; i < funcs.size(); i++) {
            exports.add(concat(name(funcs.get(i).name()), new byte[] {0x00}, uleb(i)));
        }
        if (memory) {
            exports.add(concat(name("memory"), new byte[] {0x02, 0x00}));
        }
        section(out, 7, vec(exports));
        List<byte[]> bodies = new ArrayList<>();
        for (Func f : funcs) {
            byte[] body = concat(new byte[] {0x00}, f.body(), new byte[] {0x0b});
            bodies.add(concat(uleb(body.length), body));
        }
        section(out, 10, vec(bodies));
        if (memory && data.length > 0) {
            byte[] seg = concat(new byte[] {0x00, 0x41}, sleb(16), new byte[] {0x0b}, uleb(data.length), data);
            section(out, 11, vec(List.of(seg)));
        }
        return out.toByteArray();
    }

    private static void section(ByteArrayOutputStream out, int id, byte[] content) {
        out.write(id);
        out.writeBytes(uleb(content.length));
        out.writeBytes(content);
    }

    private static byte[] vec(List<byte[]> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(uleb(items.size()));
        items.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] name(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return concat(uleb(b.length), b);
    }

    static byte[] uleb(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            if (v != 0) {
                b |= 0x80;
            }
            out.write(b);
        } while (v != 0);
        return out.toByteArray();
    }

    static byte[] sleb(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int b = (int) (v & 0x7f);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) {
                return out.toByteArray();
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
