package dev.schematic.internal.flags;

import dev.schematic.CheckOptions;
import dev.schematic.CircuitBreakerStatus;
import dev.schematic.FlagCheck;
import dev.schematic.SchematicApiException;
import dev.schematic.api.features.FeaturesApi;
import dev.schematic.api.model.CheckFlagRequestBody;
import dev.schematic.api.model.CheckFlagResponse;
import dev.schematic.api.model.CheckFlagResponseData;
import dev.schematic.api.model.CheckFlagsResponse;
import dev.schematic.internal.concurrent.DaemonThreads;
import dev.schematic.internal.config.FlagCheckSettings;
import dev.schematic.internal.http.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * Flag checks through the REST API, in the official SDKs' order: offline → default; fresh cached answer; one API call
 * ({@code POST /flags/{key}/check}, or {@code POST /flags/check} for several flags) with retries inside the check's
 * deadline, unless the circuit breaker is open (a half-open probe runs on a thread of its own when the check has a
 * stale answer to give meanwhile); on failure the stale cached answer (stale-if-error) or the flag
 * default, logged once. Runs on the caller's thread; never throws. Answers are cached as they will be served (source
 * {@code CACHE}), so a fresh hit is returned as is.
 */
public final class FlagChecks {
    static final String OFFLINE_REASON = "Offline mode - using default value";
    static final String NOT_FOUND_REASON = "Flag not found - using default value";
    static final String ERROR_REASON = "Error occurred - using default value: ";
    static final String CLOSED_REASON = "Client closed - using default value";
    static final String CLOSED_ERROR = "the Schematic client is closed";
    static final String BREAKER_OPEN = "circuit breaker open, the Schematic API is failing";
    static final String BREAKER_PROBING =
            "circuit breaker half-open, a probe is checking whether the Schematic API is back";
    private static final ThreadFactory PROBES = DaemonThreads.named("schematic-breaker-probe");
    private static final System.Logger LOG = System.getLogger(FlagChecks.class.getName());

    private final boolean offline;
    private final Function<Duration, FeaturesApi> api;
    private final FlagCheckCache cache;
    private final FlagDefaults defaults;
    private final FlagCheckSettings settings;
    private final int maxRetries;
    private final RetryPolicy retryPolicy;
    private final CircuitBreaker breaker;
    private final FailureLog failures = new FailureLog(LOG, "Schematic flag checks through the API");

    /**
     * @param api a features client for single attempts with the given connect/read timeout
     * @param maxRetries retries of a check (within its deadline) unless the check's options say otherwise
     * @param retryPolicy when and how long to wait before a retry
     */
    public FlagChecks(
            boolean offline,
            Function<Duration, FeaturesApi> api,
            FlagCheckCache cache,
            FlagDefaults defaults,
            FlagCheckSettings settings,
            int maxRetries,
            RetryPolicy retryPolicy) {
        this.offline = offline;
        this.api = api;
        this.cache = cache;
        this.defaults = defaults;
        this.settings = settings;
        this.maxRetries = maxRetries;
        this.retryPolicy = retryPolicy;
        this.breaker = new CircuitBreaker(offline ? 0 : settings.failureThreshold(), settings.openDuration());
    }

