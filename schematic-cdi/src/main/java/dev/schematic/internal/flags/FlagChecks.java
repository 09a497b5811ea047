package dev.schematic.internal.flags;

import dev.schematic.CheckOptions;
import dev.schematic.CircuitBreakerStatus;
import dev.schematic.FlagCheck;
import dev.schematic.api.features.FeaturesApi;
import dev.schematic.internal.config.FlagCheckSettings;
import dev.schematic.internal.http.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Flag checks through the REST API, in the official SDKs' order: offline → default; fresh cached answer; unless the
 * circuit breaker is open, one API call ({@link ApiCheck}) with retries inside the check's deadline; on failure the
 * stale cached answer (stale-if-error) or the flag default, logged once. A check whose cached answer is past its TTL
 * (but within {@code schematic.cache.max-stale}) does not wait on the API: the refresh runs in the background, one per
 * key ({@link BackgroundChecks}), and the check waits for it at most {@link #REFRESH_WAIT}, else answers with the
 * cached answer marked stale. The breaker's half-open probe runs the same way, so a hung API never holds a caller
 * longer than that wait once something is cached or the breaker has opened. Runs on the caller's thread; never
 * throws. Answers are cached as they will be served (source {@code CACHE}), so a fresh hit is returned as is.
 */
public final class FlagChecks implements AutoCloseable {
    static final String OFFLINE_REASON = "Offline mode - using default value";
    static final String NOT_FOUND_REASON = "Flag not found - using default value";
    static final String ERROR_REASON = "Error occurred - using default value: ";
    static final String CLOSED_REASON = "Client closed - using default value";
    static final String CLOSED_ERROR = "the Schematic client is closed";
    static final String BREAKER_OPEN = "circuit breaker open, the Schematic API is failing";
    static final String BREAKER_PROBING =
            "circuit breaker half-open, a probe is checking whether the Schematic API is back";
    /** How long a check with a stale answer (or the half-open probe's caller) waits for the API in the background. */
    static final Duration REFRESH_WAIT = Duration.ofMillis(25);

    static final String REFRESHING = "the Schematic API has not answered within " + REFRESH_WAIT.toMillis()
            + " ms; refreshing in the background";
    static final String BUSY = "too many flag checks are waiting for the Schematic API; not refreshed now";

    private final boolean offline;
    private final FlagCheckCache cache;
    private final FlagDefaults defaults;
    private final FlagCheckSettings settings;
    private final int maxRetries;
    private final CircuitBreaker breaker;
    private final ApiCheck api;
    private final BackgroundChecks background = new BackgroundChecks();

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
        this.cache = cache;
        this.defaults = defaults;
        this.settings = settings;
        this.maxRetries = maxRetries;
        this.breaker = new CircuitBreaker(offline ? 0 : settings.failureThreshold(), settings.openDuration());
        this.api = new ApiCheck(api, cache, retryPolicy, breaker);
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
                api.prepare(step);
            } catch (RuntimeException e) {
                System.getLogger(FlagChecks.class.getName())
                        .log(System.Logger.Level.DEBUG, "Schematic check client not prepared: " + e);
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
        if (hit == null && permit == CircuitBreaker.Permit.CALL) {
            // nothing to answer with meanwhile: the caller waits for the API (at most the deadline)
            return answer(
                    api.one(flagKey, company, user, cacheKey, fallback, deadline, retries, permit),
                    null,
                    flagKey,
                    fallback);
        }
        // a stale answer at hand, or the half-open probe: the call runs in the background (stale-while-revalidate);
        // a hung API costs this check REFRESH_WAIT, not the deadline
        String key = cacheKey != null ? cacheKey : FlagCheckCache.key(flagKey, company, user);
        CompletableFuture<ApiCheck.Outcome> call = background.run(
                key,
                () -> api.one(flagKey, company, user, cacheKey, fallback, deadline, retries, permit),
                () -> breaker.neutral(permit));
        if (call == null) {
            breaker.neutral(permit);
            return staleOr(hit, FlagCheck.ofDefault(flagKey, fallback, ERROR_REASON + BUSY, BUSY));
        }
        ApiCheck.Outcome outcome =
                BackgroundChecks.await(call, deadline.compareTo(REFRESH_WAIT) < 0 ? deadline : REFRESH_WAIT);
        if (outcome == null) {
            String why = permit == CircuitBreaker.Permit.PROBE ? BREAKER_PROBING : REFRESHING;
            return staleOr(hit, FlagCheck.ofDefault(flagKey, fallback, ERROR_REASON + why, why));
        }
        return answer(outcome, hit, flagKey, fallback);
    }

    /** The API's answer (a not-found default with this caller's fallback), else the stale answer or the default. */
    private static FlagCheck answer(
            ApiCheck.Outcome outcome, FlagCheckCache.Cached hit, String flagKey, boolean fallback) {
        FlagCheck a = outcome.answer();
        if (a != null) {
            if (a.source() != FlagCheck.Source.DEFAULT || a.value() == fallback) {
                return a;
            }
            return a.flagNotFound()
                    ? FlagCheck.notFound(flagKey, fallback, a.reason(), a.error())
                    : FlagCheck.ofDefault(flagKey, fallback, a.reason(), a.error());
        }
        String detail = outcome.failure();
        return staleOr(hit, FlagCheck.ofDefault(flagKey, fallback, ERROR_REASON + detail, detail));
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
                flagKey,
                override != null ? override : defaults.valueFor(flagKey),
                CLOSED_REASON,
                CLOSED_ERROR,
                FlagCheck.Outcome.CLIENT_CLOSED);
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
        Map<String, FlagCheck> fetched;
        try {
            fetched = api.all(company, user, settings.deadline(), maxRetries, permit);
        } catch (ApiCheck.Failed e) {
            return unanswered(keys, found, e.getMessage());
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

    private static List<String> nonBlank(List<String> flagKeys) {
        return flagKeys == null
                ? List.of()
                : flagKeys.stream().filter(k -> k != null && !k.isBlank()).toList();
    }

    private List<String> orKnownDefaults(List<String> keys) {
        return keys.isEmpty() ? List.copyOf(defaults.snapshot().keySet()) : keys;
    }

    /** Stops the background checks' threads. */
    @Override
    public void close() {
        background.close();
    }
}
