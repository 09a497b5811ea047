package dev.schematic.flags;

import dev.schematic.CheckOptions;
import dev.schematic.FlagCheck;
import dev.schematic.RequestOptions;
import dev.schematic.SchematicApiException;
import dev.schematic.api.features.FeaturesApi;
import dev.schematic.api.model.CheckFlagRequestBody;
import dev.schematic.api.model.CheckFlagResponse;
import dev.schematic.api.model.CheckFlagResponseData;
import dev.schematic.api.model.CheckFlagsResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Flag checks through the REST API, in the official SDKs' order: offline → default; cached answer; one API call
 * ({@code POST /flags/{key}/check}, or {@code POST /flags/check} for several flags); on any failure the flag
 * default, logged once. Runs on the caller's thread; never throws. Answers are cached as they will be served (source
 * {@code CACHE}), so a hit is returned as is.
 */
public final class FlagChecks {
    static final String OFFLINE_REASON = "Offline mode - using default value";
    static final String NOT_FOUND_REASON = "Flag not found - using default value";
    static final String ERROR_REASON = "Error occurred - using default value: ";
    static final String CLOSED_REASON = "Client closed - using default value";
    static final String CLOSED_ERROR = "the Schematic client is closed";
    private static final System.Logger LOG = System.getLogger(FlagChecks.class.getName());

    private final boolean offline;
    private final Function<RequestOptions, FeaturesApi> api;
    private final FlagCheckCache cache;
    private final FlagDefaults defaults;
    private final FailureLog failures = new FailureLog(LOG, "Schematic flag checks through the API");

    /**
     * @param api the features client for given request options (the REST client factory)
     */
    public FlagChecks(
            boolean offline, Function<RequestOptions, FeaturesApi> api, FlagCheckCache cache, FlagDefaults defaults) {
        this.offline = offline;
        this.api = api;
        this.cache = cache;
        this.defaults = defaults;
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
        if (cacheKey != null) {
            FlagCheck hit = cache.get(cacheKey);
            if (hit != null) {
                return hit;
            }
        }
        try {
            CheckFlagResponse response = api.apply(opts.request()).checkFlag(flagKey, body(company, user));
            failures.success();
            CheckFlagResponseData data = response == null ? null : response.data();
            if (data == null || data.value() == null) {
                return FlagCheck.ofDefault(flagKey, fallback, NOT_FOUND_REASON, null);
            }
            FlagCheck result = fromApi(data, flagKey);
            if (cacheKey != null) {
                cache.put(cacheKey, result.fromCache());
            }
            return result;
        } catch (SchematicApiException e) {
            if (e.status() == 404) {
                failures.success();
                return FlagCheck.ofDefault(flagKey, fallback, NOT_FOUND_REASON, e.errorMessage());
            }
            return failed(flagKey, fallback, e);
        } catch (RuntimeException e) {
            return failed(flagKey, fallback, e);
        }
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

    public List<FlagCheck> checkAll(List<String> flagKeys, Map<String, String> company, Map<String, String> user) {
        List<String> keys = nonBlank(flagKeys);
        if (offline) {
            return orKnownDefaults(keys).stream()
                    .map(k -> FlagCheck.ofDefault(k, defaults.valueFor(k), OFFLINE_REASON, null))
                    .toList();
        }
        Map<String, FlagCheck> found = new HashMap<>();
        if (!keys.isEmpty() && cache.enabled()) {
            for (String k : keys) {
                FlagCheck hit = cache.get(FlagCheckCache.key(k, company, user));
                if (hit != null) {
                    found.put(k, hit);
                }
            }
            if (found.size() == keys.size()) {
                return keys.stream().map(found::get).toList();
            }
        }
        try {
            CheckFlagsResponse response = api.apply(RequestOptions.DEFAULTS).checkFlags(body(company, user));
            failures.success();
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
                out.add(r != null ? r : FlagCheck.ofDefault(k, defaults.valueFor(k), NOT_FOUND_REASON, null));
            }
            return out;
        } catch (RuntimeException e) {
            String detail = describe(e);
            failures.failure(detail);
            String reason = ERROR_REASON + detail;
            return keys.stream()
                    .map(k -> FlagCheck.ofDefault(k, defaults.valueFor(k), reason, detail))
                    .toList();
        }
    }

    private FlagCheck failed(String flagKey, boolean fallback, RuntimeException e) {
        String detail = describe(e);
        failures.failure(detail);
        return FlagCheck.ofDefault(flagKey, fallback, ERROR_REASON + detail, detail);
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