    /**
     * Builds the REST clients of the check path now (one per deadline step), so the first checks do not pay for
     * building them (class loading of the REST client takes seconds in a cold JVM on a busy machine).
     */
    public void prepare() {
        if (offline) {
            return;
        }
        for (Duration step : DeadlineCall.ladder(settings.deadline())) {
            try {
                api.apply(step);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "Schematic check client not prepared: " + e);
                return;
            }
        }
    }

    /** The API path's circuit breaker. */
    public CircuitBreakerStatus circuitBreaker() {
        return breaker.status();
    }

    public FlagCheck check(
            String flagKey, Map<String, String> company, Map<String, String> user, CheckOptions options) {
        CheckOptions opts = options == null ? CheckOptions.NONE : options;
        if (flagKey == null || flagKey.isBlank()) {
            return FlagCheck.ofDefault(
                    String.valueOf(flagKey), false, ERROR_REASON + "flagKey must not be blank", "flagKey is blank");
        }
        boolean fallback = opts.defaultValue().orElseGet(() -> defaults.valueFor(flagKey));
        if (offline) {
            return FlagCheck.ofDefault(flagKey, fallback, OFFLINE_REASON, null);
        }
        String cacheKey = cache.enabled() ? FlagCheckCache.key(flagKey, company, user) : null;
        FlagCheckCache.Cached hit = cacheKey == null ? null : cache.lookup(cacheKey);
        if (hit != null && cache.isFresh(hit)) {
            return hit.check();
        }
        CircuitBreaker.Permit permit = breaker.acquire();
        if (permit == CircuitBreaker.Permit.REJECT) {
            return staleOr(hit, FlagCheck.ofDefault(flagKey, fallback, ERROR_REASON + BREAKER_OPEN, BREAKER_OPEN));
        }
        Duration deadline = opts.request().timeout().orElse(settings.deadline());
        int retries = opts.request().maxRetries().orElse(maxRetries);
        if (permit == CircuitBreaker.Permit.PROBE && hit != null) {
            // a caller with a real (stale) answer at hand does not wait for the probe: a hung API would cost it the
            // whole deadline; the probe runs on a thread of its own, refreshes the cache and decides the breaker
            probeInBackground(flagKey, body(company, user), cacheKey, deadline, retries);
            return staleOr(
                    hit, FlagCheck.ofDefault(flagKey, fallback, ERROR_REASON + BREAKER_PROBING, BREAKER_PROBING));
        }
        try {
            CheckFlagRequestBody body = body(company, user);
            CheckFlagResponse response = DeadlineCall.call(
                    deadline, retries, retryPolicy, t -> api.apply(t).checkFlag(flagKey, body));
            answered(permit);
            CheckFlagResponseData data = response == null ? null : response.data();
            if (data == null || data.value() == null) {
                return FlagCheck.notFound(flagKey, fallback, NOT_FOUND_REASON, null);
            }
            FlagCheck result = fromApi(data, flagKey);
            if (cacheKey != null) {
                cache.put(cacheKey, result.fromCache());
            }
            return result;
        } catch (SchematicApiException e) {
            if (e.status() == 404) {
                answered(permit);
                return FlagCheck.notFound(flagKey, fallback, NOT_FOUND_REASON, e.errorMessage());
            }
            String detail = failed(permit, e);
            return staleOr(hit, FlagCheck.ofDefault(flagKey, fallback, ERROR_REASON + detail, detail));
        } catch (RuntimeException e) {
            String detail = failed(permit, e);
            return staleOr(hit, FlagCheck.ofDefault(flagKey, fallback, ERROR_REASON + detail, detail));
        }
    }

    /** The half-open probe on a daemon thread: its answer is cached and its outcome closes or reopens the breaker. */
    private void probeInBackground(
            String flagKey, CheckFlagRequestBody body, String cacheKey, Duration deadline, int retries) {
        CircuitBreaker.Permit permit = CircuitBreaker.Permit.PROBE;
        Runnable probe = () -> {
            try {
                CheckFlagResponse response = DeadlineCall.call(
                        deadline, retries, retryPolicy, t -> api.apply(t).checkFlag(flagKey, body));
                CheckFlagResponseData data = response == null ? null : response.data();
                if (data != null && data.value() != null) {
                    cache.put(cacheKey, fromApi(data, flagKey).fromCache());
                }
                answered(permit);
            } catch (SchematicApiException e) {
                if (e.status() == 404) {
                    answered(permit);
                } else {
                    failed(permit, e);
                }
            } catch (RuntimeException e) {
                failed(permit, e);
            }
        };
        try {
            PROBES.newThread(probe).start();
        } catch (RuntimeException | OutOfMemoryError e) {
            breaker.neutral(permit); // no thread: the next check probes
        }
    }

    /**
     * The answer without calling the API (e.g. when no thread is free to call it): the fresh cached answer, else the
     * stale one, else the default; {@code why} goes into the reason and error.
     */
    public FlagCheck withoutApi(
            String flagKey, Map<String, String> company, Map<String, String> user, CheckOptions options, String why) {
        CheckOptions opts = options == null ? CheckOptions.NONE : options;
        String key = String.valueOf(flagKey);
        boolean fallback = opts.defaultValue().orElseGet(() -> defaults.valueFor(key));
        if (offline) {
            return FlagCheck.ofDefault(key, fallback, OFFLINE_REASON, null);
        }
        FlagCheckCache.Cached hit = cache.enabled() ? cache.lookup(FlagCheckCache.key(key, company, user)) : null;
        if (hit != null && cache.isFresh(hit)) {
            return hit.check();
        }
        return staleOr(hit, FlagCheck.ofDefault(key, fallback, ERROR_REASON + why, why));
    }

    /** {@link #withoutApi} for several flags (every known default for no keys). */
    public List<FlagCheck> allWithoutApi(
            List<String> flagKeys, Map<String, String> company, Map<String, String> user, String why) {
        return orKnownDefaults(nonBlank(flagKeys)).stream()
                .map(k -> withoutApi(k, company, user, CheckOptions.NONE, why))
                .toList();
    }

    /** The answer of a closed client: the flag default ({@code override} when given), reason and error saying so. */
    public FlagCheck closedDefault(String flagKey, Boolean override) {
        return FlagCheck.ofDefault(
                flagKey, override != null ? override : defaults.valueFor(flagKey), CLOSED_REASON, CLOSED_ERROR);
    }

    /** {@link #checkAll}'s answer of a closed client: every flag's default (all known defaults for no keys). */
    public List<FlagCheck> closedDefaults(List<String> flagKeys) {
        return orKnownDefaults(nonBlank(flagKeys)).stream()
                .map(k -> closedDefault(k, null))
                .toList();
    }

    /**
     * Several flags for one context; no keys (an empty list or null) means every flag the API knows. When the API
     * cannot answer, each key gets its stale cached answer or its default; with no keys, every known default.
     */
    public List<FlagCheck> checkAll(List<String> flagKeys, Map<String, String> company, Map<String, String> user) {
        List<String> keys = nonBlank(flagKeys);
        if (offline) {
            return orKnownDefaults(keys).stream()
                    .map(k -> FlagCheck.ofDefault(k, defaults.valueFor(k), OFFLINE_REASON, null))
                    .toList();
        }
        Map<String, FlagCheckCache.Cached> found = new HashMap<>();
        if (!keys.isEmpty() && cache.enabled()) {
            boolean allFresh = true;
            for (String k : keys) {
                FlagCheckCache.Cached hit = cache.lookup(FlagCheckCache.key(k, company, user));
                if (hit != null) {
                    found.put(k, hit);
                }
                allFresh &= hit != null && cache.isFresh(hit);
            }
            if (allFresh) {
                return keys.stream().map(k -> found.get(k).check()).toList();
            }
        }
        CircuitBreaker.Permit permit = breaker.acquire();
        if (permit == CircuitBreaker.Permit.REJECT) {
            return unanswered(keys, found, BREAKER_OPEN);
        }
        try {
            CheckFlagRequestBody body = body(company, user);
            CheckFlagsResponse response = DeadlineCall.call(
                    settings.deadline(),
                    maxRetries,
                    retryPolicy,
                    t -> api.apply(t).checkFlags(body));
            answered(permit);
            List<CheckFlagResponseData> flags = response == null || response.data() == null
                    ? List.of()
                    : response.data().flags() == null
                            ? List.of()
                            : response.data().flags();
            Map<String, FlagCheck> fetched = new LinkedHashMap<>();
            for (CheckFlagResponseData data : flags) {
                if (data == null || data.flag() == null || data.value() == null) {
                    continue;
                }
                FlagCheck result = fromApi(data, data.flag());
                fetched.put(data.flag(), result);
                if (cache.enabled()) {
                    cache.put(FlagCheckCache.key(data.flag(), company, user), result.fromCache());
                }
            }
            if (keys.isEmpty()) {
                return List.copyOf(fetched.values());
            }
            List<FlagCheck> out = new ArrayList<>(keys.size());
            for (String k : keys) {
                FlagCheck r = fetched.get(k);
                out.add(r != null ? r : FlagCheck.notFound(k, defaults.valueFor(k), NOT_FOUND_REASON, null));
            }
            return out;
        } catch (RuntimeException e) {
            return unanswered(keys, found, failed(permit, e));
        }
    }

    private List<FlagCheck> unanswered(List<String> keys, Map<String, FlagCheckCache.Cached> found, String detail) {
        String reason = ERROR_REASON + detail;
        return orKnownDefaults(keys).stream()
                .map(k -> staleOr(found.get(k), FlagCheck.ofDefault(k, defaults.valueFor(k), reason, detail)))
                .toList();
    }

    /** The stale cached answer, saying why it is served, or {@code otherwise}. */
    private static FlagCheck staleOr(FlagCheckCache.Cached hit, FlagCheck otherwise) {
        if (hit == null) {
            return otherwise;
        }
        return hit.check().asStale("cached " + hit.age().toMillis() + " ms ago; " + otherwise.error());
    }

    /** The API answered: it works, whatever the answer. */
    private void answered(CircuitBreaker.Permit permit) {
        failures.success();
        breaker.success(permit);
    }

    /** Records a failure (logged once, counted by the breaker) and describes it. */
    private String failed(CircuitBreaker.Permit permit, RuntimeException e) {
        String detail = describe(e);
        if (e instanceof SchematicApiException api && api.status() < 500 && api.status() != 408) {
            // the API is up and said no (400, 401, 429, …): not an outage for the breaker; 429 decides nothing
            if (api.status() == 429) {
                breaker.neutral(permit);
            } else {
                breaker.success(permit);
            }
        } else {
            breaker.failure(permit, detail);
        }
        failures.failure(detail);
        return detail;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (!(root instanceof SchematicApiException) && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return msg == null ? root.getClass().getSimpleName() : msg;
    }

    private static CheckFlagRequestBody body(Map<String, String> company, Map<String, String> user) {
        return CheckFlagRequestBody.builder()
                .company(company == null || company.isEmpty() ? null : company)
                .user(user == null || user.isEmpty() ? null : user)
                .build();
    }

    private static FlagCheck fromApi(CheckFlagResponseData d, String flagKey) {
        return new FlagCheck(
                d.flag() == null ? flagKey : d.flag(),
                d.value(),
                d.reason(),
                d.flagId(),
                d.companyId(),
                d.userId(),
                d.ruleId(),
                d.ruleType() == null ? null : d.ruleType().value(),
                d.error(),
                d.entitlement(),
                FlagCheck.Source.API);
    }

    private static List<String> nonBlank(List<String> flagKeys) {
        return flagKeys == null
                ? List.of()
                : flagKeys.stream().filter(k -> k != null && !k.isBlank()).toList();
    }

    private List<String> orKnownDefaults(List<String> keys) {
        return keys.isEmpty() ? List.copyOf(defaults.snapshot().keySet()) : keys;
    }
}
