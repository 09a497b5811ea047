//! Behaviour tests per section of rules-engine.md, through the same entry
//! point the wasm export uses (`check_flag_combined`).

use schematic_rulesengine::check_flag_combined;
use schematic_rulesengine::time::{parse_rfc3339, secs_from_civil};
use serde_json::{json, Value};

/// 2026-03-18T15:30:00Z, a Wednesday (the spec's worked-example "now").
fn now_ms() -> i64 {
    secs_from_civil(2026, 3, 18, 15, 30, 0) * 1000
}

fn run_at(env: &Value, now: Option<i64>) -> Option<Value> {
    let bytes = serde_json::to_vec(env).unwrap();
    check_flag_combined(&bytes, now).map(|s| serde_json::from_str(&s).unwrap())
}

fn run(env: &Value) -> Value {
    run_at(env, Some(now_ms())).expect("input accepted")
}

fn rejected(env: &Value) -> bool {
    run_at(env, Some(now_ms())).is_none()
}

fn flag(rules: Value) -> Value {
    json!({"id": "flag_1", "account_id": "acc", "environment_id": "env",
           "key": "my-flag", "default_value": false, "rules": rules})
}

fn rule(id: &str, rule_type: &str, priority: i64, value: bool, conditions: Value) -> Value {
    json!({"id": id, "account_id": "acc", "environment_id": "env", "rule_type": rule_type,
           "name": id, "priority": priority, "value": value, "conditions": conditions,
           "condition_groups": []})
}

fn cond(condition_type: &str, operator: &str, extra: Value) -> Value {
    let mut c = json!({"id": "c", "account_id": "acc", "environment_id": "env",
                       "condition_type": condition_type, "operator": operator,
                       "trait_value": ""});
    for (k, v) in extra.as_object().unwrap() {
        c[k] = v.clone();
    }
    c
}

fn tdef(id: &str, ty: &str, entity: &str) -> Value {
    json!({"id": id, "comparable_type": ty, "entity_type": entity})
}

fn company(extra: Value) -> Value {
    let mut c = json!({"id": "comp_1", "account_id": "acc", "environment_id": "env"});
    for (k, v) in extra.as_object().unwrap() {
        c[k] = v.clone();
    }
    c
}

fn user(extra: Value) -> Value {
    let mut u = json!({"id": "user_1", "account_id": "acc", "environment_id": "env"});
    for (k, v) in extra.as_object().unwrap() {
        u[k] = v.clone();
    }
    u
}

fn metric(subtype: &str, period: &str, reset: &str, value: i64) -> Value {
    json!({"account_id": "acc", "environment_id": "env", "company_id": "comp_1",
           "event_subtype": subtype, "period": period, "month_reset": reset, "value": value,
           "created_at": "2026-03-01T00:00:00Z", "valid_until": null})
}

fn trait_(id: &str, ty: &str, entity: &str, value: &str) -> Value {
    json!({"trait_definition": tdef(id, ty, entity), "value": value})
}

fn reason(r: &Value) -> &str {
    r["reason"].as_str().unwrap()
}

fn same_instant(a: &Value, b: &str) -> bool {
    parse_rfc3339(a.as_str().unwrap()) == parse_rfc3339(b)
}

// ---------------------------------------------------------------------------
// §2.3 / datastream §6.5: output shape
// ---------------------------------------------------------------------------

#[test]
fn output_has_every_key_in_official_order() {
    let out = check_flag_combined(
        serde_json::to_vec(&json!({"flag": flag(json!([])), "company": company(json!({}))}))
            .unwrap()
            .as_slice(),
        None,
    )
    .unwrap();
    assert_eq!(
        out,
        "{\"value\":false,\"reason\":\"No rules matched; default value for flag\",\
         \"ruleId\":null,\"ruleType\":null,\"companyId\":\"comp_1\",\"userId\":null,\
         \"entitlement\":null,\"flagId\":\"flag_1\",\"flagKey\":\"my-flag\",\
         \"featureAllocation\":null,\"featureUsage\":null,\"featureUsageEvent\":null,\
         \"featureUsagePeriod\":null,\"featureUsageResetAt\":null}"
    );
}

#[test]
fn err_is_written_after_reason_only_when_set() {
    let env = json!({"flag": flag(json!([])), "options": {"usage": -5}});
    let out = check_flag_combined(serde_json::to_vec(&env).unwrap().as_slice(), None).unwrap();
    assert!(out.starts_with(
        "{\"value\":false,\"reason\":\"No rules matched; default value for flag\",\
         \"err\":\"preflight usage cannot be negative\",\"ruleId\":null"
    ));
}

// ---------------------------------------------------------------------------
// §4: steps, ordering, reasons
// ---------------------------------------------------------------------------

#[test]
fn example_1_bucket_order_beats_priority() {
    let rules = json!([
        {"id": "rule_beta", "account_id": "a", "environment_id": "e", "rule_type": "standard",
         "name": "Beta", "priority": 2, "value": false,
         "conditions": [cond("company", "eq", json!({"resource_ids": ["comp_acme"]}))]},
        {"id": "rule_pro", "account_id": "a", "environment_id": "e", "rule_type": "plan_entitlement",
         "name": "Pro plan", "priority": 0, "value": true,
         "conditions": [cond("plan", "eq", json!({"resource_ids": ["plan_pro"]}))]}
    ]);
    let mut c = company(json!({"plan_ids": ["plan_pro"]}));
    c["id"] = json!("comp_acme");
    let r = run(&json!({"flag": flag(rules), "company": c}));
    assert_eq!(r["value"], json!(true));
    assert_eq!(
        reason(&r),
        "Matched plan entitlement rule \"Pro plan\" (rule_pro)"
    );
    assert_eq!(r["ruleType"], json!("plan_entitlement"));
    assert_eq!(r["ruleId"], json!("rule_pro"));
    assert_eq!(r["companyId"], json!("comp_acme"));
    assert_eq!(r["featureUsage"], Value::Null);
}

#[test]
fn bucket_order_is_fixed() {
    let types = [
        "default",
        "standard",
        "plan_entitlement_usage_exceeded",
        "company_override_usage_exceeded",
        "plan_entitlement",
        "company_override",
        "global_override",
    ];
    // Each rule matches; remove the winner and the next bucket must win.
    for n in (1..=types.len()).rev() {
        let rules: Vec<Value> = types[..n]
            .iter()
            .map(|t| rule(t, t, 0, true, json!([])))
            .collect();
        let r = run(&json!({"flag": flag(json!(rules)), "company": company(json!({}))}));
        assert_eq!(r["ruleId"], json!(types[n - 1]), "with {} rules", n);
    }
}

