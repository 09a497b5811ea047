package dev.schematic.internal.flags;

import dev.schematic.FlagCheck;
import dev.schematic.SchematicApiException;
import dev.schematic.api.features.FeaturesApi;
import dev.schematic.api.model.CheckFlagRequestBody;
import dev.schematic.api.model.CheckFlagResponse;
import dev.schematic.api.model.CheckFlagResponseData;
import dev.schematic.api.model.CheckFlagsResponse;
import dev.schematic.internal.http.RetryPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Flag checks through the REST API: one call ({@code POST /flags/{key}/check}, or {@code POST /flags/check} for
 * several flags) with retries inside a deadline, its answer mapped to {@link FlagCheck} (and cached as it will be
 * served), and its outcome reported to the {@link CircuitBreaker} and the {@link FailureLog}. Never throws.
 */
final class ApiCheck {
    private static final System.Logger LOG = System.getLogger(FlagChecks.class.getName());

    /** The API's answer ({@code answer}, a real one or the not-found default), or why there is none. */
    record Outcome(FlagCheck answer, String failure) {
        static Outcome failed(String why) {
            return new Outcome(null, why);
        }
    }

    private final Function<Duration, FeaturesApi> api;
    private final FlagCheckCache cache;
    private final RetryPolicy retryPolicy;
    private final CircuitBreaker breaker;
    private final FailureLog failures = new FailureLog(LOG, "Schematic flag checks through the API");

    ApiCheck(
            Function<Duration, FeaturesApi> api,
            FlagCheckCache cache,
            RetryPolicy retryPolicy,
            CircuitBreaker breaker) {
        this.api = api;
        this.cache = cache;
        this.retryPolicy = retryPolicy;
        this.breaker = breaker;
    }

    /** Builds the REST client of one deadline step now. */
    void prepare(Duration step) {
        api.apply(step);
    }

    /**
     * One flag for one context. {@code cacheKey} (null: not cached) receives a real answer; {@code fallback} is the
     * value of the not-found default.
     */
    Outcome one(
            String flagKey,
            Map<String, String> company,
            Map<String, String> user,
            String cacheKey,
            boolean fallback,
            Duration deadline,
            int retries,
            CircuitBreaker.Permit permit) {
        if (!breaker.admits(permit)) {
            // queued behind calls that opened the breaker: the breaker has judged the API, do not wait on it again
            breaker.neutral(permit);
            return Outcome.failed(FlagChecks.BREAKER_OPEN);
        }
        try {
            CheckFlagRequestBody body = body(company, user);
            CheckFlagResponse response = DeadlineCall.call(
                    deadline, retries, retryPolicy, t -> api.apply(t).checkFlag(flagKey, body));
            CheckFlagResponseData data = response == null ? null : response.data();
            if (data == null || data.value() == null) {
                answered(permit);
                return new Outcome(FlagCheck.notFound(flagKey, fallback, FlagChecks.NOT_FOUND_REASON, null), null);
            }
            FlagCheck result = fromApi(data, flagKey);
            if (cacheKey != null) {
                cache.put(cacheKey, result.fromCache()); // before the breaker closes: a probe's answer is there first
            }
            answered(permit);
            return new Outcome(result, null);
        } catch (SchematicApiException e) {
            if (e.status() == 404) {
                answered(permit);
                return new Outcome(
                        FlagCheck.notFound(flagKey, fallback, FlagChecks.NOT_FOUND_REASON, e.errorMessage()), null);
            }
            return Outcome.failed(failed(permit, e));
        } catch (RuntimeException e) {
            return Outcome.failed(failed(permit, e));
        }
    }

    /**
     * Several flags for one context: every flag the API answered, by key (each cached), in the API's order; throws
     * {@link Failed} when the API did not answer.
     */
    Map<String, FlagCheck> all(
            Map<String, String> company,
            Map<String, String> user,
            Duration deadline,
            int retries,
            CircuitBreaker.Permit permit) {
        try {
            CheckFlagRequestBody body = body(company, user);
            CheckFlagsResponse response = DeadlineCall.call(
                    deadline, retries, retryPolicy, t -> api.apply(t).checkFlags(body));
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
            return fetched;
        } catch (RuntimeException e) {
            throw new Failed(failed(permit, e));
        }
    }

    /** {@link #all}'s failure, already counted and logged; the message says why. */
    static final class Failed extends RuntimeException {
        Failed(String detail) {
            super(detail, null, false, false);
        }
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
                FlagCheck.Source.API,
                d.error() != null && !d.error().isEmpty() ? FlagCheck.Outcome.FAILED : FlagCheck.Outcome.EVALUATED);
    }
}
