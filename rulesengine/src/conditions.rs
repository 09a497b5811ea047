//! Condition evaluation (rules-engine.md §5.1, §6).

use std::borrow::Cow;

use crate::conversions::{compare, compare_ints, parse_strict_int};
use crate::credits::credit_condition;
use crate::json::{write_i64, Str};
use crate::model::{
    CheckOptions, Company, CompanyMetric, ComparableType, Condition, ConditionGroup, ConditionType,
    EntityType, MetricPeriod, MonthReset, Operator, Rule, RuleType, Trait, User,
};

/// Everything a condition may look at.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub company: Option<&'a Company<'a>>,
    pub user: Option<&'a User<'a>>,
    pub options: Option<&'a CheckOptions<'a>>,
}

/// Does `rule` match? `global_override` and `default` always do; any other
/// rule needs every condition and every group to be true. A condition that
/// cannot be evaluated ([`Eval::Unevaluable`]) counts as false here.
pub fn rule_matches(rule: &Rule, ctx: Context) -> bool {
    if matches!(rule.rule_type, RuleType::GlobalOverride | RuleType::Default) {
        return true;
    }
    let conditions = rule.conditions.as_deref().unwrap_or(&[]);
    if !conditions
        .iter()
        .all(|c| evaluate(c, ctx) == Eval::True)
    {
        return false;
    }
    let groups = rule.condition_groups.as_deref().unwrap_or(&[]);
    groups.iter().all(|g| group_matches(g, ctx))
}

/// The outcome of one condition. The official engine evaluates a condition
/// to true, false or an error; the error is what the public Go engine returns
/// as `err` for a metric condition without `metric_value` (rules-engine.md
/// §6.5, §12). The official build turns it into "not matched": at the top
/// level the rule fails; inside a condition group it **ends the group as not
/// matched**, even when a later condition of the group would be true.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Eval {
    True,
    False,
    Unevaluable,
}

impl From<bool> for Eval {
    #[inline]
    fn from(b: bool) -> Eval {
        if b {
            Eval::True
        } else {
            Eval::False
        }
    }
}

/// A group is true when one of its conditions is true before any condition
/// that cannot be evaluated; conditions are tried in order (empty → false).
pub fn group_matches(group: &ConditionGroup, ctx: Context) -> bool {
    for c in group.conditions.as_deref().unwrap_or(&[]) {
        match evaluate(c, ctx) {
            Eval::True => return true,
            Eval::False => {}
            Eval::Unevaluable => return false,
        }
    }
    false
}

/// Is `cond` true? (Unevaluable counts as false.)
pub fn condition_matches(cond: &Condition, ctx: Context) -> bool {
    evaluate(cond, ctx) == Eval::True
}

/// Evaluate one condition (§6).
pub fn evaluate(cond: &Condition, ctx: Context) -> Eval {
    match cond.condition_type {
        ConditionType::Company => match ctx.company {
            Some(c) => id_targeting(cond, &c.id).into(),
            None => Eval::False,
        },
        ConditionType::User => match ctx.user {
            Some(u) => id_targeting(cond, &u.id).into(),
            None => Eval::False,
        },
        ConditionType::Plan => list_overlap(cond, ctx.company.map(|c| c.plan_ids.as_deref())).into(),
        ConditionType::PlanVersion => {
            list_overlap(cond, ctx.company.map(|c| c.plan_version_ids.as_deref())).into()
        }
        ConditionType::BillingProduct => {
            list_overlap(cond, ctx.company.map(|c| c.billing_product_ids.as_deref())).into()
        }
        ConditionType::BasePlan => match ctx.company {
            Some(c) => base_plan(cond, c.base_plan_id.as_deref()).into(),
            None => Eval::False,
        },
        ConditionType::Credit => credit_condition(cond, ctx.company, ctx.options).into(),
        ConditionType::Metric => metric_condition(cond, ctx),
        ConditionType::Trait => trait_condition(cond, ctx).into(),
        ConditionType::Unknown => Eval::False,
    }
}

fn resource_ids<'a>(cond: &'a Condition<'a>) -> &'a [Str<'a>] {
    cond.resource_ids.as_deref().unwrap_or(&[])
}

/// Apply the membership operator rule of §6.1/§6.2: `ne` negates, any other
/// operator (even unknown ones) keeps the hit.
fn membership(op: Operator, hit: bool) -> bool {
    if op == Operator::Ne {
        !hit
    } else {
        hit
    }
}

/// §6.1 `company` / `user`: the entity id is one of `resource_ids`.
fn id_targeting(cond: &Condition, id: &str) -> bool {
    let hit = resource_ids(cond).iter().any(|r| r == id);
    membership(cond.operator, hit)
}

