import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.WasmModule;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.zip.GZIPInputStream;

/**
 * CPU time per byte of entity JSON for {@code entityPut} + {@code entityDrop}, called on the module instance directly
 * (no engine around it), for one or more module files alternated in one JVM (each runtime-compiled by Chicory).
 * Issue 20, fourth round (docs/performance.md). Run from the checkout:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar benchmarks/probes/ParseProbe.java \
 *     ../shared/ref/rules-diff-public.json.gz ROUNDS REPS a.wasm b.wasm   [-Dwarm=N -Dkind=flag|company|user]
 * </pre>
 */
public class ParseProbe {
    static final class Mod {
        final String name; final Instance inst; final ExportFunction alloc, put, drop;
        Mod(String file) {
            name = file;
            WasmModule m = com.dylibso.chicory.wasm.Parser.parse(Path.of(file));
            inst = Instance.builder(m).withMachineFactory(MachineFactoryCompiler.compile(m))
                    .withMemoryFactory(ByteArrayMemory::new).build();
            alloc = inst.export("alloc"); put = inst.export("entityPut"); drop = inst.export("entityDrop");
        }
        long run(List<int[]> kinds, List<byte[]> ents, int rounds) {
            long bad = 0;
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < ents.size(); i++) {
                    byte[] b = ents.get(i);
                    int ptr = (int) alloc.apply(b.length)[0];
                    inst.memory().write(ptr, b);
                    int h = (int) put.apply(kinds.get(i)[0], ptr, b.length)[0];
                    if (h < 0) bad++; else drop.apply(h);
                }
            }
            return bad;
        }
    }

    public static void main(String[] a) throws Exception {
        Path file = Path.of(a[0]);
        int rounds = Integer.parseInt(a[1]);
        int reps = Integer.parseInt(a[2]);
        List<int[]> kinds = new ArrayList<>();
        List<byte[]> ents = new ArrayList<>();
        String onlyKind = System.getProperty("kind");
        InputStream raw = Files.newInputStream(file);
        try (Reader r = new InputStreamReader(file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw, StandardCharsets.UTF_8);
                JsonReader jr = Json.createReader(r)) {
            for (JsonValue v : jr.readArray()) {
                JsonObject o = v.asJsonObject();
                JsonObject expect = o.getJsonObject("expect");
                if (expect != null && JsonValue.TRUE.equals(expect.get("engine_error"))) continue;
                String[] names = {"flag", "company", "user"};
                for (int k = 0; k < 3; k++) {
                    JsonValue e = o.get(names[k]);
                    if (e == null || e.getValueType() == JsonValue.ValueType.NULL) continue;
                    if (onlyKind != null && !onlyKind.equals(names[k])) continue;
                    kinds.add(new int[] {k});
                    ents.add(e.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        long bytes = 0;
        for (byte[] b : ents) bytes += b.length;
        System.out.printf("%d entities, %d bytes%n", ents.size(), bytes);
        List<Mod> mods = new ArrayList<>();
        for (int i = 3; i < a.length; i++) mods.add(new Mod(a[i]));
        // warm-up
        for (Mod m : mods) System.out.println(m.name + " rejected per round: " + m.run(kinds, ents, 1));
        for (int w = 0; w < Integer.getInteger("warm", 3); w++) for (Mod m : mods) m.run(kinds, ents, rounds);
        Map<String, List<Double>> res = new LinkedHashMap<>();
        for (int rep = 0; rep < reps; rep++) {
            for (Mod m : mods) {
                var mx = java.lang.management.ManagementFactory.getThreadMXBean();
                long t0 = mx.getCurrentThreadCpuTime();
                m.run(kinds, ents, rounds);
                long t = mx.getCurrentThreadCpuTime() - t0;
                double nsb = (double) t / (bytes * (double) rounds);
                res.computeIfAbsent(mods.indexOf(m) + ":" + m.name, x -> new ArrayList<>()).add(nsb);
            }
        }
        for (var e : res.entrySet()) {
            List<Double> l = new ArrayList<>(e.getValue());
            Collections.sort(l);
            System.out.printf("%s: median %.2f ns/B (min %.2f max %.2f) -> %.1f us per median entity set%n", e.getKey(),
                    l.get(l.size() / 2), l.get(0), l.get(l.size() - 1), l.get(l.size() / 2) * bytes / ents.size() / 1000);
        }
    }
}
