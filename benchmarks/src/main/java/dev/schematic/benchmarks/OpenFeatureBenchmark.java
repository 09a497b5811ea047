package dev.schematic.benchmarks;

import static dev.schematic.testkit.DataStreamEntities.company;
import static dev.schematic.testkit.DataStreamEntities.flag;
import static dev.schematic.testkit.DataStreamEntities.metric;
import static dev.schematic.testkit.DataStreamEntities.metricRule;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.EventProvider;
import dev.openfeature.sdk.FeatureProvider;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.Hook;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.ImmutableStructure;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.MutableContext;
import dev.openfeature.sdk.MutableStructure;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import dev.schematic.CheckOptions;
import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import dev.schematic.openfeature.SchematicProvider;
import dev.schematic.testkit.FakeDataStream;
import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A repeated, locally evaluated check through OpenFeature ({@code client.getBooleanValue} → {@link SchematicProvider})
 * against the same check made directly ({@code Schematic.checkFlag}), on one client in one run. The target:
 * the provider within 1.5× of the direct check.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar OpenFeatureBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OpenFeatureBenchmark {
    static final Map<String, String> ACME = Map.of("id", "acme");
    static final dev.schematic.EvaluationContext ACME_CONTEXT = dev.schematic.EvaluationContext.of(ACME, Map.of());
    static final CheckOptions DEFAULT_FALSE = CheckOptions.defaultValue(false);

    FakeSchematic fake;
    Schematic schematic;
    OpenFeatureAPI api;
    Client client;
    OpenFeatureAPI noOpApi;
    Client noOpClient;
    Client readingNoOpClient;
    EvaluationContext context;
    /** The same context as a {@code MutableContext}, whose reads hand out the stored values (no copy). */
    EvaluationContext mutableContext;
    /** The company id of the contexts built per check (a field, so that the compiler cannot fold them). */
    String companyId = "acme";

    /**
     * Where the client's {@code flag_check} events go. {@code fake}: to the in-process fake, whose intake and the
     * client's sender then run flat out beside the checks, competing for the machine's cores (both paths submit one
     * event per check). {@code unreachable}: to a closed local port, so the sender backs off (1 s, doubling to 8 s)
     * and the queue fills and drops the oldest (counted in {@code eventStats()}, printed at tear-down): the same work
     * per check on the checking thread, without the delivery running beside it.
     */
    @Param({"fake", "unreachable"})
    String capture = "fake";

    OpenFeatureAPI conformingApi;
    Client conformingClient;

    @Setup(Level.Trial)
    public void setUp() {
        fake = FakeSchematic.start().contractCheck(false).recordRequests(false).recordEvents(false);
        FakeDataStream ds = fake.dataStream();
        ds.flag(flag("api-calls", false, metricRule("r2", "api-call", "lt", 100, "all_time", true)));
        ds.company(company("comp_1", ACME, metric("comp_1", "api-call", "all_time", 42)));
        schematic = client(fake, ds, capture);
        conformingApi = OpenFeatureAPI.createIsolated();
        conformingApi.setProviderAndWait(new ConformingNoOpProvider());
        conformingClient = conformingApi.getClient();
        if (!conformingClient
                .getBooleanDetails("api-calls", false, mutableContextOf("acme"))
                .getValue()) {
            throw new IllegalStateException("the conforming no-op provider did not answer");
        }
        api = OpenFeatureAPI.createIsolated();
        api.setProviderAndWait(new SchematicProvider(schematic));
        client = api.getClient();
        context = new ImmutableContext(
                Map.of("company", new Value(new ImmutableStructure(Map.of("id", new Value("acme"))))));
        mutableContext = mutableContextOf("acme");
        noOpApi = OpenFeatureAPI.createIsolated();
        noOpApi.setProviderAndWait("constant", new ConstantProvider(false));
        noOpApi.setProviderAndWait("reading", new ConstantProvider(true));
        noOpClient = noOpApi.getClient("constant");
        readingNoOpClient = noOpApi.getClient("reading");
        FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("api-calls", false, context);
        if (!d.getValue()
                || !Reason.TARGETING_MATCH.name().equals(d.getReason())
                || !"LOCAL".equals(d.getFlagMetadata().getString("source"))) {
            throw new IllegalStateException("expected a local targeting match: " + d);
        }
    }

    /** The DataStream client of {@link DataStreamBenchmark}, its events sent as {@link #capture} says. */
    static Schematic client(FakeSchematic fake, FakeDataStream ds, String capture) {
        Schematic s = Schematic.builder()
                .apiKey("sch_dev_bench")
                .baseUrl(fake.baseUrl())
                .eventCaptureUrl(
                        switch (capture) {
                            case "fake" -> fake.baseUrl();
                            case "unreachable" -> "http://127.0.0.1:9";
                            default ->
                                throw new IllegalArgumentException("capture: fake or unreachable, got " + capture);
                        })
                .property("schematic.events.shutdown-timeout", "1s")
                .property("schematic.datastream.enabled", "true")
                .property("schematic.datastream.url", ds.url())
                .property("schematic.rules.memo-size", "10000")
                .build();
        if (!s.awaitReady(Duration.ofSeconds(30))) {
            throw new IllegalStateException("not ready: " + s.dataStream());
        }
        return s;
    }

    static EvaluationContext mutableContextOf(String companyId) {
        return new MutableContext().add("company", new MutableStructure().add("id", companyId));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.println("\ncapture=" + capture + ", events: " + schematic.eventStats());
        api.shutdown();
        noOpApi.shutdown();
        conformingApi.shutdown();
        schematic.close();
        fake.close();
    }

    /**
     * The floor of any provider that answers as the issue requires, with the {@code ImmutableContext} reused: {@link
     * ConformingNoOpProvider} (reads {@code company} and {@code user}, returns value, reason, variant and flag
     * metadata, is an {@code EventProvider}) without evaluating anything. Provider ÷ direct cannot be below (this +
     * direct) ÷ direct.
     */
    @Benchmark
    public boolean conformingFloorImmutable() {
        return conformingClient.getBooleanValue("api-calls", false, context);
    }

    /** {@link #conformingFloorImmutable} with the {@code MutableContext} kept across checks. */
    @Benchmark
    public boolean conformingFloorMutable() {
        return conformingClient.getBooleanValue("api-calls", false, mutableContext);
    }

    /** The check through OpenFeature's client and the provider (context mapping, hooks, details). */
    @Benchmark
    public boolean openFeatureGetBooleanValue() {
        return client.getBooleanValue("api-calls", false, context);
    }

    /**
     * The OpenFeature SDK's own floor: the same call through a provider that answers a constant without looking at
     * the context (context merging, hooks, details are the SDK's; the provider's share is the rest).
     */
    @Benchmark
    public boolean noOpProviderGetBooleanValue() {
        return noOpClient.getBooleanValue("api-calls", false, context);
    }

    /**
     * The floor of any provider that maps the {@code company} structure: a constant answer after reading that
     * attribute once (OpenFeature's {@code ImmutableContext} hands out a deep copy of a structure on every read).
     */
    @Benchmark
    public boolean noOpProviderReadingCompany() {
        return readingNoOpClient.getBooleanValue("api-calls", false, context);
    }

    /** {@link #openFeatureGetBooleanValue} with the company in a {@code MutableContext} kept across checks. */
    @Benchmark
    public boolean openFeatureMutableContext() {
        return client.getBooleanValue("api-calls", false, mutableContext);
    }

    /** {@link #noOpProviderReadingCompany} with the {@code MutableContext}: the floor of that context shape. */
    @Benchmark
    public boolean noOpProviderReadingCompanyMutable() {
        return readingNoOpClient.getBooleanValue("api-calls", false, mutableContext);
    }

    /** A new {@code ImmutableContext} built for every check, as a request handler would. */
    @Benchmark
    public boolean openFeaturePerRequestImmutable() {
        return client.getBooleanValue("api-calls", false, perRequestImmutable());
    }

    /** The floor of {@link #openFeaturePerRequestImmutable}. */
    @Benchmark
    public boolean noOpProviderReadingCompanyPerRequestImmutable() {
        return readingNoOpClient.getBooleanValue("api-calls", false, perRequestImmutable());
    }

    /** A new {@code MutableContext} built for every check, as a request handler would. */
    @Benchmark
    public boolean openFeaturePerRequestMutable() {
        return client.getBooleanValue("api-calls", false, perRequestMutable());
    }

    /** The floor of {@link #openFeaturePerRequestMutable}. */
    @Benchmark
    public boolean noOpProviderReadingCompanyPerRequestMutable() {
        return readingNoOpClient.getBooleanValue("api-calls", false, perRequestMutable());
    }

    /** The direct check with its company map built for every check (the counterpart of the per-request contexts). */
    @Benchmark
    public boolean directCheckFlagPerRequest() {
        return schematic.checkFlag("api-calls", Map.of("id", companyId), Map.of());
    }

    private EvaluationContext perRequestImmutable() {
        return new ImmutableContext(
                Map.of("company", new Value(new ImmutableStructure(Map.of("id", new Value(companyId))))));
    }

    private EvaluationContext perRequestMutable() {
        return new MutableContext().add("company", new MutableStructure().add("id", companyId));
    }

    /** The same check made directly on the Schematic client. */
    @Benchmark
    public boolean directCheckFlag() {
        return schematic.checkFlag("api-calls", ACME, Map.of());
    }

    /**
     * The Schematic call the provider makes, made directly: the detailed check with the default as an option, on a
     * Schematic context built once (the provider's repeated path hands the same instance). With {@link
     * #directCheckFlag} and {@link #noOpProviderReadingCompanyMutable} it splits the provider path's cost into the
     * Schematic call, OpenFeature's client and the provider's own work.
     */
    @Benchmark
    public FlagCheck directCheckFlagDetailed() {
        return schematic.checkFlagDetailed("api-calls", ACME_CONTEXT, DEFAULT_FALSE);
    }

    /**
     * Side by side: the two checks above on two threads of one fork at the same time, so that both see the same
     * machine load (on a shared, loaded machine, checks measured one after the other see different loads).
     */
    @Benchmark
    @Group("sideBySide")
    @GroupThreads(1)
    public boolean sideBySideOpenFeature() {
        return client.getBooleanValue("api-calls", false, context);
    }

    /** The direct check of {@link #sideBySideOpenFeature}'s group. */
    @Benchmark
    @Group("sideBySide")
    @GroupThreads(1)
    public boolean sideBySideDirect() {
        return schematic.checkFlag("api-calls", ACME, Map.of());
    }

    /** {@link #sideBySideOpenFeature} with the company in a {@code MutableContext} (the cheapest shape to read). */
    @Benchmark
    @Group("sideBySideMutable")
    @GroupThreads(1)
    public boolean sideBySideMutableOpenFeature() {
        return client.getBooleanValue("api-calls", false, mutableContext);
    }

    /** The direct check of {@link #sideBySideMutableOpenFeature}'s group. */
    @Benchmark
    @Group("sideBySideMutable")
    @GroupThreads(1)
    public boolean sideBySideMutableDirect() {
        return schematic.checkFlag("api-calls", ACME, Map.of());
    }

    /**
     * The least a provider conforming to issue 17 can do per evaluation: an {@code EventProvider} (as ours, for its
     * events) that reads both context attributes a Schematic provider maps ({@code company} and {@code user}) and
     * returns a {@code ProviderEvaluation} with everything the issue asks for (value, reason, variant and flag
     * metadata: rule id, rule type), built once and shared, with no evaluation at all. Its hooks are a shared empty
     * list (the interface's default allocates one per evaluation). Any real provider does this and more, so the
     * OpenFeature path costs at least the direct check plus this.
     */
    static final class ConformingNoOpProvider extends EventProvider implements BooleanOnly {
        private static final List<Hook> NO_HOOKS = List.of();
        private static final ProviderEvaluation<Boolean> MATCH = ProviderEvaluation.<Boolean>builder()
                .value(true)
                .variant("on")
                .reason(Reason.TARGETING_MATCH.name())
                .flagMetadata(ImmutableMetadata.builder()
                        .addString("ruleId", "r2")
                        .addString("ruleType", "standard")
                        .addString("source", "LOCAL")
                        .build())
                .build();

        @Override
        public Metadata getMetadata() {
            return () -> "conforming-no-op";
        }

        @Override
        public List<Hook> getProviderHooks() {
            return NO_HOOKS;
        }

        @Override
        public ProviderEvaluation<Boolean> getBooleanEvaluation(String key, Boolean def, EvaluationContext ctx) {
            Value company = ctx.getValue("company");
            Value user = ctx.getValue("user");
            if ((company == null || !company.isStructure()) && (user == null || !user.isStructure())) {
                return ProviderEvaluation.<Boolean>builder()
                        .value(def)
                        .reason(Reason.DEFAULT.name())
                        .build();
            }
            return MATCH;
        }
    }

    /**
     * A provider answering {@code true} for every boolean flag, whatever the context: the SDK's floor. With
     * {@code readCompany} it first reads the context's {@code company} attribute, as a provider mapping it must.
     */
    static final class ConstantProvider implements BooleanOnly {
        private final boolean readCompany;

        ConstantProvider(boolean readCompany) {
            this.readCompany = readCompany;
        }

        private static final ProviderEvaluation<Boolean> TRUE = ProviderEvaluation.<Boolean>builder()
                .value(true)
                .variant("true")
                .reason(Reason.STATIC.name())
                .build();

        @Override
        public Metadata getMetadata() {
            return () -> "constant";
        }

        @Override
        public ProviderEvaluation<Boolean> getBooleanEvaluation(String key, Boolean def, EvaluationContext ctx) {
            if (readCompany && ctx.getValue("company") == null) {
                return ProviderEvaluation.<Boolean>builder().value(def).build();
            }
            return TRUE;
        }
    }

    /** The benchmark's providers answer boolean flags only: every other type gets its default back. */
    interface BooleanOnly extends FeatureProvider {
        @Override
        default ProviderEvaluation<String> getStringEvaluation(String key, String def, EvaluationContext ctx) {
            return ProviderEvaluation.<String>builder().value(def).build();
        }

        @Override
        default ProviderEvaluation<Integer> getIntegerEvaluation(String key, Integer def, EvaluationContext ctx) {
            return ProviderEvaluation.<Integer>builder().value(def).build();
        }

        @Override
        default ProviderEvaluation<Double> getDoubleEvaluation(String key, Double def, EvaluationContext ctx) {
            return ProviderEvaluation.<Double>builder().value(def).build();
        }

        @Override
        default ProviderEvaluation<Value> getObjectEvaluation(String key, Value def, EvaluationContext ctx) {
            return ProviderEvaluation.<Value>builder().value(def).build();
        }
    }
}
