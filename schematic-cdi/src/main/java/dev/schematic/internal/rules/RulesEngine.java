package dev.schematic.internal.rules;

import dev.schematic.RulesEngineStats;
import dev.schematic.internal.config.RulesEngineOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Local flag evaluation: Schematic's rules engine (a WASM module) run on Chicory, compiled to JVM bytecode.
 *
 * <p>By default the engine bundled with the SDK is used; it was compiled to bytecode at build time. With
 * {@link RulesEngineOptions#wasm()} ({@code schematic.rules.wasm}) another module file with the same interface, e.g.
 * Schematic's official binary, is compiled at runtime instead. Nothing is loaded until the first evaluation (or
 * {@link #start()}).
 *
 * <p>Inputs are the snake_case JSON of the DataStream entities (datastream.md §6.8), passed to the engine unchanged.
 * Prefer the {@link RulesInput} overloads with one {@code RulesInput} per cached entity version: they skip encoding
 * and hashing, and the memo recognises them by reference.
 *
 * <p>With this project's module, each input version is parsed once per instance and kept resident in the module's
 * memory ({@link ResidentEntities}); evaluations then name the entities by handle. Modules with only the official
 * interface, and inputs the module does not take as entities, use the official {@code checkFlagCombined} envelope
 * ({@link EnvelopeCall}), so the answers are the same either way.
 *
 * <p>Thread-safe and lock-free on the hot path: a pool of WASM instances ({@link RulesEngineOptions#poolSize()}) runs
 * evaluations in parallel; no {@code synchronized} is used, so virtual threads do not pin their carrier. Results are
 * memoized ({@link RulesEngineOptions#memoSize()}) per exact (flag, company, user, options) content until a time
 * boundary that can change them passes (see {@link ResultMemo}).
 *
 * <p>Failures never throw from {@code evaluate}: the result then has the flag's default value, a {@code reason}
 * starting with {@code RULES_ENGINE_ERROR} or {@code RULES_ENGINE_UNAVAILABLE}, the detail in {@code error}, and
 * {@link RulesResult#failure()} set. Each kind of failure is logged once at WARNING (repeats at DEBUG) and counted in
 * {@link #stats()}.
 */
public final class RulesEngine {
    private final RulesEngineOptions options;
    private final Clock clock;
    private final ResultMemo memo;
    private final EngineLoader loader;
    private final FailureResults failures = new FailureResults();
    private final boolean resident;

    private final LongAdder evaluations = new LongAdder();
    private final LongAdder memoHits = new LongAdder();
    private final LongAdder engineCalls = new LongAdder();

    private RulesEngine(RulesEngineOptions options, Clock clock, boolean resident) {
        this(options, clock, resident, ResidentEntities.MAX_BYTES);
    }

    private RulesEngine(RulesEngineOptions options, Clock clock, boolean resident, long residentBytes) {
        this.resident = resident;
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.memo = options.memoSize() > 0 ? new ResultMemo(options.memoSize()) : null;
        this.loader = new EngineLoader(options, residentBytes);
    }

    /** An engine with the given options and the system clock. Loads nothing yet. */
    public static RulesEngine create(RulesEngineOptions options) {
        return new RulesEngine(options, Clock.systemUTC(), true);
    }

    /** An engine with the given options whose "now" comes from {@code clock}. Loads nothing yet. */
    public static RulesEngine create(RulesEngineOptions options, Clock clock) {
        return new RulesEngine(options, clock, true);
    }

    /**
     * An engine that only uses the official interface ({@code checkFlagCombined} on one JSON envelope), even when the
     * module also keeps entities resident: the baseline of the benchmarks and the reference of the agreement tests.
     */
    public static RulesEngine createEnvelopeOnly(RulesEngineOptions options, Clock clock) {
        return new RulesEngine(options, clock, false);
    }

    /**
     * An engine whose instances each keep up to {@code residentBytes} of entity JSON parsed and resident (default
     * 512 KiB; smaller values are raised to it). The module's memory holds about 3 times that once parsed, per
     * instance, for as long as the engine lives: size it to the working set that should evaluate without a parse.
     */
    public static RulesEngine createWithResidentBudget(RulesEngineOptions options, Clock clock, long residentBytes) {
        return new RulesEngine(options, clock, true, residentBytes);
    }

    /** An engine with {@link RulesEngineOptions#defaults()}. */
    public static RulesEngine create() {
        return create(RulesEngineOptions.defaults());
    }

    public RulesEngineOptions options() {
        return options;
    }

    /** Where this engine's "now" comes from (evaluations without an explicit instant). */
    public Clock clock() {
        return clock;
    }

    /**
     * Loads the module now (instead of at the first evaluation) and creates one instance.
     *
     * @throws RulesEngineException when the module cannot be loaded or lacks the rules-engine interface (the message
     *     names the missing exports)
     */
    public RulesEngine start() {
        loaded();
        return this;
    }

    private EngineLoader.Loaded loaded() {
        EngineLoader.Loaded l = loader.get();
        if (l == null) {
            throw loader.failure();
        }
        return l;
    }

    /**
     * The module's version key ({@code get_version_key_wasm}; {@code 1} when it has none). The DataStream cache keys
     * include it. Loads the module.
     *
     * @throws RulesEngineException when the module cannot be loaded
     */
    public String versionKey() {
        return loaded().module().versionKey();
    }

    /** A description of the module in use, e.g. {@code bundled rules engine}. Loads the module. */
    public String moduleDescription() {
        return loaded().module().description();
    }

    // ----- evaluation overloads -----

    /** Evaluates a flag for a company and/or user ({@code null} = absent) now. */
    public RulesResult evaluate(String flagJson, String companyJson, String userJson) {
        return evaluate(flagJson, companyJson, userJson, null, clock.instant());
    }

    /** Evaluates a flag for a company and/or user ({@code null} = absent) at {@code now}. */
    public RulesResult evaluate(String flagJson, String companyJson, String userJson, Instant now) {
        return evaluate(flagJson, companyJson, userJson, null, now);
    }

    /** Evaluates with preflight options ({@code null} = none) at {@code now}. */
    public RulesResult evaluate(
            String flagJson, String companyJson, String userJson, PreflightOptions preflight, Instant now) {
        Objects.requireNonNull(flagJson, "flagJson");
        return evaluate(
                RulesInput.of(flagJson),
                RulesInput.ofNullable(companyJson),
                RulesInput.ofNullable(userJson),
                preflight == null ? null : preflight.toInput(),
                now);
    }

    /** Evaluates a flag for a company and/or user ({@code null} = absent) now. */
    public RulesResult evaluate(RulesInput flag, RulesInput company, RulesInput user) {
        return evaluate(flag, company, user, null, clock.instant());
    }

    /** Evaluates a flag for a company and/or user ({@code null} = absent) at {@code now}. */
    public RulesResult evaluate(RulesInput flag, RulesInput company, RulesInput user, Instant now) {
        return evaluate(flag, company, user, null, now);
    }

    /** Evaluates with preflight options ({@code null} = none) now. */
    public RulesResult evaluate(RulesInput flag, RulesInput company, RulesInput user, PreflightOptions preflight) {
        return evaluate(flag, company, user, preflight == null ? null : preflight.toInput(), clock.instant());
    }

    /**
     * Evaluates {@code flag} for {@code company} and/or {@code user} at {@code now}.
     *
     * @param flag the flag JSON (required)
     * @param company the company JSON, or {@code null}
     * @param user the user JSON, or {@code null}
     * @param options the preflight {@code options} JSON object (see {@link PreflightOptions#toJson()}), or
     *     {@code null}
     * @param now the evaluation instant (period resets are computed from it)
     */
    public RulesResult evaluate(RulesInput flag, RulesInput company, RulesInput user, RulesInput options, Instant now) {
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(now, "now");
        long nowMillis = now.toEpochMilli();
        evaluations.increment();
        ResultMemo.Key key = null;
        if (memo != null) {
            key = new ResultMemo.Key(flag, company, user, options);
            RulesResult hit = memo.get(key, nowMillis);
            if (hit != null) {
                memoHits.increment();
                return hit;
            }
        }
        EngineLoader.Loaded l = loader.get();
        if (l == null) {
            return failures.result(RulesFailure.UNAVAILABLE, loader.failure().getMessage(), flag, company, user);
        }
        RulesResult result = call(l, flag, company, user, options, nowMillis);
        if (result.failure() == RulesFailure.REJECTED
                && (InputSanitizer.hasEmptyEntityType(flag)
                        || InputSanitizer.hasEmptyEntityType(company)
                        || InputSanitizer.hasEmptyEntityType(user))) {
            // datastream.md §6.7: replicator data with an empty trait_definition.entity_type; fix and retry once.
            RulesResult retried = call(
                    l,
                    InputSanitizer.fix(flag, null),
                    InputSanitizer.fix(company, "company"),
                    InputSanitizer.fix(user, "user"),
                    options,
                    nowMillis);
            if (retried.failure() == null) {
                result = retried;
            }
        }
        if (result.failure() != null) {
            return failures.result(result.failure(), result.error(), flag, company, user);
        }
        if (memo != null) {
            memo.put(key, result, nowMillis);
        }
        return result;
    }

    /** One engine call; a failure comes back as a bare result with {@code failure} and {@code error} set. */
    private RulesResult call(
            EngineLoader.Loaded l,
            RulesInput flag,
            RulesInput company,
            RulesInput user,
            RulesInput options,
            long nowMillis) {
        engineCalls.increment();
        EngineInstance instance;
        try {
            instance = l.pool().acquire();
        } catch (RulesEngineException e) {
            return FailureResults.bare(RulesFailure.TRAP, "cannot create a WASM instance: " + e.getMessage());
        }
        try {
            if (resident && instance.residents() != null) {
                RulesResult r = ResidentCall.run(instance, flag, company, user, options, nowMillis);
                if (r != null) {
                    return r;
                }
                if (instance.broken()) {
                    return FailureResults.bare(RulesFailure.TRAP, "the instance trapped");
                }
            }
            return EnvelopeCall.run(instance, flag, company, user, options, nowMillis);
        } finally {
            l.pool().release(instance);
        }
    }

    /** Counters since creation. */
    public RulesEngineStats stats() {
        EngineLoader.Loaded l = loader.peek();
        return new RulesEngineStats(
                evaluations.sum(),
                memoHits.sum(),
                engineCalls.sum(),
                failures.count(RulesFailure.REJECTED),
                failures.count(RulesFailure.TRAP),
                failures.count(RulesFailure.MALFORMED_OUTPUT),
                failures.count(RulesFailure.UNAVAILABLE),
                l == null ? 0 : l.pool().alive(),
                l == null ? 0 : l.pool().created(),
                memo == null ? 0 : memo.size());
    }

    /** Drops every memoized result. */
    public void clearMemo() {
        if (memo != null) {
            memo.clear();
        }
    }
}
