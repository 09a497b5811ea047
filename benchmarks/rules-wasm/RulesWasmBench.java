import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;

/** Usage: RulesWasmBench cases.txt rounds a.wasm b.wasm ... ; alternates modules per round, reports medians. */
public class RulesWasmBench {
    static final class Eng {
        final String name; final Instance inst; final ExportFunction alloc, dealloc, check, res, resLen, setTime; final Memory mem;
        Eng(String file) {
            name = Paths.get(file).getFileName().toString();
            WasmModule m = Parser.parse(Paths.get(file));
            inst = Instance.builder(m).withMachineFactory(MachineFactoryCompiler.compile(m)).withMemoryFactory(ByteArrayMemory::new).build();
            alloc = inst.export("alloc"); dealloc = inst.export("dealloc"); check = inst.export("checkFlagCombined");
            res = inst.export("getResultJson"); resLen = inst.export("getResultJsonLength"); setTime = inst.export("setCurrentTimeMillis");
            mem = inst.memory();
        }
        String run(byte[] env, long now) {
            int p = (int) alloc.apply(env.length)[0];
            mem.write(p, env);
            setTime.apply(now);
            int n = (int) check.apply(p, env.length)[0];
            String out;
            if (n < 0) out = "-1"; else { int rp = (int) res.apply()[0]; int rl = (int) resLen.apply()[0]; out = new String(mem.readBytes(rp, rl), StandardCharsets.UTF_8); }
            dealloc.apply(p, env.length);
            return out;
        }
    }
    public static void main(String[] a) throws Exception {
        List<String> lines = Files.readAllLines(Paths.get(a[0]));
        int rounds = Integer.parseInt(a[1]);
        int nc = lines.size();
        byte[][] envs = new byte[nc][]; long[] nows = new long[nc];
        for (int i = 0; i < nc; i++) { String[] p = lines.get(i).split("\t", 2); nows[i] = Long.parseLong(p[0]); envs[i] = p[1].getBytes(StandardCharsets.UTF_8); }
        int ne = a.length - 2; Eng[] engs = new Eng[ne];
        for (int e = 0; e < ne; e++) engs[e] = new Eng(a[e + 2]);
        // correctness: identical outputs vs first module
        int diffs = 0;
        for (int i = 0; i < nc; i++) { String ref = engs[0].run(envs[i], nows[i]);
            for (int e = 1; e < ne; e++) { String o = engs[e].run(envs[i], nows[i]); if (!o.equals(ref)) { diffs++; if (diffs < 5) System.out.println("DIFF case " + i + " " + engs[e].name + "\n  ref " + ref + "\n  got " + o); } } }
        System.out.println("output diffs: " + diffs);
        long[][][] t = new long[ne][nc][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int e0 = 0; e0 < ne; e0++) { int e = (e0 + r) % ne;
                for (int i = 0; i < nc; i++) { long s = System.nanoTime(); engs[e].run(envs[i], nows[i]); t[e][i][r] = System.nanoTime() - s; } }
        }
        int warm = rounds / 2; // discard first half as warmup
        for (int e = 0; e < ne; e++) {
            long[] all = new long[nc * (rounds - warm)]; double[] caseMed = new double[nc]; int k = 0;
            for (int i = 0; i < nc; i++) { long[] c = Arrays.copyOfRange(t[e][i], warm, rounds); Arrays.sort(c); caseMed[i] = c[c.length / 2];
                for (long v : c) all[k++] = v; }
            Arrays.sort(all); Arrays.sort(caseMed);
            System.out.printf("%-28s median(all) %8.2f us  median(case medians) %8.2f us  p90 %8.2f us%n", engs[e].name, all[all.length / 2] / 1000.0, caseMed[nc / 2] / 1000.0, all[(int)(all.length * 0.9)] / 1000.0);
        }
    }
}
