package dev.schematic.internal.rules;

import dev.schematic.RulesEngineStats;
import dev.schematic.internal.config.RulesEngineOptions;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

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
    private static final System.Logger LOG = System.getLogger(RulesEngine.class.getName());

    private static final byte[] FLAG = "{\"flag\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMPANY = ",\"company\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USER = ",\"user\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OPTIONS = ",\"options\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "}".getBytes(StandardCharsets.US_ASCII);

    private record Loaded(EngineModule module, InstancePool pool) {}

    private final RulesEngineOptions options;
    private final Clock clock;
    private final ResultMemo memo;
    private final ReentrantLock loading = new ReentrantLock();
    private volatile Loaded loaded;
    private volatile RulesEngineException loadFailure;

    private final LongAdder evaluations = new LongAdder();
    private final LongAdder memoHits = new LongAdder();
    private final LongAdder engineCalls = new LongAdder();
    private final Map<RulesFailure, LongAdder> failures = new EnumMap<>(RulesFailure.class);
    private final Map<RulesFailure, AtomicBoolean> logged = new EnumMap<>(RulesFailure.class);

    private RulesEngine(RulesEngineOptions options, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.memo = options.memoSize() > 0 ? new ResultMemo(options.memoSize()) : null;
        for (RulesFailure f : RulesFailure.values()) {
            failures.put(f, new LongAdder());
            logged.put(f, new AtomicBoolean());
        }
    }

    /** An engine with the given options and the system clock. Loads nothing yet. */
    public static RulesEngine create(RulesEngineOptions options) {
        return new RulesEngine(options, Clock.systemUTC());
    }

    /** An engine with the given options whose "now" comes from {@code clock}. Loads nothing yet. */
    public static RulesEngine create(RulesEngineOptions options, Clock clock) {
        return new RulesEngine(options, clock);
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
        Loaded l = load();
        if (l == null) {
            throw loadFailure;
        }
        return this;
    }

    /**
     * The module's version key ({@code get_version_key_wasm}; {@code 1} when it has none). The DataStream cache keys
     * include it. Loads the module.
     *
     * @throws RulesEngineException when the module cannot be loaded
     */
    public String versionKey() {
        return start().loaded.module().versionKey();
    }

    /** A description of the module in use, e.g. {@code bundled rules engine}. Loads the module. */
    public String moduleDescription() {
        return start().loaded.module().description();
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
        Loaded l = load();
        if (l == null) {
            return failure(RulesFailure.UNAVAILABLE, loadFailure.getMessage(), flag, company, user);
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
            return failure(result.failure(), result.error(), flag, company, user);
        }
        if (memo != null) {
            memo.put(key, result, nowMillis);
        }
        return result;
    }

    /** One engine call; a failure comes back as a bare result with {@code failure} and {@code error} set. */
    private RulesResult call(
            Loaded l, RulesInput flag, RulesInput company, RulesInput user, RulesInput options, long nowMillis) {
        byte[][] parts = new byte[9][];
        int n = 0;
        parts[n++] = FLAG;
        parts[n++] = flag.bytes();
        if (company != null) {
            parts[n++] = COMPANY;
            parts[n++] = company.bytes();
        }
        if (user != null) {
            parts[n++] = USER;
            parts[n++] = user.bytes();
        }
        if (options != null) {
            parts[n++] = OPTIONS;
            parts[n++] = options.bytes();
        }
        parts[n++] = CLOSE;
        int total = 0;
        for (int i = 0; i < n; i++) {
            total += parts[i].length;
        }

        engineCalls.increment();
        byte[] out;
        EngineInstance instance;
        try {
            instance = l.pool().acquire();
        } catch (RulesEngineException e) {
            return bare(RulesFailure.TRAP, "cannot create a WASM instance: " + e.getMessage());
        }
        try {
            out = instance.check(parts, n, total, nowMillis);
        } catch (EngineInstance.CallFailure f) {
            return bare(f.kind, f.getMessage());
        } finally {
            l.pool().release(instance);
        }
        try {
            return ResultReader.read(out);
        } catch (ResultReader.MalformedOutput e) {
            String head = new String(out, 0, Math.min(out.length, 200), StandardCharsets.UTF_8);
            return bare(RulesFailure.MALFORMED_OUTPUT, e.getMessage() + " (output starts: " + head + ")");
        }
    }

    private static RulesResult bare(RulesFailure kind, String detail) {
        return new RulesResult(
                false,
                kind.reason(),
                null,
                null,
                null,
                null,
                null,
                null,
                detail,
                null,
                null,
                null,
                null,
                null,
                null,
                kind);
    }

    /** Counters since creation. */
    public RulesEngineStats stats() {
        Loaded l = loaded;
        return new RulesEngineStats(
                evaluations.sum(),
                memoHits.sum(),
                engineCalls.sum(),
                failures.get(RulesFailure.REJECTED).sum(),
                failures.get(RulesFailure.TRAP).sum(),
                failures.get(RulesFailure.MALFORMED_OUTPUT).sum(),
                failures.get(RulesFailure.UNAVAILABLE).sum(),
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

    // ----- loading -----

    private Loaded load() {
        Loaded l = loaded;
        if (l != null) {
            return l;
        }
        if (loadFailure != null) {
            return null;
        }
        loading.lock();
        try {
            if (loaded != null) {
                return loaded;
            }
            if (loadFailure != null) {
                return null;
            }
            long t0 = System.nanoTime();
            try {
                EngineModule module = options.wasm().map(EngineModule::fromFile).orElseGet(EngineModule::bundled);
                InstancePool pool = new InstancePool(module, options.poolSize(), module.newInstance());
                loaded = new Loaded(module, pool);
                LOG.log(
                        Level.DEBUG,
                        () -> "loaded the " + module.description() + " (version key " + module.versionKey() + ") in "
                                + (System.nanoTime() - t0) / 1_000_000 + " ms; pool size " + options.poolSize());
                return loaded;
            } catch (RulesEngineException e) {
                loadFailure = e;
                return null;
            } catch (RuntimeException | LinkageError e) {
                loadFailure = new RulesEngineException("cannot load the rules engine: " + e, e);
                return null;
            }
        } finally {
            loading.unlock();
        }
    }

    // ----- failures -----

    private RulesResult failure(
            RulesFailure kind, String detail, RulesInput flag, RulesInput company, RulesInput user) {
        failures.get(kind).increment();
        if (logged.get(kind).compareAndSet(false, true)) {
            LOG.log(
                    Level.WARNING,
                    "Rules engine failure (" + kind + "), returning the flag default: " + detail
                            + " (logged once; further " + kind + " failures are logged at DEBUG and counted in"
                            + " RulesEngine.stats())");
        } else {
            LOG.log(Level.DEBUG, () -> "Rules engine failure (" + kind + "): " + detail);
        }
        Map<String, Object> f = object(flag);
        Object dv = f.get("default_value");
        if (dv == null) {
            dv = f.get("defaultValue");
        }
        return new RulesResult(
                dv instanceof Boolean b && b,
                kind.reason(),
                text(f.get("key")),
                text(f.get("id")),
                company == null ? null : text(object(company).get("id")),
                user == null ? null : text(object(user).get("id")),
                null,
                null,
                detail,
                null,
                null,
                null,
                null,
                null,
                null,
                kind);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(RulesInput input) {
        try {
            Object v = MiniJson.parse(input.bytes());
            return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private static String text(Object v) {
        return v instanceof String s ? s : null;
    }
}