#[test]
fn display_names_in_reasons() {
    for (t, display) in [
        ("global_override", "global override"),
        ("company_override", "company override"),
        ("plan_entitlement", "plan entitlement"),
        (
            "company_override_usage_exceeded",
            "company override usage exceeded",
        ),
        (
            "plan_entitlement_usage_exceeded",
            "plan entitlement usage exceeded",
        ),
        ("standard", "standard"),
        ("default", "default"),
    ] {
        let mut rl = rule("r\"1", t, 0, true, json!([]));
        rl["name"] = json!("Name \"quoted\" (x)");
        let r = run(&json!({"flag": flag(json!([rl]))}));
        assert_eq!(
            reason(&r),
            format!("Matched {} rule \"Name \"quoted\" (x)\" (r\"1)", display)
        );
    }
}

#[test]
fn standard_priority_ascending_with_stable_ties() {
    let rules = json!([
        rule("p5", "standard", 5, true, json!([])),
        rule("pneg", "standard", -3, false, json!([])),
        rule("p0", "standard", 0, true, json!([])),
    ]);
    let r = run(&json!({"flag": flag(rules)}));
    assert_eq!(r["ruleId"], json!("pneg"));
    let rules = json!([
        rule("a", "standard", 1, true, json!([])),
        rule("b", "standard", 1, false, json!([]))
    ]);
    assert_eq!(run(&json!({"flag": flag(rules)}))["ruleId"], json!("a"));
}

#[test]
fn example_8_priority_across_sources() {
    let mut rc = rule("rule_c", "standard", 5, true, json!([]));
    rc["flag_id"] = json!("flag_1");
    let mut ru = rule("rule_u", "standard", 1, true, json!([]));
    ru["flag_id"] = json!("flag_1");
    let rf = rule("rule_f", "standard", 5, false, json!([]));
    let env = json!({"flag": flag(json!([rf])), "company": company(json!({"rules": [rc]})),
                     "user": user(json!({"rules": [ru]}))});
    assert_eq!(run(&env)["ruleId"], json!("rule_u"));
    let mut env2 = env.clone();
    env2["user"]["rules"][0]["priority"] = json!(5);
    let r = run(&env2);
    assert_eq!(r["ruleId"], json!("rule_f"));
    assert_eq!(r["value"], json!(false));
    // company before user on ties
    env2["flag"]["rules"] = json!([]);
    assert_eq!(run(&env2)["ruleId"], json!("rule_c"));
}

#[test]
fn entity_rules_need_matching_flag_id() {
    let mut other = rule("other", "global_override", 0, true, json!([]));
    other["flag_id"] = json!("flag_2");
    let none = rule("none", "global_override", 0, true, json!([]));
    let env = json!({"flag": flag(json!([])), "company": company(json!({"rules": [other, none]})),
                     "user": user(json!({"rules": [other, none]}))});
    let r = run(&env);
    assert_eq!(r["ruleId"], Value::Null);
    assert_eq!(r["userId"], json!("user_1"));
    // the flag's own rules are taken regardless of their flag_id
    let mut own = rule("own", "standard", 0, true, json!([]));
    own["flag_id"] = json!("something-else");
    assert_eq!(
        run(&json!({"flag": flag(json!([own]))}))["ruleId"],
        json!("own")
    );
}

#[test]
fn entitlement_buckets_are_optimistic_and_keep_collection_order() {
    for t in [
        "company_override",
        "plan_entitlement",
        "company_override_usage_exceeded",
        "plan_entitlement_usage_exceeded",
    ] {
        let rules = json!([
            rule("f1", t, 0, false, json!([])),
            rule("t1", t, 9, true, json!([])),
            rule("t2", t, -9, true, json!([])),
        ]);
        let r = run(&json!({"flag": flag(rules)}));
        assert_eq!(r["ruleId"], json!("t1"), "{}", t);
    }
    // true rules that do not match fall through to the false one
    let rules = json!([
        rule("f1", "plan_entitlement", 0, false, json!([])),
        rule(
            "t1",
            "plan_entitlement",
            0,
            true,
            json!([cond("company", "eq", json!({"resource_ids": ["zzz"]}))])
        ),
    ]);
    assert_eq!(
        run(&json!({"flag": flag(rules), "company": company(json!({}))}))["ruleId"],
        json!("f1")
    );
}

#[test]
fn global_and_default_ignore_conditions() {
    let failing = json!([cond("company", "eq", json!({"resource_ids": ["nope"]}))]);
    let mut g = rule("g", "global_override", 0, false, failing.clone());
    g["condition_groups"] = json!([{"conditions": []}]);
    let r = run(&json!({"flag": flag(json!([g]))}));
    assert_eq!(r["ruleId"], json!("g"));
    let d = rule("d", "default", 0, true, failing);
    assert_eq!(
        run(&json!({"flag": flag(json!([d]))}))["ruleId"],
        json!("d")
    );
}

#[test]
fn groups_need_one_true_member_and_empty_groups_are_false() {
    let mut r1 = rule("r", "standard", 0, true, json!([]));
    r1["condition_groups"] = json!([{"conditions": [
        cond("company", "eq", json!({"resource_ids": ["nope"]})),
        cond("company", "eq", json!({"resource_ids": ["comp_1"]}))]}]);
    let env = json!({"flag": flag(json!([r1.clone()])), "company": company(json!({}))});
    assert_eq!(run(&env)["ruleId"], json!("r"));
    r1["condition_groups"] = json!([{"conditions": []}]);
    let env = json!({"flag": flag(json!([r1.clone()])), "company": company(json!({}))});
    assert_eq!(run(&env)["ruleId"], Value::Null);
    r1["condition_groups"] = json!([{"conditions": null}]);
    let env = json!({"flag": flag(json!([r1])), "company": company(json!({}))});
    assert_eq!(run(&env)["ruleId"], Value::Null);
}

