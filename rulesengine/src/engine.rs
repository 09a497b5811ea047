//! The flag check (rules-engine.md §4, §5).

use crate::conditions::{find_metric, find_trait, rule_matches, Context};
use crate::conversions::{parse_strict_int, read_strict_int};
use crate::credits::validate_options;
use crate::model::{
    CheckOptions, Company, Condition, ConditionType, Flag, MetricPeriod, Rule, RuleType, User,
};
use crate::periods::next_reset;
use crate::result::{CheckResult, Reason};
use crate::time::Instant;

/// Evaluate `flag` for the given company/user. `now` is `None` when the host
/// never set the time; evaluation is unchanged but no reset time is computed.
pub fn check_flag<'r>(
    flag: &'r Flag<'r>,
    company: Option<&'r Company<'r>>,
    user: Option<&'r User<'r>>,
    options: Option<&'r CheckOptions<'r>>,
    now: Option<Instant>,
) -> CheckResult<'r> {
    let mut result = CheckResult {
        value: flag.default_value,
        reason: Reason::NoRulesMatched,
        err: None,
        rule_id: None,
        rule_type: None,
        company_id: company.map(|c| &*c.id),
        user_id: user.map(|u| &*u.id),
        entitlement: None,
        flag_id: &flag.id,
        flag_key: &flag.key,
        feature_allocation: None,
        feature_usage: None,
        feature_usage_event: None,
        feature_usage_period: None,
        feature_usage_reset_at: None,
    };

    // 1. preflight validation
    if let Err(msg) = validate_options(options) {
        result.err = Some(msg);
        return result;
    }

    // 2. a flag with an empty id is "not found"
    if flag.id.is_empty() {
        result.reason = Reason::FlagNotFound;
        return result;
    }

    // 3. entitlement echo
    result.entitlement = company.and_then(|c| {
        c.entitlements
            .as_deref()
            .unwrap_or(&[])
            .iter()
            .find(|e| e.feature_key == flag.key)
    });

    // 4.-6. collect, order and evaluate
    let ctx = Context {
        company,
        user,
        options,
    };
    let rules = ordered_rules(flag, company, user);
    if let Some(rule) = rules.into_iter().find(|r| rule_matches(r, ctx)) {
        result.matched(rule);
        if let Some(company) = company {
            fill_usage_fields(&mut result, rule, company, now);
        }
    }
    result
}

/// Collect the flag's rules, then the company's and the user's rules that
/// belong to this flag, and put them in evaluation order (§4.2).
pub fn ordered_rules<'a>(
    flag: &'a Flag<'a>,
    company: Option<&'a Company<'a>>,
    user: Option<&'a User<'a>>,
) -> Vec<&'a Rule<'a>> {
    let belongs = |r: &&Rule| r.flag_id.as_deref() == Some(&*flag.id);
    let mut rules: Vec<&Rule> = flag.rules.as_deref().unwrap_or(&[]).iter().collect();
    if let Some(c) = company {
        rules.extend(c.rules.as_deref().unwrap_or(&[]).iter().filter(belongs));
    }
    if let Some(u) = user {
        rules.extend(u.rules.as_deref().unwrap_or(&[]).iter().filter(belongs));
    }
    // Stable sort: ties keep collection order.
    rules.sort_by_key(|r| (r.rule_type.bucket(), secondary_key(r)));
    rules
}

/// Order inside a bucket: `standard` by ascending priority; the entitlement
/// buckets true-valued rules first; `global_override`/`default` as collected.
fn secondary_key(rule: &Rule) -> i128 {
    match rule.rule_type {
        RuleType::Standard => rule.priority as i128,
        t if t.is_entitlement() => {
            if rule.value {
                0
            } else {
                1
            }
        }
        _ => 0,
    }
}

/// The first top-level `metric` or `trait` condition of a rule (§5.2).
fn usage_condition<'a>(rule: &'a Rule<'a>) -> Option<&'a Condition<'a>> {
    rule.conditions.as_deref().unwrap_or(&[]).iter().find(|c| {
        matches!(
            c.condition_type,
            ConditionType::Metric | ConditionType::Trait
        )
    })
}

/// §5.2: usage fields for a matched entitlement-type rule.
fn fill_usage_fields<'r>(
    result: &mut CheckResult<'r>,
    rule: &'r Rule<'r>,
    company: &'r Company<'r>,
    now: Option<Instant>,
) {
    if !rule.rule_type.is_entitlement() {
        return;
    }
    let cond = match usage_condition(rule) {
        Some(c) => c,
        None => return,
    };
    let traits = company.traits.as_deref().unwrap_or(&[]);
    if cond.condition_type == ConditionType::Metric {
        result.feature_usage_event = cond.event_subtype.as_deref();
        result.feature_usage = Some(find_metric(company, cond).map(|m| m.value).unwrap_or(0));
        result.feature_allocation = Some(cond.metric_value.unwrap_or(0));
        result.feature_usage_period = Some(cond.metric_period.unwrap_or(MetricPeriod::AllTime));
        result.feature_usage_reset_at = now.and_then(|now| {
            next_reset(
                cond.metric_period,
                cond.metric_period_month_reset,
                company.subscription.as_ref(),
                now,
            )
        });
    } else {
        let usage = cond
            .trait_definition
            .as_ref()
            .and_then(|d| find_trait(traits, &d.id))
            .map(|t| parse_strict_int(&t.value))
            .unwrap_or(0);
        result.feature_usage = Some(usage);
        result.feature_allocation = Some(parse_strict_int(&cond.trait_value));
    }
    // A comparison trait's value replaces the allocation only when it reads
    // as a strict integer; otherwise (`"1e3"`, `"3.000"`, `" true"`, beyond
    // the 64-bit range) the condition's own value stays.
    if let Some(v) = cond
        .comparison_trait_definition
        .as_ref()
        .and_then(|d| find_trait(traits, &d.id))
        .and_then(|t| read_strict_int(&t.value))
    {
        result.feature_allocation = Some(v);
    }
}
