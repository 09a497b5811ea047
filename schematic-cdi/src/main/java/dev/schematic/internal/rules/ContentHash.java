package dev.schematic.internal.rules;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** A fast, well-mixed 64-bit hash of a byte array (used to key the memo; equality is always checked in full). */
final class ContentHash {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long K1 = 0x9E3779B97F4A7C15L;
    private static final long K2 = 0xC2B2AE3D27D4EB4FL;
    private static final long K3 = 0x165667B19E3779F9L;

    private ContentHash() {}

    static long hash(byte[] data) {
        int len = data.length;
        long a = 0x243F6A8885A308D3L ^ len;
        long b = 0x13198A2E03707344L;
        int i = 0;
        // Two independent lanes of 8 bytes each per round.
        for (; i + 16 <= len; i += 16) {
            a = Long.rotateLeft(a ^ ((long) LONGS.get(data, i) * K1), 31) * K2;
            b = Long.rotateLeft(b ^ ((long) LONGS.get(data, i + 8) * K2), 29) * K1;
        }
        if (i + 8 <= len) {
            a = Long.rotateLeft(a ^ ((long) LONGS.get(data, i) * K1), 31) * K2;
            i += 8;
        }
        long tail = 0;
        for (int shift = 0; i < len; i++, shift += 8) {
            tail |= (data[i] & 0xffL) << shift;
        }
        b = Long.rotateLeft(b ^ (tail * K3), 27) * K1;
        return mix(a ^ Long.rotateLeft(b, 17) ^ (len * K3));
    }

    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