#[test]
fn unevaluable_condition_ends_its_group_as_not_matched() {
    // a metric condition without metric_value cannot be evaluated
    let broken = cond("metric", "lt", json!({"event_subtype": "ev", "metric_value": null}));
    let hit = cond("company", "eq", json!({"resource_ids": ["comp_1"]}));
    let env_with = |groups: Value| {
        let mut r = rule("r", "company_override", 0, true, json!([]));
        r["condition_groups"] = groups;
        json!({"flag": flag(json!([r, rule("s", "standard", 0, false, json!([]))])),
               "company": company(json!({}))})
    };
    // broken first: the later true condition is not reached, the next rule decides
    let r = run(&env_with(json!([{"conditions": [broken.clone(), hit.clone()]}])));
    assert_eq!(r["ruleId"], json!("s"));
    // true first: the group is already true
    let r = run(&env_with(json!([{"conditions": [hit.clone(), broken.clone()]}])));
    assert_eq!(r["ruleId"], json!("r"));
    // in a second group, after a true first group
    let r = run(&env_with(json!([{"conditions": [hit.clone()]},
                                 {"conditions": [broken.clone(), hit.clone()]}])));
    assert_eq!(r["ruleId"], json!("s"));
    // a comparison trait does not make it evaluable
    let mut with_trait = broken.clone();
    with_trait["comparison_trait_definition"] = tdef("limit", "int", "company");
    let r = run(&env_with(json!([{"conditions": [with_trait, hit.clone()]}])));
    assert_eq!(r["ruleId"], json!("s"));
    // a false condition (not unevaluable) lets the group go on
    let miss = cond("company", "eq", json!({"resource_ids": ["other"]}));
    let r = run(&env_with(json!([{"conditions": [miss, hit.clone()]}])));
    assert_eq!(r["ruleId"], json!("r"));
    // without a company the metric condition is plainly false (needs a company first)
    let mut r0 = rule("r", "standard", 0, true, json!([]));
    r0["condition_groups"] = json!([{"conditions": [broken,
        cond("user", "eq", json!({"resource_ids": ["user_1"]}))]}]);
    let r = run(&json!({"flag": flag(json!([r0])), "user": user(json!({}))}));
    assert_eq!(r["ruleId"], json!("r"));
}

#[test]
fn no_context_still_evaluates_rules() {
    let r = run(&json!({"flag": flag(json!([rule("s", "standard", 0, true, json!([]))]))}));
    assert_eq!(r["ruleId"], json!("s"));
    assert_eq!(r["companyId"], Value::Null);
    assert_eq!(r["userId"], Value::Null);
    let r = run(&json!({"flag": flag(json!([])), "company": null, "user": null, "options": null}));
    assert_eq!(reason(&r), "No rules matched; default value for flag");
}

#[test]
fn empty_flag_id_is_flag_not_found() {
    let mut f = flag(json!([rule("g", "global_override", 0, false, json!([]))]));
    f["id"] = json!("");
    f["default_value"] = json!(true);
    let env = json!({"flag": f, "company": company(json!({"entitlements": [
        {"feature_id": "feat", "feature_key": "my-flag", "value_type": "boolean"}]})),
        "user": user(json!({}))});
    let r = run(&env);
    assert_eq!(reason(&r), "Flag not found");
    assert_eq!(r["value"], json!(true));
    assert_eq!(r["flagId"], json!(""));
    assert_eq!(r["companyId"], json!("comp_1"));
    assert_eq!(r["userId"], json!("user_1"));
    assert_eq!(r["entitlement"], Value::Null);
    assert_eq!(r["ruleId"], Value::Null);
    assert!(r.get("err").is_none());
}

// ---------------------------------------------------------------------------
// §5.2 / §5.3: usage fields and entitlement echo
// ---------------------------------------------------------------------------

fn quota_flag() -> Value {
    let period = json!({"event_subtype": "api-calls", "metric_period": "current_month",
                        "metric_period_month_reset": "billing_cycle"});
    let mut lt = period.clone();
    lt["metric_value"] = json!(1000);
    let mut rq = rule(
        "rule_quota",
        "plan_entitlement",
        0,
        true,
        json!([cond("metric", "lt", lt.clone())]),
    );
    rq["name"] = json!("API quota");
    let mut ro = rule(
        "rule_over",
        "plan_entitlement_usage_exceeded",
        0,
        false,
        json!([cond("metric", "gte", lt)]),
    );
    ro["name"] = json!("API quota exceeded");
    let mut f = flag(json!([rq, ro]));
    f["key"] = json!("api-access");
    f
}

fn quota_company(value: i64) -> Value {
    company(json!({
        "metrics": [metric("api-calls", "current_month", "billing_cycle", value)],
        "subscription": {"id": "sub", "period_start": "2025-11-20T09:00:00Z",
                         "period_end": "2026-11-20T09:00:00Z"}}))
}

#[test]
fn example_2_metered_entitlement_with_billing_reset() {
    let r = run(&json!({"flag": quota_flag(), "company": quota_company(640)}));
    assert_eq!(r["value"], json!(true));
    assert_eq!(
        reason(&r),
        "Matched plan entitlement rule \"API quota\" (rule_quota)"
    );
    assert_eq!(r["featureUsage"], json!(640));
    assert_eq!(r["featureAllocation"], json!(1000));
    assert_eq!(r["featureUsageEvent"], json!("api-calls"));
    assert_eq!(r["featureUsagePeriod"], json!("current_month"));
    assert_eq!(r["featureUsageResetAt"], json!("2026-03-20T09:00:00+00:00"));
}

#[test]
fn example_3_quota_used_up() {
    let r = run(&json!({"flag": quota_flag(), "company": quota_company(1000)}));
    assert_eq!(r["value"], json!(false));
    assert_eq!(
        reason(&r),
        "Matched plan entitlement usage exceeded rule \"API quota exceeded\" (rule_over)"
    );
    assert_eq!(r["featureUsage"], json!(1000));
    assert_eq!(r["featureAllocation"], json!(1000));
    assert!(same_instant(
        &r["featureUsageResetAt"],
        "2026-03-20T09:00:00Z"
    ));
}

#[test]
fn reset_is_null_without_clock() {
    let r = run_at(
        &json!({"flag": quota_flag(), "company": quota_company(1)}),
        None,
    )
    .unwrap();
    assert_eq!(r["featureUsage"], json!(1));
    assert_eq!(r["featureUsageResetAt"], Value::Null);
}

#[test]
fn example_6_trait_based_allocation() {
    let c = cond(
        "trait",
        "lt",
        json!({"trait_definition": tdef("trt_seats", "int", "company"), "trait_value": "25"}),
    );
    let mut rs = rule("rule_seats", "company_override", 0, true, json!([c]));
    rs["name"] = json!("Seat limit");
    let env = json!({"flag": flag(json!([rs])),
                     "company": company(json!({"traits": [trait_("trt_seats", "int", "company", "18")]}))});
    let r = run(&env);
    assert_eq!(
        reason(&r),
        "Matched company override rule \"Seat limit\" (rule_seats)"
    );
    assert_eq!(r["featureUsage"], json!(18));
    assert_eq!(r["featureAllocation"], json!(25));
    assert_eq!(r["featureUsageEvent"], Value::Null);
    assert_eq!(r["featureUsagePeriod"], Value::Null);
    assert_eq!(r["featureUsageResetAt"], Value::Null);
}

