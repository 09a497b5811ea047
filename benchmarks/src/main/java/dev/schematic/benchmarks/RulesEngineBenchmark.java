package dev.schematic.benchmarks;

import dev.schematic.internal.config.RulesEngineOptions;
import dev.schematic.internal.rules.RulesEngine;
import dev.schematic.internal.rules.RulesInput;
import dev.schematic.internal.rules.RulesResult;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The rules engine (dev.schematic.rules) on the public vectors' inputs (the project's copy of shared/ref/rules-vectors-public.json, found
 * by walking up from the working directory, or {@code -Dschematic.rules.vectors=<file>}). Goals: memo miss ≤ 20 µs median,
 * memo hit ≤ 1 µs median, 2 threads ≥ 1.7× one thread (the {@code missThroughput*} pair).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RulesEngineBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RulesEngineBenchmark {

    /** One check's inputs. */
    record Case(
            String name,
            String flagJson,
            String companyJson,
            String userJson,
            RulesInput flag,
            RulesInput company,
            RulesInput user,
            RulesInput options,
            Instant now) {
        int envelopeBytes() {
            return flag.length()
                    + (company == null ? 0 : company.length())
                    + (user == null ? 0 : user.length())
                    + (options == null ? 0 : options.length())
                    + 40;
        }
    }

    /** Each benchmark thread walks the cases from its own position. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            next = (int) (Thread.currentThread().getId() * 31 % 84);
        }
    }

    Case[] cases;
    RulesEngine noMemo;
    RulesEngine memo;
    RulesEngine runtimeCompiledNoMemo;
    RulesEngine envelopeNoMemo;
    RulesEngine workingSetNoMemo;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        List<Case> loaded = loadCases();
        cases = loaded.toArray(new Case[0]);
        int[] sizes =
                Arrays.stream(cases).mapToInt(Case::envelopeBytes).sorted().toArray();
        System.out.println("\n[rules benchmark] " + cases.length + " cases, envelope median " + sizes[sizes.length / 2]
                + " bytes (min " + sizes[0] + ", max " + sizes[sizes.length - 1] + ")");
        noMemo = RulesEngine.create(
                        RulesEngineOptions.defaults().withPoolSize(2).withMemoSize(0))
                .start();
        memo = RulesEngine.create(RulesEngineOptions.defaults().withPoolSize(2)).start();
        envelopeNoMemo = RulesEngine.createEnvelopeOnly(
                        RulesEngineOptions.defaults().withPoolSize(2).withMemoSize(0), java.time.Clock.systemUTC())
                .start();
        runtimeCompiledNoMemo = RulesEngine.create(RulesEngineOptions.defaults()
                        .withPoolSize(2)
                        .withMemoSize(0)
                        .withWasm(bundledModuleFile()))
                .start();
        for (Case c : cases) {
            RulesResult r = memo.evaluate(c.flag(), c.company(), c.user(), c.options(), c.now());
            if (r.failed()) {
                throw new IllegalStateException(c.name() + ": " + r.error());
            }
        }
        // One instance whose resident budget holds every case's entities, registered here (as a store write would):
        // each benchmark call is then a first evaluation of its combination with parsed entities.
        long workingSet = workingSetBytes(cases);
        workingSetNoMemo = RulesEngine.createWithResidentBudget(
                        RulesEngineOptions.defaults().withPoolSize(1).withMemoSize(0),
                        java.time.Clock.systemUTC(),
                        workingSet + workingSet / 4)
                .start();
        for (Case c : cases) {
            workingSetNoMemo.evaluate(c.flag(), c.company(), c.user(), c.options(), c.now());
        }
        System.out.println("[rules benchmark] working set " + workingSet + " bytes of distinct entity JSON");
    }

    /** Bytes of the distinct flag, company and user inputs of {@code cases}. */
    static long workingSetBytes(Case[] cases) {
        java.util.Set<RulesInput> seen = new java.util.HashSet<>();
        long bytes = 0;
        for (Case c : cases) {
            for (RulesInput in : new RulesInput[] {c.flag(), c.company(), c.user()}) {
                if (in != null && seen.add(in)) {
                    bytes += in.length();
                }
            }
        }
        return bytes;
    }

    private static Case next(Case[] cases, Cursor cursor) {
        int i = cursor.next;
        cursor.next = i + 1 == cases.length ? 0 : i + 1;
        return cases[i];
    }

    /** A full evaluation in the WASM module (memo disabled): build-time compiled bundled module. */
    @Benchmark
    public RulesResult memoMiss(Cursor cursor) {
        Case c = next(cases, cursor);
        return noMemo.evaluate(c.flag(), c.company(), c.user(), c.options(), c.now());
    }

    /**
     * A first evaluation (memo disabled) on an engine whose resident budget holds the whole working set, every entity
     * registered in set-up: the cost when entities are parsed once per version (the DataStream case, where the same
     * companies and flags are evaluated again and again) rather than at the evaluation. On the 84 vectors it equals
     * {@link #memoMiss} (they fit the default budget); on the diff corpus (6 MB of distinct JSON) it does not.
     */
    @Benchmark
    public RulesResult memoMissWorkingSetResident(Cursor cursor) {
        Case c = next(cases, cursor);
        return workingSetNoMemo.evaluate(c.flag(), c.company(), c.user(), c.options(), c.now());
    }

    /**
     * Baseline in the same run: the same evaluation through the official interface only ({@code checkFlagCombined} on
     * one JSON envelope, the path of main before issue 20).
     */
    @Benchmark
    public RulesResult memoMissEnvelope(Cursor cursor) {
        Case c = next(cases, cursor);
        return envelopeNoMemo.evaluate(c.flag(), c.company(), c.user(), c.options(), c.now());
    }

    /**
     * A first evaluation of entity versions the engine has never seen: fresh {@link RulesInput}s (new byte arrays)
     * each call, so the flag, company and user are copied in and parsed before the evaluation by handle.
     */
    @Benchmark
    public RulesResult memoMissNewEntities(Cursor cursor) {
        Case c = next(cases, cursor);
        return noMemo.evaluate(
                RulesInput.of(c.flagJson()),
                RulesInput.ofNullable(c.companyJson()),
                RulesInput.ofNullable(c.userJson()),
                c.options(),
                c.now());
    }

    /** The same through the runtime compiler (the path of a module given by {@code schematic.rules.wasm}). */
    @Benchmark
    public RulesResult memoMissRuntimeCompiled(Cursor cursor) {
        Case c = next(cases, cursor);
        return runtimeCompiledNoMemo.evaluate(c.flag(), c.company(), c.user(), c.options(), c.now());
    }

    /** A repeated check answered by the memo, inputs given as {@link RulesInput}s kept by the caller. */
    @Benchmark
    public RulesResult memoHit(Cursor cursor) {
        Case c = next(cases, cursor);
        return memo.evaluate(c.flag(), c.company(), c.user(), c.options(), c.now());
    }

    /** A repeated check answered by the memo, inputs given as JSON strings (encoded and hashed per call). */
    @Benchmark
    public RulesResult memoHitFromStrings(Cursor cursor) {
        Case c = next(cases, cursor);
        return memo.evaluate(
                RulesInput.of(c.flagJson()),
                RulesInput.ofNullable(c.companyJson()),
                RulesInput.ofNullable(c.userJson()),
                c.options(),
                c.now());
    }

    /**
     * Memo-miss throughput on one thread (pool of 2 instances). Both throughput benchmarks warm up for 40 s: on two
     * cores the JIT compiling the WASM module's large methods competes with two benchmark threads but not with one,
     * so after the class's 6 s of warm-up the two-thread figure was still climbing (0.6–1.0× one thread; 1.7–2.0× once
     * warm).
     */
    @Benchmark
    @Threads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 20, time = 2)
    public RulesResult missThroughput1Thread(Cursor cursor) {
        Case c = next(cases, cursor);
        return noMemo.evaluate(c.flag(), c.company(), c.user(), c.options(), c.now());
    }

    /** Memo-miss throughput on two threads (pool of 2 instances). */
    @Benchmark
    @Threads(2)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 20, time = 2) // see missThroughput1Thread
    public RulesResult missThroughput2Threads(Cursor cursor) {
        Case c = next(cases, cursor);
        return noMemo.evaluate(c.flag(), c.company(), c.user(), c.options(), c.now());
    }

    // ----- inputs -----

    static Path bundledModuleFile() throws IOException {
        Path file = Files.createTempFile("schematic-rules", ".wasm");
        file.toFile().deleteOnExit();
        try (InputStream in = RulesEngine.class.getResourceAsStream("/dev/schematic/rules/schematic-rules.wasm")) {
            if (in == null) {
                throw new IOException("schematic-rules.wasm is not on the classpath");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /** The project's copy of the public vectors (copied from shared/ref/, see the README next to it). */
    static final String VECTORS = "schematic-cdi/src/test/resources/dev/schematic/rules/rules-vectors-public.json";

    /**
     * The public vectors' inputs: {@code -Dschematic.rules.vectors=<file>} (a {@code .json.gz} too, e.g. the diff corpus
     * {@code ../shared/ref/rules-diff-public.json.gz}, whose must-reject cases are left out), else the project's copy found by walking up
     * from the working directory. Fails (instead of quietly measuring fewer inputs) when neither exists.
     */
    static List<Case> loadCases() throws IOException {
        String given = System.getProperty("schematic.rules.vectors");
        if (given != null) {
            return fromVectors(Path.of(given));
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path file = dir.resolve(VECTORS);
            if (Files.isRegularFile(file)) {
                return fromVectors(file);
            }
            dir = dir.getParent();
        }
        throw new IOException(VECTORS + " not found above " + Path.of("").toAbsolutePath()
                + ": run the benchmark inside the project checkout or pass -Dschematic.rules.vectors=<file>");
    }

    private static List<Case> fromVectors(Path file) throws IOException {
        List<Case> out = new ArrayList<>();
        InputStream raw = Files.newInputStream(file);
        try (Reader r = new InputStreamReader(
                        file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw, StandardCharsets.UTF_8);
                JsonReader jr = Json.createReader(r)) {
            for (JsonValue v : jr.readArray()) {
                JsonObject o = v.asJsonObject();
                JsonObject expect = o.getJsonObject("expect");
                if (expect != null && JsonValue.TRUE.equals(expect.get("engine_error"))) {
                    continue; // the diff corpus' must-reject cases measure the rejection path, not an evaluation
                }
                out.add(newCase(
                        o.getString("name"),
                        o.get("flag").toString(),
                        text(o.get("company")),
                        text(o.get("user")),
                        text(o.get("options")),
                        Instant.parse(o.getString("now"))));
            }
        }
        return out;
    }

    private static String text(JsonValue v) {
        return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : v.toString();
    }

    private static Case newCase(String name, String flag, String company, String user, String options, Instant now) {
        return new Case(
                name,
                flag,
                company,
                user,
                RulesInput.of(flag),
                RulesInput.ofNullable(company),
                RulesInput.ofNullable(user),
                RulesInput.ofNullable(options),
                now);
    }
}
