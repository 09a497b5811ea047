package dev.schematic.testkit;

import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * How {@link FakeSchematic} answers flag checks for one flag key. Obtain one with {@link FakeSchematic#flag(String)};
 * every method is thread-safe and returns {@code this} for chaining ({@link #and()} returns to the server).
 *
 * <p>Resolution for a check with company keys C and user keys U:
 *
 * <ol>
 *   <li>the first {@link #forUser user rule} whose keys are all contained in U (same key, equal value);
 *   <li>else the first {@link #forCompany company rule} whose keys are all contained in C;
 *   <li>else the {@link #defaultValue default value} ({@code false} unless set).
 * </ol>
 *
 * <p>A matched rule reports {@code rule_type} {@code "company_override"} and the reason {@code Matched company override
 * rule "<rule name>" (<rule id>)}; no match reports {@code rule_type} and {@code rule_id} {@code null}, as the real API
 * does, and the reason {@code No rules matched; default value for flag}.
 */
public final class FlagDefinition {
    static final String DEFAULT_REASON = "No rules matched; default value for flag";

    private final FakeSchematic server;
    private final String key;
    final long order;
    private volatile String id;
    private volatile boolean defaultValue;
    private volatile JsonObject entitlement;
    private final CopyOnWriteArrayList<Rule> companyRules = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Rule> userRules = new CopyOnWriteArrayList<>();

    /** One override rule. */
    record Rule(String id, String name, Map<String, String> keys, boolean value) {
        boolean matches(Map<String, String> context) {
            for (Map.Entry<String, String> e : keys.entrySet()) {
                if (!e.getValue().equals(context.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
    }

    FlagDefinition(FakeSchematic server, String key, long order) {
        this.server = server;
        this.key = key;
        this.order = order;
        this.id = "flag_" + key;
    }

    /** The flag key. */
    public String key() {
        return key;
    }

    /** The flag id reported as {@code flag_id}; {@code "flag_" + key} unless set. */
    public String id() {
        return id;
    }

    /** The value returned when no rule matches. */
    public boolean defaultValue() {
        return defaultValue;
    }

    /** Sets the value returned when no rule matches (initially {@code false}). */
    public FlagDefinition defaultValue(boolean value) {
        this.defaultValue = value;
        return this;
    }

    /** Sets the flag id reported as {@code flag_id} (default {@code "flag_" + key}). */
    public FlagDefinition id(String flagId) {
        this.id = Objects.requireNonNull(flagId, "flagId");
        return this;
    }

    /**
     * Sets the {@code entitlement} object echoed in every result for this flag ({@code FeatureEntitlement}: {@code
     * feature_id}, {@code feature_key}, {@code value_type}, {@code allocation}, {@code usage}, …). {@code null} removes it.
     */
    public FlagDefinition entitlement(JsonObject entitlementJson) {
        this.entitlement = entitlementJson;
        return this;
    }

    /** Same as {@link #entitlement(JsonObject)}, from JSON text. */
    public FlagDefinition entitlement(String entitlementJson) {
        return entitlement(entitlementJson == null ? null : JsonSupport.parseObject(entitlementJson));
    }

    /** The entitlement echoed in results, or {@code null}. */
    public JsonObject entitlement() {
        return entitlement;
    }

    /**
     * Answers {@code value} for checks whose company keys contain all of {@code keys}. Rule id {@code
     * rule_<flag>_company_<n>}, name {@code company k=v,…}. Defining a rule with the same keys again replaces its value in
     * place.
     */
    public FlagDefinition forCompany(Map<String, String> keys, boolean value) {
        return forCompany(keys, value, null, null);
    }

    /** {@link #forCompany(Map, boolean)} with an explicit rule id and name (either may be {@code null}: generated). */
    public FlagDefinition forCompany(Map<String, String> keys, boolean value, String ruleId, String ruleName) {
        addRule(companyRules, "company", keys, value, ruleId, ruleName);
        return this;
    }

    /**
     * Answers {@code value} for checks whose user keys contain all of {@code keys}; user rules win over company rules.
     * Rule id {@code rule_<flag>_user_<n>}, name {@code user k=v,…}. Defining a rule with the same keys again replaces its
     * value in place.
     */
    public FlagDefinition forUser(Map<String, String> keys, boolean value) {
        return forUser(keys, value, null, null);
    }

    /** {@link #forUser(Map, boolean)} with an explicit rule id and name (either may be {@code null}: generated). */
    public FlagDefinition forUser(Map<String, String> keys, boolean value, String ruleId, String ruleName) {
        addRule(userRules, "user", keys, value, ruleId, ruleName);
        return this;
    }

    /** Removes every company and user rule. */
    public FlagDefinition clearRules() {
        companyRules.clear();
        userRules.clear();
        return this;
    }

    /** Back to the server, to keep chaining. */
    public FakeSchematic and() {
        return server;
    }

    private void addRule(
            CopyOnWriteArrayList<Rule> rules,
            String kind,
            Map<String, String> keys,
            boolean value,
            String ruleId,
            String ruleName) {
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(kind + " rule for flag " + key + " needs at least one key");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        keys.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key name"), Objects.requireNonNull(v, "key " + k)));
        Map<String, String> frozen = java.util.Collections.unmodifiableMap(copy);
        synchronized (rules) {
            for (int i = 0; i < rules.size(); i++) {
                Rule existing = rules.get(i);
                if (existing.keys().equals(frozen)) {
                    rules.set(
                            i,
                            new Rule(
                                    ruleId != null ? ruleId : existing.id(),
                                    ruleName != null ? ruleName : existing.name(),
                                    existing.keys(),
                                    value));
                    return;
                }
            }
            String id = ruleId != null ? ruleId : "rule_" + key + "_" + kind + "_" + (rules.size() + 1);
            String name = ruleName != null ? ruleName : kind + " " + describe(frozen);
            rules.add(new Rule(id, name, frozen, value));
        }
    }

    private static String describe(Map<String, String> keys) {
        return keys.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    List<Rule> companyRules() {
        return companyRules;
    }

    List<Rule> userRules() {
        return userRules;
    }

    /** The rule that decides a check, or {@code null} for the default. */
    Rule resolve(Map<String, String> company, Map<String, String> user) {
        for (Rule r : userRules) {
            if (r.matches(user)) {
                return r;
            }
        }
        for (Rule r : companyRules) {
            if (r.matches(company)) {
                return r;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "FlagDefinition[" + key + ", default=" + defaultValue + ", companyRules=" + companyRules.size()
                + ", userRules=" + userRules.size() + "]";
    }
}