#[test]
fn usage_fields_only_for_entitlement_rules_with_company() {
    let m = cond(
        "metric",
        "gte",
        json!({"event_subtype": "ev", "metric_value": 0}),
    );
    // standard rule: no usage fields
    let env = json!({"flag": flag(json!([rule("s", "standard", 0, true, json!([m.clone()]))])),
                     "company": company(json!({}))});
    assert_eq!(run(&env)["featureUsage"], Value::Null);
    // entitlement rule whose metric condition is only in a group: none
    let mut g = rule("g", "plan_entitlement", 0, true, json!([]));
    g["condition_groups"] = json!([{"conditions": [m.clone()]}]);
    let env = json!({"flag": flag(json!([g])), "company": company(json!({}))});
    assert_eq!(run(&env)["featureAllocation"], Value::Null);
    // entitlement rule with a metric condition: filled, metric absent -> 0, all_time
    let env = json!({"flag": flag(json!([rule("e", "company_override", 0, true, json!([m]))])),
                     "company": company(json!({}))});
    let r = run(&env);
    assert_eq!(r["featureUsage"], json!(0));
    assert_eq!(r["featureAllocation"], json!(0));
    assert_eq!(r["featureUsagePeriod"], json!("all_time"));
    assert_eq!(r["featureUsageResetAt"], Value::Null);
    // a matching entitlement rule without company (no conditions): no usage fields
    let env = json!({"flag": flag(json!([rule("e", "company_override", 0, true, json!([]))]))});
    assert_eq!(run(&env)["featureUsage"], Value::Null);
}

#[test]
fn first_metric_or_trait_condition_is_the_usage_condition() {
    let conds = json!([
        cond("company", "eq", json!({"resource_ids": ["comp_1"]})),
        cond(
            "trait",
            "not_empty",
            json!({"trait_definition": tdef("seats", "int", "company"), "trait_value": "7"})
        ),
        cond(
            "metric",
            "gte",
            json!({"event_subtype": "ev", "metric_value": 3})
        ),
    ]);
    let env = json!({"flag": flag(json!([rule("e", "plan_entitlement", 0, true, conds)])),
                     "company": company(json!({"traits": [trait_("seats", "int", "company", "4")],
                                               "metrics": [metric("ev", "all_time", "first_of_month", 9)]}))});
    let r = run(&env);
    assert_eq!(r["featureUsage"], json!(4));
    assert_eq!(r["featureAllocation"], json!(7));
    assert_eq!(r["featureUsageEvent"], Value::Null);
}

#[test]
fn comparison_trait_sets_allocation() {
    let m = cond(
        "metric",
        "lt",
        json!({"event_subtype": "ev", "metric_value": 3,
        "comparison_trait_definition": tdef("limit", "int", "company")}),
    );
    let env = json!({"flag": flag(json!([rule("e", "plan_entitlement", 0, true, json!([m]))])),
                     "company": company(json!({"traits": [trait_("limit", "int", "company", "40")],
                                               "metrics": [metric("ev", "all_time", "first_of_month", 5)]}))});
    let r = run(&env);
    assert_eq!(r["ruleId"], json!("e"));
    assert_eq!(r["featureAllocation"], json!(40));
    assert_eq!(r["featureUsage"], json!(5));
}

#[test]
fn unparseable_comparison_trait_keeps_the_conditions_own_allocation() {
    let m = cond(
        "metric",
        "gte",
        json!({"event_subtype": "ev", "metric_value": 3,
        "comparison_trait_definition": tdef("limit", "int", "company")}),
    );
    let t = cond(
        "trait",
        "not_empty",
        json!({"trait_value": "7", "trait_definition": tdef("seats", "int", "company"),
        "comparison_trait_definition": tdef("limit", "int", "company")}),
    );
    for bad in ["1e3", "3.000", "1e309", " true", "9223372036854775808", "", "+"] {
        // metric usage condition: falls back to metric_value; the comparison
        // itself reads the unparseable trait as 0 (5 >= 0 matches)
        let env = json!({"flag": flag(json!([rule("e", "plan_entitlement", 0, true, json!([m.clone()]))])),
                         "company": company(json!({"traits": [trait_("limit", "int", "company", bad)],
                                                   "metrics": [metric("ev", "all_time", "first_of_month", 5)]}))});
        let r = run(&env);
        assert_eq!(r["ruleId"], json!("e"), "{:?}", bad);
        assert_eq!(r["featureAllocation"], json!(3), "metric, trait value {:?}", bad);
        // trait usage condition: falls back to trait_value read strictly
        let env = json!({"flag": flag(json!([rule("e", "plan_entitlement", 0, true, json!([t.clone()]))])),
                         "company": company(json!({"traits": [trait_("limit", "string", "company", bad),
                                                              trait_("seats", "string", "company", "9")]}))});
        let r = run(&env);
        assert_eq!(r["ruleId"], json!("e"), "{:?}", bad);
        assert_eq!(r["featureAllocation"], json!(7), "trait, trait value {:?}", bad);
        assert_eq!(r["featureUsage"], json!(9));
    }
    // an integer, even the int64 limits, replaces it
    for (good, n) in [("-9223372036854775808", i64::MIN), ("+12", 12), ("0", 0)] {
        let env = json!({"flag": flag(json!([rule("e", "plan_entitlement", 0, true, json!([t.clone()]))])),
                         "company": company(json!({"traits": [trait_("limit", "string", "company", good),
                                                              trait_("seats", "string", "company", "9")]}))});
        let r = run(&env);
        assert_eq!(r["featureAllocation"], json!(n), "{:?}", good);
    }
}

#[test]
fn preflight_does_not_change_reported_usage() {
    let env = json!({"flag": quota_flag(), "company": quota_company(10), "options": {"usage": 5}});
    let r = run(&env);
    assert_eq!(r["featureUsage"], json!(10));
}

#[test]
fn entitlement_echo_first_matching_key_without_nulls() {
    let ents = json!([
        {"feature_id": "f0", "feature_key": "other", "value_type": "boolean"},
        {"feature_id": "f1", "feature_key": "my-flag", "value_type": "numeric", "allocation": 100,
         "credit_total": 1000, "event_name": null, "metric_reset_at": "2026-04-01T00:00:00Z",
         "warning_tiers": [{"key": "soft", "value": 80}]},
        {"feature_id": "f2", "feature_key": "my-flag", "value_type": "unlimited"}
    ]);
    let r =
        run(&json!({"flag": flag(json!([])), "company": company(json!({"entitlements": ents}))}));
    assert_eq!(
        r["entitlement"],
        json!({"featureId": "f1", "featureKey": "my-flag", "valueType": "numeric", "allocation": 100,
               "metricResetAt": "2026-04-01T00:00:00Z", "creditTotal": 1000.0,
               "warningTiers": [{"key": "soft", "value": 80}]})
    );
    // empty (or null) warning tiers are left out, like null members
    for tiers in [json!([]), Value::Null] {
        let ents = json!([{"feature_id": "f1", "feature_key": "my-flag", "value_type": "numeric",
                           "allocation": 0, "feature_key_extra": "", "warning_tiers": tiers}]);
        let r = run(&json!({"flag": flag(json!([])),
                            "company": company(json!({"entitlements": ents}))}));
        assert_eq!(
            r["entitlement"],
            json!({"featureId": "f1", "featureKey": "my-flag", "valueType": "numeric", "allocation": 0})
        );
    }
    // no company → no entitlement
    assert_eq!(
        run(&json!({"flag": flag(json!([]))}))["entitlement"],
        Value::Null
    );
}