/// §6.2 `plan`, `plan_version`, `billing_product`. The outer option is the
/// company (absent → false), the inner one the company's list.
fn list_overlap(cond: &Condition, company_list: Option<Option<&[Str]>>) -> bool {
    let list = match company_list {
        None => return false,
        Some(l) => l.unwrap_or(&[]),
    };
    let hit = resource_ids(cond).iter().any(|r| list.contains(r));
    membership(cond.operator, hit)
}

/// §6.3 `base_plan`.
fn base_plan(cond: &Condition, base: Option<&str>) -> bool {
    let in_ids = |b: &str| resource_ids(cond).iter().any(|r| r == b);
    match cond.operator {
        Operator::Eq => matches!(base, Some(b) if in_ids(b)),
        Operator::Ne => match base {
            None => true,
            Some(b) => !in_ids(b),
        },
        Operator::IsEmpty => base.is_none(),
        Operator::NotEmpty => base.is_some(),
        _ => false,
    }
}

/// §6.5 lookup: the first company metric with the same subtype, period
/// (null → `all_time`) and month reset (null → `first_of_month`).
pub fn find_metric<'a>(
    company: &'a Company<'a>,
    cond: &Condition,
) -> Option<&'a CompanyMetric<'a>> {
    let subtype = cond.event_subtype.as_deref()?;
    let period = cond.metric_period.unwrap_or(MetricPeriod::AllTime);
    let reset = cond
        .metric_period_month_reset
        .unwrap_or(MonthReset::FirstOfMonth);
    company
        .metrics
        .as_deref()
        .unwrap_or(&[])
        .iter()
        .find(|m| m.event_subtype == subtype && m.period == period && m.month_reset == reset)
}

/// The trait with definition id `id` in `traits`.
pub fn find_trait<'a>(traits: &'a [Trait<'a>], id: &str) -> Option<&'a Trait<'a>> {
    traits
        .iter()
        .find(|t| matches!(&t.trait_definition, Some(d) if d.id == id))
}

fn company_traits<'a>(company: &'a Company<'a>) -> &'a [Trait<'a>] {
    company.traits.as_deref().unwrap_or(&[])
}

/// §6.5 `metric`: false without a company or an `event_subtype`; with both
/// but no `metric_value` it cannot be evaluated (even with a comparison
/// trait).
fn metric_condition(cond: &Condition, ctx: Context) -> Eval {
    let company = match ctx.company {
        Some(c) => c,
        None => return Eval::False,
    };
    let subtype = match cond.event_subtype.as_deref() {
        Some(s) => s,
        None => return Eval::False,
    };
    let metric_value = match cond.metric_value {
        Some(v) => v,
        None => return Eval::Unevaluable,
    };
    let mut left = find_metric(company, cond).map(|m| m.value).unwrap_or(0);
    if let Some(o) = ctx.options {
        match &o.event_usage {
            Some(eu) if eu.event_subtype == subtype && eu.quantity > 0 => {
                left = left.wrapping_add(eu.quantity);
            }
            _ => {
                if let Some(u) = o.usage {
                    if u > 0 {
                        left = left.wrapping_add(u);
                    }
                }
            }
        }
    }
    let right = match &cond.comparison_trait_definition {
        Some(def) => find_trait(company_traits(company), &def.id)
            .map(|t| parse_strict_int(&t.value))
            .unwrap_or(0),
        None => metric_value,
    };
    compare_ints(left, cond.operator, right).into()
}

/// §6.6 `trait`.
fn trait_condition(cond: &Condition, ctx: Context) -> bool {
    let def = match &cond.trait_definition {
        Some(d) => d,
        None => return false,
    };
    let traits: &[Trait] = match def.entity_type {
        EntityType::Company => match ctx.company {
            Some(c) => company_traits(c),
            None => return false,
        },
        EntityType::User => match ctx.user {
            Some(u) => u.traits.as_deref().unwrap_or(&[]),
            None => return false,
        },
    };
    let subject = find_trait(traits, &def.id);
    let mut left: Cow<str> = Cow::Borrowed(subject.map_or("", |t| &*t.value));
    let ty: ComparableType = subject
        .and_then(|t| t.trait_definition.as_ref())
        .map(|d| d.comparable_type)
        .unwrap_or(def.comparable_type);
    let right: &str = match &cond.comparison_trait_definition {
        Some(cmp) => find_trait(traits, &cmp.id).map_or("", |t| &*t.value),
        None => &cond.trait_value,
    };
    if ty == ComparableType::Int {
        if let Some(u) = ctx.options.and_then(|o| o.usage) {
            if u > 0 {
                let mut digits = Vec::with_capacity(20);
                write_i64(&mut digits, parse_strict_int(&left).wrapping_add(u));
                left = Cow::Owned(String::from_utf8(digits).unwrap_or_default());
            }
        }
    }
    compare(ty, &left, cond.operator, right)
}
