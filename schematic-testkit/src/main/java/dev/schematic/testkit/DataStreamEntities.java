package dev.schematic.testkit;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;

/**
 * Builders of DataStream entities in the rules-engine JSON shape (datastream.md §6.8): flags with rules, companies
 * with keys, metrics and traits, users. Everything the engine requires is filled in.
 *
 * <pre>{@code
 * ds.flag(flag("api-calls", false, metricRule("r1", "api-call", "lt", 100, "all_time", true)));
 * ds.company(company("comp_1", Map.of("id", "acme"), metric("comp_1", "api-call", "all_time", 42)));
 * }</pre>
 */
public final class DataStreamEntities {
    public static final String ACCOUNT = "acc_test";
    public static final String ENVIRONMENT = "env_test";

    private DataStreamEntities() {}

    /** A flag with a default value and rules. */
    public static JsonObject flag(String key, boolean defaultValue, JsonObject... rules) {
        JsonArrayBuilder r = Json.createArrayBuilder();
        for (JsonObject rule : rules) {
            r.add(Json.createObjectBuilder(rule).add("flag_id", "flag_" + key));
        }
        return Json.createObjectBuilder()
                .add("id", "flag_" + key)
                .add("account_id", ACCOUNT)
                .add("environment_id", ENVIRONMENT)
                .add("key", key)
                .add("default_value", defaultValue)
                .add("rules", r)
                .build();
    }

    /** A {@code company_override} rule: {@code value} for the companies with these ids. */
    public static JsonObject companyOverride(String ruleId, String companyId, boolean value) {
        return rule(ruleId, "company_override", value, condition(ruleId + "_c", "company", "eq", companyId));
    }

    /** A {@code user} rule ({@code standard}): {@code value} for the user with this id. */
    public static JsonObject userRule(String ruleId, String userId, boolean value) {
        return rule(ruleId, "standard", value, condition(ruleId + "_c", "user", "eq", userId));
    }

    /** A {@code plan_entitlement} rule: {@code value} while the metric compares true (e.g. {@code lt 100}). */
    public static JsonObject metricRule(
            String ruleId, String eventSubtype, String operator, long metricValue, String period, boolean value) {
        JsonObject c = Json.createObjectBuilder(condition(ruleId + "_c", "metric", operator))
                .add("event_subtype", eventSubtype)
                .add("metric_value", metricValue)
                .add("metric_period", period)
                .add("metric_period_month_reset", "first_of_month")
                .build();
        return rule(ruleId, "plan_entitlement", value, c);
    }

    /** A {@code standard} rule: {@code value} when the company trait equals {@code traitValue}. */
    public static JsonObject companyTraitRule(String ruleId, String traitId, String traitValue, boolean value) {
        JsonObject c = Json.createObjectBuilder(condition(ruleId + "_c", "trait", "eq"))
                .add("trait_value", traitValue)
                .add("trait_definition", companyTraitDefinition(traitId))
                .build();
        return rule(ruleId, "standard", value, c);
    }

    /** A rule of any type with these conditions (all must match). */
    public static JsonObject rule(String ruleId, String ruleType, boolean value, JsonObject... conditions) {
        return Json.createObjectBuilder()
                .add("id", ruleId)
                .add("account_id", ACCOUNT)
                .add("environment_id", ENVIRONMENT)
                .add("rule_type", ruleType)
                .add("name", ruleId)
                .add("priority", 1)
                .add("value", value)
                .add("conditions", Json.createArrayBuilder(List.of(conditions)))
                .add("condition_groups", Json.createArrayBuilder())
                .build();
    }

    /** A condition on resources ({@code company}, {@code user}, {@code plan}, …). */
    public static JsonObject condition(String id, String conditionType, String operator, String... resourceIds) {
        return Json.createObjectBuilder()
                .add("id", id)
                .add("account_id", ACCOUNT)
                .add("environment_id", ENVIRONMENT)
                .add("condition_type", conditionType)
                .add("operator", operator)
                .add("resource_ids", Json.createArrayBuilder(List.of(resourceIds)))
                .add("trait_value", "")
                .build();
    }

    /** A company with these lookup keys and metrics. */
    public static JsonObject company(String id, Map<String, String> keys, JsonObject... metrics) {
        return Json.createObjectBuilder()
                .add("id", id)
                .add("account_id", ACCOUNT)
                .add("environment_id", ENVIRONMENT)
                .add("keys", keys(keys))
                .add("billing_product_ids", Json.createArrayBuilder())
                .add("plan_ids", Json.createArrayBuilder())
                .add("plan_version_ids", Json.createArrayBuilder())
                .add("credit_balances", Json.createObjectBuilder())
                .add("metrics", Json.createArrayBuilder(List.of(metrics)))
                .add("rules", Json.createArrayBuilder())
                .add("traits", Json.createArrayBuilder())
                .build();
    }

    /** A company metric (usage counter) for an event. */
    public static JsonObject metric(String companyId, String eventSubtype, String period, long value) {
        return Json.createObjectBuilder()
                .add("account_id", ACCOUNT)
                .add("environment_id", ENVIRONMENT)
                .add("company_id", companyId)
                .add("event_subtype", eventSubtype)
                .add("period", period)
                .add("month_reset", "first_of_month")
                .add("value", value)
                .add("created_at", "2026-01-01T00:00:00Z")
                .build();
    }

    /** A company trait value. */
    public static JsonObject trait(String traitId, String value) {
        return Json.createObjectBuilder()
                .add("trait_definition", companyTraitDefinition(traitId))
                .add("value", value)
                .build();
    }

    /** A user with these lookup keys. */
    public static JsonObject user(String id, Map<String, String> keys) {
        return Json.createObjectBuilder()
                .add("id", id)
                .add("account_id", ACCOUNT)
                .add("environment_id", ENVIRONMENT)
                .add("keys", keys(keys))
                .add("rules", Json.createArrayBuilder())
                .add("traits", Json.createArrayBuilder())
                .build();
    }

    private static JsonObjectBuilder companyTraitDefinition(String traitId) {
        return Json.createObjectBuilder()
                .add("id", traitId)
                .add("comparable_type", "string")
                .add("entity_type", "company");
    }

    private static JsonObjectBuilder keys(Map<String, String> keys) {
        JsonObjectBuilder k = Json.createObjectBuilder();
        keys.forEach(k::add);
        return k;
    }
}