// ---------------------------------------------------------------------------
// §6: conditions
// ---------------------------------------------------------------------------

fn matches(c: Value, comp: Option<Value>, usr: Option<Value>, options: Option<Value>) -> bool {
    let mut env = json!({"flag": flag(json!([rule("r", "standard", 0, true, json!([c]))]))});
    if let Some(c) = comp {
        env["company"] = c;
    }
    if let Some(u) = usr {
        env["user"] = u;
    }
    if let Some(o) = options {
        env["options"] = o;
    }
    run(&env)["ruleId"] == json!("r")
}

#[test]
fn id_targeting() {
    let c = || Some(company(json!({})));
    let u = || Some(user(json!({})));
    let ids = json!({"resource_ids": ["comp_1", "user_1"]});
    assert!(matches(cond("company", "eq", ids.clone()), c(), None, None));
    assert!(!matches(
        cond("company", "ne", ids.clone()),
        c(),
        None,
        None
    ));
    assert!(matches(cond("company", "gt", ids.clone()), c(), None, None));
    assert!(matches(cond("company", "NE", ids.clone()), c(), None, None));
    assert!(matches(cond("company", "", ids.clone()), c(), None, None));
    assert!(matches(cond("user", "eq", ids.clone()), None, u(), None));
    assert!(matches(
        cond("user", "ne", json!({"resource_ids": ["x"]})),
        None,
        u(),
        None
    ));
    // missing entity → false whatever the operator
    assert!(!matches(
        cond("company", "ne", json!({"resource_ids": ["x"]})),
        None,
        u(),
        None
    ));
    assert!(!matches(
        cond("user", "ne", json!({"resource_ids": ["x"]})),
        c(),
        None,
        None
    ));
    assert!(!matches(
        cond("user", "is_empty", json!({})),
        c(),
        None,
        None
    ));
}

#[test]
fn plan_lists() {
    let comp = || {
        Some(company(
            json!({"plan_ids": ["p1", "p2"], "plan_version_ids": ["v1"],
                                        "billing_product_ids": ["b1"]}),
        ))
    };
    assert!(matches(
        cond("plan", "eq", json!({"resource_ids": ["x", "p2"]})),
        comp(),
        None,
        None
    ));
    assert!(!matches(
        cond("plan", "ne", json!({"resource_ids": ["p1"]})),
        comp(),
        None,
        None
    ));
    assert!(matches(
        cond("plan", "ne", json!({"resource_ids": ["zz"]})),
        comp(),
        None,
        None
    ));
    assert!(matches(
        cond("plan_version", "eq", json!({"resource_ids": ["v1"]})),
        comp(),
        None,
        None
    ));
    assert!(!matches(
        cond("plan_version", "eq", json!({"resource_ids": ["v2"]})),
        comp(),
        None,
        None
    ));
    assert!(matches(
        cond("billing_product", "lt", json!({"resource_ids": ["b1"]})),
        comp(),
        None,
        None
    ));
    // empty lists: no hit, so ne is true
    assert!(matches(
        cond("plan", "ne", json!({"resource_ids": []})),
        comp(),
        None,
        None
    ));
    assert!(matches(
        cond("billing_product", "ne", json!({"resource_ids": ["b1"]})),
        Some(company(json!({"billing_product_ids": null}))),
        None,
        None
    ));
    assert!(!matches(
        cond("plan", "ne", json!({"resource_ids": ["p1"]})),
        None,
        Some(user(json!({}))),
        None
    ));
}

#[test]
fn base_plan() {
    let with = || Some(company(json!({"base_plan_id": "bp"})));
    let without = || Some(company(json!({"base_plan_id": null})));
    let ids = json!({"resource_ids": ["bp"]});
    assert!(matches(
        cond("base_plan", "eq", ids.clone()),
        with(),
        None,
        None
    ));
    assert!(!matches(
        cond("base_plan", "eq", ids.clone()),
        without(),
        None,
        None
    ));
    assert!(!matches(
        cond("base_plan", "ne", ids.clone()),
        with(),
        None,
        None
    ));
    assert!(matches(
        cond("base_plan", "ne", ids.clone()),
        without(),
        None,
        None
    ));
    assert!(matches(
        cond("base_plan", "ne", json!({"resource_ids": ["other"]})),
        with(),
        None,
        None
    ));
    assert!(matches(
        cond("base_plan", "is_empty", ids.clone()),
        without(),
        None,
        None
    ));
    assert!(!matches(
        cond("base_plan", "is_empty", ids.clone()),
        with(),
        None,
        None
    ));
    assert!(matches(
        cond("base_plan", "not_empty", ids.clone()),
        with(),
        None,
        None
    ));
    assert!(!matches(
        cond("base_plan", "gt", ids.clone()),
        with(),
        None,
        None
    ));
    assert!(!matches(cond("base_plan", "ne", ids), None, None, None));
}

#[test]
fn credits() {
    let comp = |bal: f64| Some(company(json!({"credit_balances": {"cr": bal}})));
    let c = |rate: Value, sub: Value| {
        cond(
            "credit",
            "eq",
            json!({"credit_id": "cr", "consumption_rate": rate, "event_subtype": sub}),
        )
    };
    // example 4
    let ai = || c(json!(0.5), json!("ai-tokens"));
    assert!(matches(ai(), comp(12.5), None, None));
    assert!(!matches(ai(), comp(12.5), None, Some(json!({"usage": 30}))));
    assert!(matches(
        ai(),
        comp(12.5),
        None,
        Some(json!({"usage": 30, "credit_cost": {"cr": 10}}))
    ));
    // rate defaults to 1; balance defaults to 0
    assert!(matches(c(json!(null), json!(null)), comp(1.0), None, None));
    assert!(!matches(
        c(json!(null), json!(null)),
        comp(0.99),
        None,
        None
    ));
    assert!(!matches(
        c(json!(null), json!(null)),
        Some(company(json!({}))),
        None,
        None
    ));
    // a zero cost passes with a non-negative balance
    assert!(matches(
        ai(),
        comp(0.0),
        None,
        Some(json!({"credit_cost": {"cr": 0}}))
    ));
    // event usage for the same subtype, quantity > 0
    assert!(matches(
        ai(),
        comp(5.0),
        None,
        Some(json!({"event_usage": {"event_subtype": "ai-tokens", "quantity": 10}}))
    ));
    assert!(!matches(
        ai(),
        comp(4.9),
        None,
        Some(json!({"event_usage": {"event_subtype": "ai-tokens", "quantity": 10}}))
    ));
    // other subtype: falls through to usage, then to one unit
    assert!(!matches(
        ai(),
        comp(4.9),
        None,
        Some(json!({"usage": 10, "event_usage": {"event_subtype": "x", "quantity": 1}}))
    ));
    assert!(matches(
        ai(),
        comp(0.5),
        None,
        Some(json!({"event_usage": {"event_subtype": "x", "quantity": 100}}))
    ));
    // zero quantity falls through to usage
    assert!(!matches(
        ai(),
        comp(4.9),
        None,
        Some(json!({"usage": 10, "event_usage": {"event_subtype": "ai-tokens", "quantity": 0}}))
    ));
    // the operator is ignored; null credit_id or no company is false
    let mut ne = ai();
    ne["operator"] = json!("ne");
    assert!(matches(ne, comp(12.5), None, None));
    assert!(!matches(
        cond("credit", "eq", json!({"credit_id": null})),
        comp(100.0),
        None,
        None
    ));
    assert!(!matches(ai(), None, Some(user(json!({}))), None));
}

