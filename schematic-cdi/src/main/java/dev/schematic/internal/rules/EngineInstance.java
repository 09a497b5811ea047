package dev.schematic.internal.rules;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;

/** One WASM instance of the engine. Not thread-safe: the pool hands it to one caller at a time. */
final class EngineInstance {
    private final Memory memory;
    private final ExportFunction alloc;
    private final ExportFunction dealloc;
    private final ExportFunction check;
    private final ExportFunction resultPtr;
    private final ExportFunction resultLen;
    private final ExportFunction setTime;
    private final ResidentEntities residents;
    private boolean broken;

    EngineInstance(Instance instance, boolean hasClock, boolean hasResident) {
        this(instance, hasClock, hasResident, ResidentEntities.MAX_BYTES);
    }

    /** With a resident budget of {@code residentBytes} of entity JSON (see {@link ResidentEntities}). */
    EngineInstance(Instance instance, boolean hasClock, boolean hasResident, long residentBytes) {
        this.memory = instance.memory();
        this.alloc = instance.export("alloc");
        this.dealloc = instance.export("dealloc");
        this.check = instance.export("checkFlagCombined");
        this.resultPtr = instance.export("getResultJson");
        this.resultLen = instance.export("getResultJsonLength");
        this.setTime = hasClock ? instance.export("setCurrentTimeMillis") : null;
        this.residents = hasResident ? new ResidentEntities(instance, alloc, residentBytes) : null;
    }

    /** The entities kept parsed in this instance's memory, or {@code null} when the module has no such interface. */
    ResidentEntities residents() {
        return residents;
    }

    /** Marks the instance as unusable after a trap: the pool discards it. */
    void markBroken() {
        broken = true;
    }

    /** Sets the module's clock (when it has one). */
    void setTime(long nowMillis) {
        if (setTime != null) {
            setTime.apply(nowMillis);
        }
    }

    /**
     * Reads the result of a call that returned {@code rc} ({@code getResultJson}/{@code getResultJsonLength}).
     *
     * @param what the call, for the failure message
     */
    byte[] result(int rc, String what) throws CallFailure {
        if (rc < 0) {
            throw new CallFailure(
                    RulesFailure.REJECTED,
                    what + " returned " + rc + " (the engine rejected the input: invalid JSON, a missing"
                            + " required field, a wrong type or an unknown enum value)",
                    null);
        }
        int rp = (int) resultPtr.apply()[0];
        int rl = (int) resultLen.apply()[0];
        long memSize = (long) memory.pages() * 65536L;
        if (rl < 0 || rp < 0 || (long) rp + rl > memSize) {
            throw new CallFailure(
                    RulesFailure.MALFORMED_OUTPUT,
                    "result pointer/length out of bounds: " + rp + "/" + rl + " (memory " + memSize + " bytes)",
                    null);
        }
        return memory.readBytes(rp, rl);
    }

    /** Thrown for a failed call; {@link #kind} says how it failed. */
    static final class CallFailure extends Exception {
        final RulesFailure kind;

        CallFailure(RulesFailure kind, String message, Throwable cause) {
            super(message, cause, false, false);
            this.kind = kind;
        }
    }

    /**
     * Runs {@code checkFlagCombined} on the envelope made of {@code parts} (concatenated, {@code totalLength} bytes)
     * and returns a copy of the result JSON. After a {@link RulesFailure#TRAP} the instance is {@link #broken()}.
     */
    byte[] check(byte[][] parts, int partCount, int totalLength, long nowMillis) throws CallFailure {
        int ptr;
        try {
            ptr = (int) alloc.apply(totalLength)[0];
        } catch (RuntimeException | StackOverflowError e) {
            broken = true;
            throw new CallFailure(RulesFailure.TRAP, "alloc(" + totalLength + ") trapped: " + describe(e), e);
        }
        byte[] out;
        CallFailure failure = null;
        try {
            int at = ptr;
            for (int i = 0; i < partCount; i++) {
                byte[] p = parts[i];
                memory.write(at, p, 0, p.length);
                at += p.length;
            }
            setTime(nowMillis);
            int rc = (int) check.apply(ptr, totalLength)[0];
            try {
                out = result(rc, "checkFlagCombined");
            } catch (CallFailure f) {
                out = null;
                failure = f;
            }
        } catch (RuntimeException | StackOverflowError e) {
            // The module's state is unknown after a trap: do not call into it again.
            broken = true;
            throw new CallFailure(RulesFailure.TRAP, describe(e), e);
        }
        try {
            dealloc.apply(ptr, totalLength);
        } catch (RuntimeException | StackOverflowError e) {
            broken = true; // the result is still good; the instance is replaced
        }
        if (failure != null) {
            throw failure;
        }
        return out;
    }

    /** Current size of the instance's linear memory in 64 KiB pages (it never shrinks). */
    int memoryPages() {
        return memory.pages();
    }

    /** True after a trap: the pool discards the instance. */
    boolean broken() {
        return broken;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        String type = e instanceof StackOverflowError
                ? "stack overflow"
                : e.getClass().getSimpleName();
        return m == null ? type : type + ": " + m;
    }
}
