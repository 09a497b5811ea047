package dev.schematic.internal.rules;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entities one engine instance keeps parsed in its WASM memory, by handle: this project's interface beside the
 * official envelope ({@code entityPut}, {@code checkFlagHandles}, {@code entityDrop}; see the crate's
 * {@code resident.rs}). Each input version is copied and parsed once per instance; later evaluations name it by
 * handle, so no envelope is built, copied or parsed.
 *
 * <p>Bounded: at most {@link #MAX_BYTES} of JSON and {@link #MAX_ENTRIES} entities per instance, least recently used
 * dropped first (the module frees its copy). An input that the module does not accept as an entity of its kind is
 * remembered with handle {@code -1}: the caller then uses the envelope, which gives the official answer (e.g. a
 * rejection). Not thread-safe, like its instance.
 */
final class ResidentEntities {
    static final int FLAG = 0;
    static final int COMPANY = 1;
    static final int USER = 2;

    /** JSON bytes kept per instance by default; the module's memory holds about 2–3 times that once parsed. */
    static final long MAX_BYTES = 512 * 1024;

    /** Entities per instance for the default budget; larger budgets allow one entity per 128 bytes of budget. */
    static final int MAX_ENTRIES = 4096;

    /** Larger inputs always use the envelope, so the three entities of one call never evict each other. */
    static final int MAX_INPUT_BYTES = (int) (MAX_BYTES / 4);

    private final long maxBytes;
    private final int maxEntries;

    private record Key(RulesInput input, int kind) {}

    private final Memory memory;
    private final ExportFunction alloc;
    private final ExportFunction dealloc;
    private final ExportFunction put;
    private final ExportFunction drop;
    private final ExportFunction check;
    private final Map<Key, Integer> handles = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    ResidentEntities(Instance instance, ExportFunction alloc) {
        this(instance, alloc, MAX_BYTES);
    }

    /** With a budget of {@code maxBytes} of JSON (at least {@link #MAX_BYTES}). */
    ResidentEntities(Instance instance, ExportFunction alloc, long maxBytes) {
        this.maxBytes = Math.max(MAX_BYTES, maxBytes);
        this.maxEntries = (int) Math.max(MAX_ENTRIES, Math.min(Integer.MAX_VALUE / 2, this.maxBytes / 128));
        this.memory = instance.memory();
        this.alloc = alloc;
        this.dealloc = instance.export("dealloc");
        this.put = instance.export("entityPut");
        this.drop = instance.export("entityDrop");
        this.check = instance.export("checkFlagHandles");
    }

    /**
     * The handle of {@code input} as an entity of {@code kind}, registering it on first use; {@code -1} when the
     * module does not accept it as one (use the envelope). A trap surfaces as the runtime's exception.
     */
    int handle(RulesInput input, int kind) {
        Key key = new Key(input, kind);
        Integer known = handles.get(key);
        if (known != null) {
            return known;
        }
        int len = input.length();
        if (len > MAX_INPUT_BYTES) {
            return -1;
        }
        int ptr = (int) alloc.apply(len)[0];
        memory.write(ptr, input.bytes(), 0, len);
        int handle = (int) put.apply(kind, ptr, len)[0]; // the module owns the buffer from here
        handles.put(key, handle);
        bytes += len;
        if (bytes > maxBytes || handles.size() > maxEntries) {
            evict();
        }
        return handle;
    }

    private void evict() {
        Iterator<Map.Entry<Key, Integer>> it = handles.entrySet().iterator();
        while ((bytes > maxBytes || handles.size() > maxEntries) && it.hasNext()) {
            Map.Entry<Key, Integer> eldest = it.next();
            it.remove();
            bytes -= eldest.getKey().input().length();
            if (eldest.getValue() >= 0) {
                drop.apply(eldest.getValue());
            }
        }
    }

    /**
     * Runs {@code checkFlagHandles} (company/user {@code -1} = absent; the instance's clock must be set) and returns
     * the call's status: the result length, or {@code -1}.
     */
    int check(int flag, int company, int user, RulesInput options) {
        if (options == null) {
            return (int) check.apply(flag, company, user, 0, 0)[0];
        }
        int len = options.length();
        int ptr = (int) alloc.apply(len)[0];
        memory.write(ptr, options.bytes(), 0, len);
        int rc = (int) check.apply(flag, company, user, ptr, len)[0];
        dealloc.apply(ptr, len);
        return rc;
    }

    /** JSON bytes this instance keeps resident at most. */
    long maxBytes() {
        return maxBytes;
    }

    /** Entities registered now (including inputs remembered as not accepted). */
    int size() {
        return handles.size();
    }
}