#[test]
fn metrics() {
    let comp = || {
        Some(company(json!({"metrics": [
        metric("ev", "current_month", "first_of_month", 5),
        metric("ev", "current_month", "billing_cycle", 50),
        metric("ev", "all_time", "first_of_month", 500),
        metric("ev", "current_day", "billing_cycle", 7)]})))
    };
    let m = |op: &str, extra: Value| {
        let mut c = cond("metric", op, json!({"event_subtype": "ev"}));
        for (k, v) in extra.as_object().unwrap() {
            c[k] = v.clone();
        }
        c
    };
    assert!(matches(
        m("eq", json!({"metric_value": 500})),
        comp(),
        None,
        None
    ));
    assert!(matches(
        m(
            "eq",
            json!({"metric_value": 5, "metric_period": "current_month"})
        ),
        comp(),
        None,
        None
    ));
    assert!(matches(
        m(
            "eq",
            json!({"metric_value": 50, "metric_period": "current_month",
                                     "metric_period_month_reset": "billing_cycle"})
        ),
        comp(),
        None,
        None
    ));
    // the reset must match for every period
    assert!(matches(
        m(
            "eq",
            json!({"metric_value": 7, "metric_period": "current_day",
                                     "metric_period_month_reset": "billing_cycle"})
        ),
        comp(),
        None,
        None
    ));
    assert!(matches(
        m(
            "is_empty",
            json!({"metric_value": 1, "metric_period": "current_day"})
        ),
        comp(),
        None,
        None
    ));
    assert!(!matches(
        m(
            "not_empty",
            json!({"metric_value": 1, "metric_period": "current_week"})
        ),
        comp(),
        None,
        None
    ));
    // null metric_value → false (even with a comparison trait); no event_subtype → false
    assert!(!matches(
        m("gte", json!({"metric_value": null})),
        comp(),
        None,
        None
    ));
    assert!(!matches(
        m(
            "gte",
            json!({"metric_value": null,
        "comparison_trait_definition": tdef("t", "int", "company")})
        ),
        comp(),
        None,
        None
    ));
    assert!(!matches(
        cond("metric", "gte", json!({"metric_value": 0})),
        comp(),
        None,
        None
    ));
    assert!(!matches(
        m("gte", json!({"metric_value": 0})),
        None,
        Some(user(json!({}))),
        None
    ));
    // unknown operator → false
    assert!(!matches(
        m("between", json!({"metric_value": 500})),
        comp(),
        None,
        None
    ));
    // preflight: event usage of the same subtype, else usage
    let lt = |v: i64| m("lt", json!({"metric_value": v}));
    assert!(!matches(
        lt(503),
        comp(),
        None,
        Some(json!({"event_usage": {"event_subtype": "ev", "quantity": 3}}))
    ));
    assert!(matches(
        lt(504),
        comp(),
        None,
        Some(json!({"event_usage": {"event_subtype": "ev", "quantity": 3}}))
    ));
    assert!(matches(
        lt(504),
        comp(),
        None,
        Some(json!({"usage": 100, "event_usage": {"event_subtype": "ev", "quantity": 3}}))
    ));
    assert!(!matches(
        lt(504),
        comp(),
        None,
        Some(json!({"usage": 4, "event_usage": {"event_subtype": "other", "quantity": 3}}))
    ));
    assert!(!matches(
        lt(504),
        comp(),
        None,
        Some(json!({"usage": 4, "event_usage": {"event_subtype": "ev", "quantity": 0}}))
    ));
    // comparison trait (strict integer, 0 when absent)
    let cmp = |v: &str| {
        Some(company(
            json!({"metrics": [metric("ev", "all_time", "first_of_month", 5)],
                                             "traits": [trait_("lim", "string", "user", v)]}),
        ))
    };
    let with_cmp = m(
        "lt",
        json!({"metric_value": 0, "comparison_trait_definition": tdef("lim", "int", "company")}),
    );
    assert!(matches(with_cmp.clone(), cmp("6"), None, None));
    assert!(!matches(with_cmp.clone(), cmp("6.5"), None, None));
    assert!(!matches(
        with_cmp,
        Some(company(
            json!({"metrics": [metric("ev", "all_time", "first_of_month", 5)]})
        )),
        None,
        None
    ));
}

