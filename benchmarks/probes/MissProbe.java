import dev.schematic.internal.config.RulesEngineOptions;
import dev.schematic.internal.rules.RulesEngine;
import dev.schematic.internal.rules.RulesInput;
import jakarta.json.*;
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.time.Instant;
import java.util.*;
import java.util.zip.GZIPInputStream;

/**
 * What {@code RulesEngineBenchmark.memoMiss} measures (an engine with memo off and the default resident budget; pool
 * size 1), as thread CPU time per evaluation over whole passes of the cases, for engines on different module files
 * ({@code withWasm}) alternated in one JVM: on a loaded shared machine this compares two modules far more steadily than
 * two JMH runs. Issue 20, fourth round (docs/performance.md). Run from the checkout:
 *
 * <pre>
 * java -Dwarm=3 -cp benchmarks/target/benchmarks.jar benchmarks/probes/MissProbe.java \
 *     ../shared/ref/rules-diff-public.json.gz REPS before.wasm after.wasm   (bundled = the build-time compiled module)
 * </pre>
 */
public class MissProbe {
    record C(RulesInput f, RulesInput c, RulesInput u, RulesInput o, Instant now) {}
    static RulesInput in(JsonValue v) { return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : RulesInput.of(v.toString()); }
    public static void main(String[] a) throws Exception {
        Path file = Path.of(a[0]);
        int reps = Integer.parseInt(a[1]);
        List<C> cases = new ArrayList<>();
        InputStream raw = Files.newInputStream(file);
        try (Reader r = new InputStreamReader(file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw, StandardCharsets.UTF_8);
                JsonReader jr = Json.createReader(r)) {
            for (JsonValue v : jr.readArray()) {
                JsonObject o = v.asJsonObject();
                JsonObject expect = o.getJsonObject("expect");
                if (expect != null && JsonValue.TRUE.equals(expect.get("engine_error"))) continue;
                cases.add(new C(RulesInput.of(o.get("flag").toString()), in(o.get("company")), in(o.get("user")), in(o.get("options")), Instant.parse(o.getString("now"))));
            }
        }
        int passes = Integer.getInteger("passes", 1);
        List<RulesEngine> engines = new ArrayList<>();
        for (int i = 2; i < a.length; i++)
            engines.add(RulesEngine.create("bundled".equals(a[i]) // the module compiled at build time
                    ? RulesEngineOptions.defaults().withPoolSize(1).withMemoSize(0)
                    : RulesEngineOptions.defaults().withPoolSize(1).withMemoSize(0).withWasm(Path.of(a[i]))).start());
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int w = 0; w < Integer.getInteger("warm", 5); w++) for (RulesEngine e : engines) for (int p = 0; p < passes; p++) for (C c : cases) e.evaluate(c.f, c.c, c.u, c.o, c.now);
        double[][] res = new double[engines.size()][reps];
        for (int rep = 0; rep < reps; rep++) {
            for (int i = 0; i < engines.size(); i++) {
                RulesEngine e = engines.get(i);
                long t0 = mx.getCurrentThreadCpuTime();
                for (int p = 0; p < passes; p++) for (C c : cases) e.evaluate(c.f, c.c, c.u, c.o, c.now);
                res[i][rep] = (mx.getCurrentThreadCpuTime() - t0) / 1000.0 / cases.size() / passes;
            }
        }
        for (int i = 0; i < engines.size(); i++) {
            double[] r = res[i].clone(); Arrays.sort(r);
            System.out.printf("%s: CPU per evaluation, mean over a pass: median %.1f us (min %.1f, max %.1f)%n", a[i + 2], r[reps / 2], r[0], r[reps - 1]);
        }
        System.exit(0);
    }
}