#[test]
fn traits() {
    let def = |ty: &str, entity: &str| json!({"trait_definition": tdef("t", ty, entity)});
    let t = |ty: &str, op: &str, value: &str| {
        let mut c = cond("trait", op, def(ty, "company"));
        c["trait_value"] = json!(value);
        c
    };
    let comp =
        |ty: &str, v: &str| Some(company(json!({"traits": [trait_("t", ty, "company", v)]})));
    // §13 example 7
    assert!(matches(t("int", "gt", "2"), comp("int", "2.5"), None, None));
    assert!(!matches(
        t("int", "lt", "1"),
        comp("int", "2.5"),
        None,
        None
    ));
    assert!(matches(
        t("bool", "eq", "true"),
        comp("bool", "1"),
        None,
        None
    ));
    assert!(!matches(
        t("date", "gt", "2024-01-01"),
        comp("date", "2024-06-01"),
        None,
        None
    ));
    assert!(matches(
        t("date", "is_empty", ""),
        comp("date", "2024-06-01"),
        None,
        None
    ));
    assert!(matches(
        t("date", "gt", "2024-01-01T00:00:00Z"),
        comp("date", "2024-06-01T00:00:00Z"),
        None,
        None
    ));
    assert!(!matches(
        t("string", "gt", "9"),
        comp("string", "10"),
        None,
        None
    ));
    // the subject trait's own comparable type wins over the condition's
    assert!(matches(
        t("string", "gt", "9"),
        comp("int", "10"),
        None,
        None
    ));
    // missing trait: placeholder "" with the condition's type
    assert!(matches(
        t("string", "eq", ""),
        Some(company(json!({}))),
        None,
        None
    ));
    assert!(matches(
        t("int", "eq", "0"),
        Some(company(json!({}))),
        None,
        None
    ));
    // user traits need a user; company traits a company
    let mut ut = cond("trait", "is_empty", def("string", "user"));
    assert!(!matches(ut.clone(), Some(company(json!({}))), None, None));
    assert!(matches(ut.clone(), None, Some(user(json!({}))), None));
    ut["operator"] = json!("eq");
    ut["trait_value"] = json!("x");
    assert!(matches(
        ut,
        None,
        Some(user(
            json!({"traits": [trait_("t", "string", "user", "x")]})
        )),
        None
    ));
    assert!(!matches(
        t("string", "is_empty", ""),
        None,
        Some(user(json!({}))),
        None
    ));
    // no trait definition → false
    assert!(!matches(
        cond("trait", "is_empty", json!({})),
        Some(company(json!({}))),
        None,
        None
    ));
    // comparison trait in the same list; "" when missing
    let mut ct = cond("trait", "lt", def("int", "company"));
    ct["comparison_trait_definition"] = tdef("u", "int", "company");
    ct["trait_value"] = json!("0");
    let both = |a: &str, b: &str| {
        Some(company(json!({"traits": [trait_("t", "int", "company", a),
                                                                  trait_("u", "int", "company", b)]})))
    };
    assert!(matches(ct.clone(), both("7", "8"), None, None));
    assert!(!matches(ct, both("9", "8"), None, None));
}

#[test]
fn trait_comparison_missing_reads_empty() {
    // "" reads as 0 for int; -1 < 0 holds
    let mut ct = cond(
        "trait",
        "lt",
        json!({"trait_definition": tdef("t", "int", "company"),
                                            "comparison_trait_definition": tdef("u", "int", "company")}),
    );
    ct["trait_value"] = json!("100");
    let env = json!({"flag": flag(json!([rule("r", "standard", 0, true, json!([ct]))])),
                     "company": company(json!({"traits": [trait_("t", "int", "company", "-1")]}))});
    assert_eq!(run(&env)["ruleId"], json!("r"));
}

#[test]
fn int_trait_preflight_usage() {
    let mut c = cond(
        "trait",
        "lte",
        json!({"trait_definition": tdef("t", "int", "company")}),
    );
    c["trait_value"] = json!("10");
    let comp = |v: &str| {
        Some(company(
            json!({"traits": [trait_("t", "int", "company", v)]}),
        ))
    };
    assert!(matches(
        c.clone(),
        comp("7"),
        None,
        Some(json!({"usage": 3}))
    ));
    assert!(!matches(
        c.clone(),
        comp("8"),
        None,
        Some(json!({"usage": 3}))
    ));
    // strict integer before adding: "1e3" → 0
    assert!(matches(
        c.clone(),
        comp("1e3"),
        None,
        Some(json!({"usage": 1}))
    ));
    assert!(!matches(c.clone(), comp("1e3"), None, None));
    // event usage never applies to traits
    assert!(matches(
        c,
        comp("8"),
        None,
        Some(json!({"event_usage": {"event_subtype": "t", "quantity": 5}}))
    ));
    // string traits ignore usage
    let mut s = cond(
        "trait",
        "eq",
        json!({"trait_definition": tdef("t", "string", "company")}),
    );
    s["trait_value"] = json!("7");
    assert!(matches(
        s,
        Some(company(
            json!({"traits": [trait_("t", "string", "company", "7")]})
        )),
        None,
        Some(json!({"usage": 3}))
    ));
}

#[test]
fn unknown_condition_type_is_false() {
    assert!(!matches(
        cond("segment", "eq", json!({})),
        Some(company(json!({}))),
        Some(user(json!({}))),
        None
    ));
    assert!(!matches(
        cond("", "ne", json!({})),
        Some(company(json!({}))),
        None,
        None
    ));
}

// ---------------------------------------------------------------------------
// §7: preflight validation
// ---------------------------------------------------------------------------

#[test]
fn preflight_validation_errors() {
    let base = |opts: Value| {
        let mut f = flag(json!([rule("g", "global_override", 0, false, json!([]))]));
        f["default_value"] = json!(true);
        json!({"flag": f, "company": company(json!({})), "user": user(json!({})), "options": opts})
    };
    for (opts, msg) in [
        (json!({"usage": -1}), "preflight usage cannot be negative"),
        (
            json!({"event_usage": {"event_subtype": "e", "quantity": -1}}),
            "preflight usage cannot be negative",
        ),
        (
            json!({"credit_cost": {"a": 1, "b": -0.5}}),
            "preflight credit cost cannot be negative",
        ),
        (
            json!({"usage": -1, "credit_cost": {"b": -0.5}}),
            "preflight usage cannot be negative",
        ),
    ] {
        let r = run(&base(opts));
        assert_eq!(r["err"], json!(msg));
        assert_eq!(r["value"], json!(true));
        assert_eq!(reason(&r), "No rules matched; default value for flag");
        assert_eq!(r["flagId"], json!("flag_1"));
        assert_eq!(r["companyId"], json!("comp_1"));
        assert_eq!(r["userId"], json!("user_1"));
        assert_eq!(r["ruleId"], Value::Null);
        assert_eq!(r["entitlement"], Value::Null);
    }
    // preflight errors come before "Flag not found"
    let mut env = base(json!({"usage": -1}));
    env["flag"]["id"] = json!("");
    assert_eq!(
        run(&env)["err"],
        json!("preflight usage cannot be negative")
    );
    // zero is valid everywhere
    let r = run(&base(
        json!({"usage": 0, "event_usage": {"event_subtype": "e", "quantity": 0},
                             "credit_cost": {"a": 0}}),
    ));
    assert!(r.get("err").is_none());
    assert_eq!(r["ruleId"], json!("g"));
}

// ---------------------------------------------------------------------------
// §1, §11.3: accepted and rejected inputs
// ---------------------------------------------------------------------------

fn valid_env() -> Value {
    json!({
        "flag": flag(json!([{
            "id": "r", "account_id": "a", "environment_id": "e", "rule_type": "standard",
            "name": "n", "priority": 1, "value": true, "flag_id": null,
            "conditions": [cond("trait", "eq", json!({"trait_definition": tdef("t", "string", "company"),
                                                      "resource_ids": null}))],
            "condition_groups": null}])),
        "company": company(json!({"traits": [trait_("t", "string", "company", "")],
            "metrics": [metric("ev", "all_time", "first_of_month", 1)],
            "subscription": {"id": "s", "period_start": "2026-01-01T00:00:00Z", "period_end": "2027-01-01T00:00:00+01:00"},
            "entitlements": [{"feature_id": "f", "feature_key": "k", "value_type": "boolean"}],
            "keys": {"id": "x"}, "credit_balances": {"c": 1}, "plan_ids": null, "rules": null})),
        "user": user(json!({"traits": null, "keys": null, "rules": null})),
        "options": {"usage": null, "event_usage": null}
    })
}

#[test]
fn valid_baseline_is_accepted() {
    let r = run(&valid_env());
    assert_eq!(r["ruleId"], json!("r"));
}

#[test]
fn rejected_inputs_return_none() {
    let cases: Vec<(&str, fn(&mut Value))> = vec![
        ("not JSON", |v| *v = json!("garbage")),
        ("flag missing", |v| {
            v.as_object_mut().unwrap().remove("flag");
        }),
        ("flag null", |v| v["flag"] = Value::Null),
        ("flag key missing", |v| {
            v["flag"].as_object_mut().unwrap().remove("key");
        }),
        ("flag account_id null", |v| {
            v["flag"]["account_id"] = Value::Null
        }),
        ("default_value string", |v| {
            v["flag"]["default_value"] = json!("false")
        }),
        ("rule name missing", |v| {
            v["flag"]["rules"][0]
                .as_object_mut()
                .unwrap()
                .remove("name");
        }),
        ("unknown rule_type", |v| {
            v["flag"]["rules"][0]["rule_type"] = json!("Standard")
        }),
        ("fractional priority", |v| {
            v["flag"]["rules"][0]["priority"] = json!(1.5)
        }),
        ("priority as float", |v| {
            v["flag"]["rules"][0]["priority"] = json!(1.0)
        }),
        ("null rule element", |v| v["flag"]["rules"] = json!([null])),
        ("condition without trait_value", |v| {
            v["flag"]["rules"][0]["conditions"][0]
                .as_object_mut()
                .unwrap()
                .remove("trait_value");
        }),
        ("condition operator null", |v| {
            v["flag"]["rules"][0]["conditions"][0]["operator"] = Value::Null
        }),
        ("fractional metric_value", |v| {
            v["flag"]["rules"][0]["conditions"][0]["metric_value"] = json!(2.5)
        }),
        ("unknown metric_period", |v| {
            v["flag"]["rules"][0]["conditions"][0]["metric_period"] = json!("current_year")
        }),
        ("unknown month reset", |v| {
            v["flag"]["rules"][0]["conditions"][0]["metric_period_month_reset"] = json!("x")
        }),
        ("empty entity_type", |v| {
            v["flag"]["rules"][0]["conditions"][0]["trait_definition"]["entity_type"] = json!("")
        }),
        ("unknown comparable_type", |v| {
            v["flag"]["rules"][0]["conditions"][0]["trait_definition"]["comparable_type"] =
                json!("float")
        }),
        ("null resource id", |v| {
            v["flag"]["rules"][0]["conditions"][0]["resource_ids"] = json!([null])
        }),
        ("company id missing", |v| {
            v["company"].as_object_mut().unwrap().remove("id");
        }),
        ("trait value missing", |v| {
            v["company"]["traits"][0]
                .as_object_mut()
                .unwrap()
                .remove("value");
        }),
        ("trait value number", |v| {
            v["company"]["traits"][0]["value"] = json!(5)
        }),
        ("metric created_at missing", |v| {
            v["company"]["metrics"][0]
                .as_object_mut()
                .unwrap()
                .remove("created_at");
        }),
        ("metric timestamp number", |v| {
            v["company"]["metrics"][0]["created_at"] = json!(1_700_000_000)
        }),
        ("metric period invalid", |v| {
            v["company"]["metrics"][0]["period"] = json!("")
        }),
        ("subscription period_end missing", |v| {
            v["company"]["subscription"]
                .as_object_mut()
                .unwrap()
                .remove("period_end");
        }),
        ("entitlement value_type invalid", |v| {
            v["company"]["entitlements"][0]["value_type"] = json!("bool")
        }),
        ("credit balance null", |v| {
            v["company"]["credit_balances"]["c"] = Value::Null
        }),
        ("user id missing", |v| {
            v["user"].as_object_mut().unwrap().remove("id");
        }),
        ("fractional usage", |v| v["options"]["usage"] = json!(1.5)),
        ("credit_cost null", |v| {
            v["options"]["credit_cost"] = Value::Null
        }),
        ("credit_cost value null", |v| {
            v["options"]["credit_cost"] = json!({"c": null})
        }),
        ("options not an object", |v| v["options"] = json!(3)),
    ];
    for (name, mutate) in cases {
        let mut env = valid_env();
        mutate(&mut env);
        assert!(rejected(&env), "should be rejected: {}", name);
    }
}

#[test]
fn camel_case_aliases_are_accepted_except_in_options() {
    let env = json!({
        "flag": {"id": "flag_1", "accountId": "a", "environmentId": "e", "key": "k", "defaultValue": false,
                 "rules": [{"id": "r", "accountId": "a", "environmentId": "e", "ruleType": "plan_entitlement",
                            "name": "n", "priority": 0, "value": true,
                            "conditions": [{"id": "c", "accountId": "a", "environmentId": "e",
                                            "conditionType": "metric", "operator": "lt", "traitValue": "",
                                            "eventSubtype": "ev", "metricValue": 10,
                                            "metricPeriod": "current_month", "metricPeriodMonthReset": "first_of_month"}]}]},
        "company": {"id": "comp", "accountId": "a", "environmentId": "e", "basePlanId": null,
                    "metrics": [{"accountId": "a", "environmentId": "e", "companyId": "comp",
                                 "eventSubtype": "ev", "period": "current_month", "monthReset": "first_of_month",
                                 "value": 9, "createdAt": "2026-03-01T00:00:00Z"}]},
        "options": {"eventUsage": {"event_subtype": "ev", "quantity": 5}, "creditCost": null}
    });
    let r = run(&env);
    assert_eq!(r["ruleId"], json!("r"));
    assert_eq!(r["featureUsage"], json!(9));
    assert_eq!(r["featureUsageResetAt"], json!("2026-04-01T00:00:00+00:00"));
}

#[test]
fn unknown_fields_are_ignored() {
    let mut env = valid_env();
    env["extra"] = json!({"anything": [1, 2]});
    env["flag"]["extra"] = json!(null);
    env["company"]["extra"] = json!(1.5);
    assert!(run_at(&env, None).is_some());
}
