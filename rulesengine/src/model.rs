//! Input data model (rules-engine.md §2, datastream.md §6.8) and how each
//! object is read from JSON.
//!
//! Field names are snake_case on the wire; the camelCase spelling of every
//! entity field is accepted as an alias (rules-engine.md §1), except inside
//! the preflight `options`. Required fields are plain fields: a missing or
//! `null` value makes the whole input invalid (§11.3). Optional collections
//! are `Option<...>`, so "absent" and `null` both read as empty. See
//! [`crate::json`] for the general acceptance rules.

use crate::json::{Field, Invalid, Parser, Str, R};
use crate::time::{parse_rfc3339, Instant, Timestamp};

// ---------------------------------------------------------------------------
// Enumerations (strict unless noted)
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleType {
    GlobalOverride,
    CompanyOverride,
    PlanEntitlement,
    CompanyOverrideUsageExceeded,
    PlanEntitlementUsageExceeded,
    Standard,
    Default,
}

impl RuleType {
    /// The wire string, e.g. `plan_entitlement`.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleType::GlobalOverride => "global_override",
            RuleType::CompanyOverride => "company_override",
            RuleType::PlanEntitlement => "plan_entitlement",
            RuleType::CompanyOverrideUsageExceeded => "company_override_usage_exceeded",
            RuleType::PlanEntitlementUsageExceeded => "plan_entitlement_usage_exceeded",
            RuleType::Standard => "standard",
            RuleType::Default => "default",
        }
    }

    fn read(p: &mut Parser) -> R<RuleType> {
        let s = p.string()?;
        match_key!(s, {
            "global_override" => Ok(RuleType::GlobalOverride),
            "company_override" => Ok(RuleType::CompanyOverride),
            "plan_entitlement" => Ok(RuleType::PlanEntitlement),
            "company_override_usage_exceeded" => Ok(RuleType::CompanyOverrideUsageExceeded),
            "plan_entitlement_usage_exceeded" => Ok(RuleType::PlanEntitlementUsageExceeded),
            "standard" => Ok(RuleType::Standard),
            "default" => Ok(RuleType::Default),
            _ => Err(Invalid),
        })
    }

    /// The reason's display form: the wire string with `_` as spaces.
    pub fn display(self) -> &'static str {
        match self {
            RuleType::GlobalOverride => "global override",
            RuleType::CompanyOverride => "company override",
            RuleType::PlanEntitlement => "plan entitlement",
            RuleType::CompanyOverrideUsageExceeded => "company override usage exceeded",
            RuleType::PlanEntitlementUsageExceeded => "plan entitlement usage exceeded",
            RuleType::Standard => "standard",
            RuleType::Default => "default",
        }
    }

    /// Bucket position in evaluation order (rules-engine.md §4.2): the
    /// declaration order above.
    pub fn bucket(self) -> u8 {
        self as u8
    }

    /// The four "entitlement" rule types (optimistic ordering, usage fields).
    pub fn is_entitlement(self) -> bool {
        matches!(
            self,
            RuleType::CompanyOverride
                | RuleType::PlanEntitlement
                | RuleType::CompanyOverrideUsageExceeded
                | RuleType::PlanEntitlementUsageExceeded
        )
    }
}

/// Condition type. Unrecognised strings are accepted and never match (§6.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConditionType {
    BasePlan,
    BillingProduct,
    Company,
    Credit,
    Metric,
    Plan,
    PlanVersion,
    Trait,
    User,
    Unknown,
}

impl ConditionType {
    pub fn parse(s: &str) -> ConditionType {
        match_key!(s, {
            "base_plan" => ConditionType::BasePlan,
            "billing_product" => ConditionType::BillingProduct,
            "company" => ConditionType::Company,
            "credit" => ConditionType::Credit,
            "metric" => ConditionType::Metric,
            "plan" => ConditionType::Plan,
            "plan_version" => ConditionType::PlanVersion,
            "trait" => ConditionType::Trait,
            "user" => ConditionType::User,
            _ => ConditionType::Unknown,
        })
    }

    fn read(p: &mut Parser) -> R<ConditionType> {
        Ok(ConditionType::parse(&p.string()?))
    }
}

/// Comparison operator. Unrecognised strings (including `""`, `"NE"`) are
/// accepted; see §6 / §8 for what they do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    Eq,
    Ne,
    Gt,
    Lt,
    Gte,
    Lte,
    IsEmpty,
    NotEmpty,
    Unknown,
}

impl Operator {
    pub fn parse(s: &str) -> Operator {
        match_key!(s, {
            "eq" => Operator::Eq,
            "ne" => Operator::Ne,
            "gt" => Operator::Gt,
            "lt" => Operator::Lt,
            "gte" => Operator::Gte,
            "lte" => Operator::Lte,
            "is_empty" => Operator::IsEmpty,
            "not_empty" => Operator::NotEmpty,
            _ => Operator::Unknown,
        })
    }

    fn read(p: &mut Parser) -> R<Operator> {
        Ok(Operator::parse(&p.string()?))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComparableType {
    Bool,
    Date,
    Int,
    String,
}

impl ComparableType {
    fn read(p: &mut Parser) -> R<ComparableType> {
        let s = p.string()?;
        match_key!(s, {
            "bool" => Ok(ComparableType::Bool),
            "date" => Ok(ComparableType::Date),
            "int" => Ok(ComparableType::Int),
            "string" => Ok(ComparableType::String),
            _ => Err(Invalid),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityType {
    Company,
    User,
}

impl EntityType {
    fn read(p: &mut Parser) -> R<EntityType> {
        let s = p.string()?;
        match_key!(s, {
            "company" => Ok(EntityType::Company),
            "user" => Ok(EntityType::User),
            _ => Err(Invalid),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricPeriod {
    AllTime,
    CurrentDay,
    CurrentWeek,
    CurrentMonth,
}

impl MetricPeriod {
    pub fn as_str(self) -> &'static str {
        match self {
            MetricPeriod::AllTime => "all_time",
            MetricPeriod::CurrentDay => "current_day",
            MetricPeriod::CurrentWeek => "current_week",
            MetricPeriod::CurrentMonth => "current_month",
        }
    }

    fn read(p: &mut Parser) -> R<MetricPeriod> {
        let s = p.string()?;
        match_key!(s, {
            "all_time" => Ok(MetricPeriod::AllTime),
            "current_day" => Ok(MetricPeriod::CurrentDay),
            "current_week" => Ok(MetricPeriod::CurrentWeek),
            "current_month" => Ok(MetricPeriod::CurrentMonth),
            _ => Err(Invalid),
        })
    }

    /// Period codes of the official wasm helper exports (§2.1, declaration
    /// order): 0=all_time, 1=current_day, 2=current_month, 3=current_week.
    pub fn from_wasm_code(code: i32) -> Option<MetricPeriod> {
        match code {
            0 => Some(MetricPeriod::AllTime),
            1 => Some(MetricPeriod::CurrentDay),
            2 => Some(MetricPeriod::CurrentMonth),
            3 => Some(MetricPeriod::CurrentWeek),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthReset {
    FirstOfMonth,
    BillingCycle,
}

impl MonthReset {
    pub fn as_str(self) -> &'static str {
        match self {
            MonthReset::FirstOfMonth => "first_of_month",
            MonthReset::BillingCycle => "billing_cycle",
        }
    }

    fn read(p: &mut Parser) -> R<MonthReset> {
        let s = p.string()?;
        match_key!(s, {
            "first_of_month" => Ok(MonthReset::FirstOfMonth),
            "billing_cycle" => Ok(MonthReset::BillingCycle),
            _ => Err(Invalid),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntitlementValueType {
    Boolean,
    Credit,
    Numeric,
    Trait,
    Unknown,
    Unlimited,
}

impl EntitlementValueType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntitlementValueType::Boolean => "boolean",
            EntitlementValueType::Credit => "credit",
            EntitlementValueType::Numeric => "numeric",
            EntitlementValueType::Trait => "trait",
            EntitlementValueType::Unknown => "unknown",
            EntitlementValueType::Unlimited => "unlimited",
        }
    }

    fn read(p: &mut Parser) -> R<EntitlementValueType> {
        let s = p.string()?;
        match_key!(s, {
            "boolean" => Ok(EntitlementValueType::Boolean),
            "credit" => Ok(EntitlementValueType::Credit),
            "numeric" => Ok(EntitlementValueType::Numeric),
            "trait" => Ok(EntitlementValueType::Trait),
            "unknown" => Ok(EntitlementValueType::Unknown),
            "unlimited" => Ok(EntitlementValueType::Unlimited),
            _ => Err(Invalid),
        })
    }
}

// ---------------------------------------------------------------------------
// Objects
// ---------------------------------------------------------------------------
//
// Each reader collects its members into `Field`s (see `crate::json` for the
// acceptance rules), then checks them. `(field, camel)` below: the field a
// key fills and whether the key is the camelCase spelling.

/// An RFC 3339 timestamp string, validated; its instant.
#[inline(never)]
fn instant(p: &mut Parser) -> R<Instant> {
    parse_rfc3339(&p.string()?).ok_or(Invalid)
}

/// An RFC 3339 timestamp string, validated; the original text.
#[inline(never)]
fn timestamp_text<'a>(p: &mut Parser<'a>) -> R<Str<'a>> {
    let s = p.string()?;
    parse_rfc3339(&s).ok_or(Invalid)?;
    Ok(s)
}

#[inline(never)]
fn strings<'a>(p: &mut Parser<'a>) -> R<Vec<Str<'a>>> {
    p.vec(Parser::string)
}

#[derive(Debug, Clone)]
pub struct Flag<'a> {
    pub id: Str<'a>,
    pub account_id: Str<'a>,
    pub environment_id: Str<'a>,
    pub key: Str<'a>,
    pub default_value: bool,
    pub rules: Option<Vec<Rule<'a>>>,
}

impl<'a> Flag<'a> {
    #[inline(never)]
    pub fn read(p: &mut Parser<'a>) -> R<Flag<'a>> {
        let (mut id, mut account_id, mut environment_id) =
            (Field::default(), Field::default(), Field::default());
        let (mut key, mut default_value, mut rules) =
            (Field::default(), Field::default(), Field::default());
        p.object(|p, k| match_key!(k, {
            "id" => p.field(&mut id, false, Parser::string),
            "account_id" => p.field(&mut account_id, false, Parser::string),
            "accountId" => p.field(&mut account_id, true, Parser::string),
            "environment_id" => p.field(&mut environment_id, false, Parser::string),
            "environmentId" => p.field(&mut environment_id, true, Parser::string),
            "key" => p.field(&mut key, false, Parser::string),
            "default_value" => p.field(&mut default_value, false, Parser::bool),
            "defaultValue" => p.field(&mut default_value, true, Parser::bool),
            "rules" => p.field(&mut rules, false, |p| p.vec(Rule::read)),
            _ => p.skip(),
        }))?;
        if !(id.ok_req()
            & account_id.ok_req()
            & environment_id.ok_req()
            & key.ok_req()
            & default_value.ok_req()
            & rules.ok_opt())
        {
            return Err(Invalid);
        }
        Ok(Flag {
            id: id.take_req(),
            account_id: account_id.take_req(),
            environment_id: environment_id.take_req(),
            key: key.take_req(),
            default_value: default_value.take_req(),
            rules: rules.take(),
        })
    }

    /// Parse a whole JSON document holding a flag.
    pub fn parse(input: &'a [u8]) -> R<Flag<'a>> {
        Parser::document(input, Flag::read)
    }
}

#[derive(Debug, Clone)]
pub struct Rule<'a> {
    pub id: Str<'a>,
    pub account_id: Str<'a>,
    pub environment_id: Str<'a>,
    pub rule_type: RuleType,
    pub name: Str<'a>,
    pub priority: i64,
    pub value: bool,
    pub flag_id: Option<Str<'a>>,
    pub conditions: Option<Vec<Condition<'a>>>,
    pub condition_groups: Option<Vec<ConditionGroup<'a>>>,
}

impl<'a> Rule<'a> {
    #[inline(never)]
    pub fn read(p: &mut Parser<'a>) -> R<Rule<'a>> {
        let (mut id, mut account_id, mut environment_id) =
            (Field::default(), Field::default(), Field::default());
        let (mut rule_type, mut name, mut priority, mut value) = (
            Field::default(),
            Field::default(),
            Field::default(),
            Field::default(),
        );
        let (mut flag_id, mut conditions, mut condition_groups) =
            (Field::default(), Field::default(), Field::default());
        p.object(|p, k| match_key!(k, {
            "id" => p.field(&mut id, false, Parser::string),
            "account_id" => p.field(&mut account_id, false, Parser::string),
            "accountId" => p.field(&mut account_id, true, Parser::string),
            "environment_id" => p.field(&mut environment_id, false, Parser::string),
            "environmentId" => p.field(&mut environment_id, true, Parser::string),
            "rule_type" => p.field(&mut rule_type, false, RuleType::read),
            "ruleType" => p.field(&mut rule_type, true, RuleType::read),
            "name" => p.field(&mut name, false, Parser::string),
            "priority" => p.field(&mut priority, false, Parser::i64),
            "value" => p.field(&mut value, false, Parser::bool),
            "flag_id" => p.field(&mut flag_id, false, Parser::string),
            "flagId" => p.field(&mut flag_id, true, Parser::string),
            "conditions" => p.field(&mut conditions, false, |p| p.vec(Condition::read)),
            "condition_groups" => p.field(&mut condition_groups, false, |p| {
                p.vec(ConditionGroup::read)
            }),
            "conditionGroups" => {
                p.field(&mut condition_groups, true, |p| p.vec(ConditionGroup::read))
            },
            _ => p.skip(),
        }))?;
        if !(id.ok_req()
            & account_id.ok_req()
            & environment_id.ok_req()
            & rule_type.ok_req()
            & name.ok_req()
            & priority.ok_req()
            & value.ok_req()
            & flag_id.ok_opt()
            & conditions.ok_opt()
            & condition_groups.ok_opt())
        {
            return Err(Invalid);
        }
        Ok(Rule {
            id: id.take_req(),
            account_id: account_id.take_req(),
            environment_id: environment_id.take_req(),
            rule_type: rule_type.take_req(),
            name: name.take_req(),
            priority: priority.take_req(),
            value: value.take_req(),
            flag_id: flag_id.take(),
            conditions: conditions.take(),
            condition_groups: condition_groups.take(),
        })
    }
}

#[derive(Debug, Clone)]
pub struct ConditionGroup<'a> {
    pub conditions: Option<Vec<Condition<'a>>>,
}

impl<'a> ConditionGroup<'a> {
    #[inline(never)]
    pub fn read(p: &mut Parser<'a>) -> R<ConditionGroup<'a>> {
        let mut conditions = Field::default();
        p.object(|p, k| match_key!(k, {
            "conditions" => p.field(&mut conditions, false, |p| p.vec(Condition::read)),
            _ => p.skip(),
        }))?;
        if !(conditions.ok_opt()) {
            return Err(Invalid);
        }
        Ok(ConditionGroup {
            conditions: conditions.take(),
        })
    }
}

#[derive(Debug, Clone)]
pub struct Condition<'a> {
    pub id: Str<'a>,
    pub account_id: Str<'a>,
    pub environment_id: Str<'a>,
    pub condition_type: ConditionType,
    pub operator: Operator,
    pub trait_value: Str<'a>,
    pub resource_ids: Option<Vec<Str<'a>>>,
    pub event_subtype: Option<Str<'a>>,
    pub metric_value: Option<i64>,
    pub metric_period: Option<MetricPeriod>,
    pub metric_period_month_reset: Option<MonthReset>,
    pub credit_id: Option<Str<'a>>,
    pub consumption_rate: Option<f64>,
    pub trait_definition: Option<TraitDefinition<'a>>,
    pub comparison_trait_definition: Option<TraitDefinition<'a>>,
}

impl<'a> Condition<'a> {
    #[inline(never)]
    pub fn read(p: &mut Parser<'a>) -> R<Condition<'a>> {
        let (mut id, mut account_id, mut environment_id) =
            (Field::default(), Field::default(), Field::default());
        let (mut condition_type, mut operator, mut trait_value, mut resource_ids) = (
            Field::default(),
            Field::default(),
            Field::default(),
            Field::default(),
        );
        let (mut event_subtype, mut metric_value, mut metric_period, mut month_reset) = (
            Field::default(),
            Field::default(),
            Field::default(),
            Field::default(),
        );
        let (mut credit_id, mut consumption_rate, mut trait_definition, mut comparison) = (
            Field::default(),
            Field::default(),
            Field::default(),
            Field::default(),
        );
        p.object(|p, k| match_key!(k, {
            "id" => p.field(&mut id, false, Parser::string),
            "account_id" => p.field(&mut account_id, false, Parser::string),
            "accountId" => p.field(&mut account_id, true, Parser::string),
            "environment_id" => p.field(&mut environment_id, false, Parser::string),
            "environmentId" => p.field(&mut environment_id, true, Parser::string),
            "condition_type" => p.field(&mut condition_type, false, ConditionType::read),
            "conditionType" => p.field(&mut condition_type, true, ConditionType::read),
            "operator" => p.field(&mut operator, false, Operator::read),
            "trait_value" => p.field(&mut trait_value, false, Parser::string),
            "traitValue" => p.field(&mut trait_value, true, Parser::string),
            "resource_ids" => p.field(&mut resource_ids, false, strings),
            "resourceIds" => p.field(&mut resource_ids, true, strings),
            "event_subtype" => p.field(&mut event_subtype, false, Parser::string),
            "eventSubtype" => p.field(&mut event_subtype, true, Parser::string),
            "metric_value" => p.field(&mut metric_value, false, Parser::i64),
            "metricValue" => p.field(&mut metric_value, true, Parser::i64),
            "metric_period" => p.field(&mut metric_period, false, MetricPeriod::read),
            "metricPeriod" => p.field(&mut metric_period, true, MetricPeriod::read),
            "metric_period_month_reset" => p.field(&mut month_reset, false, MonthReset::read),
            "metricPeriodMonthReset" => p.field(&mut month_reset, true, MonthReset::read),
            "credit_id" => p.field(&mut credit_id, false, Parser::string),
            "creditId" => p.field(&mut credit_id, true, Parser::string),
            "consumption_rate" => p.field(&mut consumption_rate, false, Parser::f64),
            "consumptionRate" => p.field(&mut consumption_rate, true, Parser::f64),
            "trait_definition" => p.field(&mut trait_definition, false, TraitDefinition::read),
            "traitDefinition" => p.field(&mut trait_definition, true, TraitDefinition::read),
            "comparison_trait_definition" => p.field(&mut comparison, false, TraitDefinition::read),
            "comparisonTraitDefinition" => p.field(&mut comparison, true, TraitDefinition::read),
            _ => p.skip(),
        }))?;
        if !(id.ok_req()
            & account_id.ok_req()
            & environment_id.ok_req()
            & condition_type.ok_req()
            & operator.ok_req()
            & trait_value.ok_req()
            & resource_ids.ok_opt()
            & event_subtype.ok_opt()
            & metric_value.ok_opt()
            & metric_period.ok_opt()
            & month_reset.ok_opt()
            & credit_id.ok_opt()
            & consumption_rate.ok_opt()
            & trait_definition.ok_opt()
            & comparison.ok_opt())
        {
            return Err(Invalid);
        }
        Ok(Condition {
            id: id.take_req(),
            account_id: account_id.take_req(),
            environment_id: environment_id.take_req(),
            condition_type: condition_type.take_req(),
            operator: operator.take_req(),
            trait_value: trait_value.take_req(),
            resource_ids: resource_ids.take(),
            event_subtype: event_subtype.take(),
            metric_value: metric_value.take(),
            metric_period: metric_period.take(),
            metric_period_month_reset: month_reset.take(),
            credit_id: credit_id.take(),
            consumption_rate: consumption_rate.take(),
            trait_definition: trait_definition.take(),
            comparison_trait_definition: comparison.take(),
        })
    }
}

#[derive(Debug, Clone)]
pub struct TraitDefinition<'a> {
    pub id: Str<'a>,
    pub comparable_type: ComparableType,
    pub entity_type: EntityType,
}

impl<'a> TraitDefinition<'a> {
    #[inline(never)]
    pub fn read(p: &mut Parser<'a>) -> R<TraitDefinition<'a>> {
        let (mut id, mut comparable_type, mut entity_type) =
            (Field::default(), Field::default(), Field::default());
        p.object(|p, k| match_key!(k, {
            "id" => p.field(&mut id, false, Parser::string),
            "comparable_type" => p.field(&mut comparable_type, false, ComparableType::read),
            "comparableType" => p.field(&mut comparable_type, true, ComparableType::read),
            "entity_type" => p.field(&mut entity_type, false, EntityType::read),
            "entityType" => p.field(&mut entity_type, true, EntityType::read),
            _ => p.skip(),
        }))?;
        if !(id.ok_req() & comparable_type.ok_req() & entity_type.ok_req()) {
            return Err(Invalid);
        }
        Ok(TraitDefinition {
            id: id.take_req(),
            comparable_type: comparable_type.take_req(),
            entity_type: entity_type.take_req(),
        })
    }
}

#[derive(Debug, Clone)]
pub struct Trait<'a> {
    pub value: Str<'a>,
    pub trait_definition: Option<TraitDefinition<'a>>,
}

impl<'a> Trait<'a> {
    #[inline(never)]
    pub fn read(p: &mut Parser<'a>) -> R<Trait<'a>> {
        let (mut value, mut trait_definition) = (Field::default(), Field::default());
        p.object(|p, k| match_key!(k, {
            "value" => p.field(&mut value, false, Parser::string),
            "trait_definition" => p.field(&mut trait_definition, false, TraitDefinition::read),
            "traitDefinition" => p.field(&mut trait_definition, true, TraitDefinition::read),
            _ => p.skip(),
        }))?;
        if !(value.ok_req() & trait_definition.ok_opt()) {
            return Err(Invalid);
        }
        Ok(Trait {
            value: value.take_req(),
            trait_definition: trait_definition.take(),
        })
    }
}

/// A JSON object read as a list of (key, value); a repeated key keeps the
/// last value.
pub type Map<'a, T> = Vec<(Str<'a>, T)>;

/// Look a key up in a [`Map`].
pub fn map_get<'m, T>(map: &'m [(Str, T)], key: &str) -> Option<&'m T> {
    map.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

#[derive(Debug, Clone)]
pub struct Company<'a> {
    pub id: Str<'a>,
    pub account_id: Str<'a>,
    pub environment_id: Str<'a>,
    pub base_plan_id: Option<Str<'a>>,
    pub plan_ids: Option<Vec<Str<'a>>>,
    pub plan_version_ids: Option<Vec<Str<'a>>>,
    pub billing_product_ids: Option<Vec<Str<'a>>>,
    pub credit_balances: Option<Map<'a, f64>>,
    pub entitlements: Option<Vec<FeatureEntitlement<'a>>>,
    pub keys: Option<Map<'a, Str<'a>>>,
    pub metrics: Option<Vec<CompanyMetric<'a>>>,
    pub rules: Option<Vec<Rule<'a>>>,
    pub subscription: Option<Subscription>,
    pub traits: Option<Vec<Trait<'a>>>,
}

impl<'a> Company<'a> {
    #[inline(never)]
    pub fn read(p: &mut Parser<'a>) -> R<Company<'a>> {
        let (mut id, mut account_id, mut environment_id) =
            (Field::default(), Field::default(), Field::default());
        let (mut base_plan_id, mut plan_ids, mut plan_version_ids, mut billing_product_ids) = (
            Field::default(),
            Field::default(),
            Field::default(),
            Field::default(),
        );
        let (mut credit_balances, mut entitlements, mut keys, mut metrics) = (
            Field::default(),
            Field::default(),
            Field::default(),
            Field::default(),
        );
        let (mut rules, mut subscription, mut traits) =
            (Field::default(), Field::default(), Field::default());
        p.object(|p, k| match_key!(k, {
            "id" => p.field(&mut id, false, Parser::string),
            "account_id" => p.field(&mut account_id, false, Parser::string),
            "accountId" => p.field(&mut account_id, true, Parser::string),
            "environment_id" => p.field(&mut environment_id, false, Parser::string),
            "environmentId" => p.field(&mut environment_id, true, Parser::string),
            "base_plan_id" => p.field(&mut base_plan_id, false, Parser::string),
            "basePlanId" => p.field(&mut base_plan_id, true, Parser::string),
            "plan_ids" => p.field(&mut plan_ids, false, strings),
            "planIds" => p.field(&mut plan_ids, true, strings),
            "plan_version_ids" => p.field(&mut plan_version_ids, false, strings),
            "planVersionIds" => p.field(&mut plan_version_ids, true, strings),
            "billing_product_ids" => p.field(&mut billing_product_ids, false, strings),
            "billingProductIds" => p.field(&mut billing_product_ids, true, strings),
            "credit_balances" => p.field(&mut credit_balances, false, |p| p.map(Parser::f64)),
            "creditBalances" => p.field(&mut credit_balances, true, |p| p.map(Parser::f64)),
            "entitlements" => p.field(&mut entitlements, false, |p| {
                p.vec(FeatureEntitlement::read)
            }),
            "keys" => p.field(&mut keys, false, |p| p.map(Parser::string)),
            "metrics" => p.field(&mut metrics, false, |p| p.vec(CompanyMetric::read)),
            "rules" => p.field(&mut rules, false, |p| p.vec(Rule::read)),
            "subscription" => p.field(&mut subscription, false, Subscription::read),
            "traits" => p.field(&mut traits, false, |p| p.vec(Trait::read)),
            _ => p.skip(),
        }))?;
        if !(id.ok_req()
            & account_id.ok_req()
            & environment_id.ok_req()
            & base_plan_id.ok_opt()
            & plan_ids.ok_opt()
            & plan_version_ids.ok_opt()
            & billing_product_ids.ok_opt()
            & credit_balances.ok_opt()
            & entitlements.ok_opt()
            & keys.ok_opt()
            & metrics.ok_opt()
            & rules.ok_opt()
            & subscription.ok_opt()
            & traits.ok_opt())
        {
            return Err(Invalid);
        }
        Ok(Company {
            id: id.take_req(),
            account_id: account_id.take_req(),
            environment_id: environment_id.take_req(),
            base_plan_id: base_plan_id.take(),
            plan_ids: plan_ids.take(),
            plan_version_ids: plan_version_ids.take(),
            billing_product_ids: billing_product_ids.take(),
            credit_balances: credit_balances.take(),
            entitlements: entitlements.take(),
            keys: keys.take(),
            metrics: metrics.take(),
            rules: rules.take(),
            subscription: subscription.take(),
            traits: traits.take(),
        })
    }

    /// Parse a whole JSON document holding a company.
    pub fn parse(input: &'a [u8]) -> R<Company<'a>> {
        Parser::document(input, Company::read)
    }
}

#[derive(Debug, Clone)]
pub struct User<'a> {
    pub id: Str<'a>,
    pub account_id: Str<'a>,
    pub environment_id: Str<'a>,
    pub keys: Option<Map<'a, Str<'a>>>,
    pub traits: Option<Vec<Trait<'a>>>,
    pub rules: Option<Vec<Rule<'a>>>,
}

impl<'a> User<'a> {
    #[inline(never)]
    pub fn read(p: &mut Parser<'a>) -> R<User<'a>> {
        let (mut id, mut account_id, mut environment_id) =
            (Field::default(), Field::default(), Field::default());
        let (mut keys, mut traits, mut rules) =
            (Field::default(), Field::default(), Field::default());
        p.object(|p, k| match_key!(k, {
            "id" => p.field(&mut id, false, Parser::string),
            "account_id" => p.field(&mut account_id, false, Parser::string),
            "accountId" => p.field(&mut account_id, true, Parser::string),
            "environment_id" => p.field(&mut environment_id, false, Parser::string),
            "environmentId" => p.field(&mut environment_id, true, Parser::string),
            "keys" => p.field(&mut keys, false, |p| p.map(Parser::string)),
            "traits" => p.field(&mut traits, false, |p| p.vec(Trait::read)),
            "rules" => p.field(&mut rules, false, |p| p.vec(Rule::read)),
            _ => p.skip(),
        }))?;
        if !(id.ok_req()
            & account_id.ok_req()
            & environment_id.ok_req()
            & keys.ok_opt()
            & traits.ok_opt()
            & rules.ok_opt())
        {
            return Err(Invalid);
        }
        Ok(User {
            id: id.take_req(),
            account_id: account_id.take_req(),
            environment_id: environment_id.take_req(),
            keys: keys.take(),
            traits: traits.take(),
            rules: rules.take(),
        })
    }

    /// Parse a whole JSON document holding a user.
    pub fn parse(input: &'a [u8]) -> R<User<'a>> {
        Parser::document(input, User::read)
    }
}

/// A company metric. `created_at` and `valid_until` are validated (RFC 3339)
/// but not used by the evaluation.
#[derive(Debug, Clone)]
pub struct CompanyMetric<'a> {
    pub account_id: Str<'a>,
    pub environment_id: Str<'a>,
    pub company_id: Str<'a>,
    pub event_subtype: Str<'a>,
    pub period: MetricPeriod,
    pub month_reset: MonthReset,
    pub value: i64,
    pub created_at: Instant,
    pub valid_until: Option<Instant>,
}

impl<'a> CompanyMetric<'a> {
    #[inline(never)]
    pub fn read(p: &mut Parser<'a>) -> R<CompanyMetric<'a>> {
        let (mut account_id, mut environment_id, mut company_id) =
            (Field::default(), Field::default(), Field::default());
        let (mut event_subtype, mut period, mut month_reset) =
            (Field::default(), Field::default(), Field::default());
        let (mut value, mut created_at, mut valid_until) =
            (Field::default(), Field::default(), Field::default());
        p.object(|p, k| match_key!(k, {
            "account_id" => p.field(&mut account_id, false, Parser::string),
            "accountId" => p.field(&mut account_id, true, Parser::string),
            "environment_id" => p.field(&mut environment_id, false, Parser::string),
            "environmentId" => p.field(&mut environment_id, true, Parser::string),
            "company_id" => p.field(&mut company_id, false, Parser::string),
            "companyId" => p.field(&mut company_id, true, Parser::string),
            "event_subtype" => p.field(&mut event_subtype, false, Parser::string),
            "eventSubtype" => p.field(&mut event_subtype, true, Parser::string),
            "period" => p.field(&mut period, false, MetricPeriod::read),
            "month_reset" => p.field(&mut month_reset, false, MonthReset::read),
            "monthReset" => p.field(&mut month_reset, true, MonthReset::read),
            "value" => p.field(&mut value, false, Parser::i64),
            "created_at" => p.field(&mut created_at, false, instant),
            "createdAt" => p.field(&mut created_at, true, instant),
            "valid_until" => p.field(&mut valid_until, false, instant),
            "validUntil" => p.field(&mut valid_until, true, instant),
            _ => p.skip(),
        }))?;
        if !(account_id.ok_req()
            & environment_id.ok_req()
            & company_id.ok_req()
            & event_subtype.ok_req()
            & period.ok_req()
            & month_reset.ok_req()
            & value.ok_req()
            & created_at.ok_req()
            & valid_until.ok_opt())
        {
            return Err(Invalid);
        }
        Ok(CompanyMetric {
            account_id: account_id.take_req(),
            environment_id: environment_id.take_req(),
            company_id: company_id.take_req(),
            event_subtype: event_subtype.take_req(),
            period: period.take_req(),
            month_reset: month_reset.take_req(),
            value: value.take_req(),
            created_at: created_at.take_req(),
            valid_until: valid_until.take(),
        })
    }
}

#[derive(Debug, Clone)]
pub struct Subscription {
    pub id: String,
    pub period_start: Timestamp,
    pub period_end: Timestamp,
}

impl Subscription {
    #[inline(never)]
    pub fn read(p: &mut Parser) -> R<Subscription> {
        let (mut id, mut period_start, mut period_end) =
            (Field::default(), Field::default(), Field::default());
        p.object(|p, k| match_key!(k, {
            "id" => p.field(&mut id, false, Parser::string),
            "period_start" => p.field(&mut period_start, false, Timestamp::read),
            "periodStart" => p.field(&mut period_start, true, Timestamp::read),
            "period_end" => p.field(&mut period_end, false, Timestamp::read),
            "periodEnd" => p.field(&mut period_end, true, Timestamp::read),
            _ => p.skip(),
        }))?;
        if !(id.ok_req() & period_start.ok_req() & period_end.ok_req()) {
            return Err(Invalid);
        }
        Ok(Subscription {
            id: id.take_req().into_owned(),
            period_start: period_start.take_req(),
            period_end: period_end.take_req(),
        })
    }
}

/// Company-level entitlement summary. Never evaluated, only echoed back in
/// the result (§5.3), in camelCase and without its null members (see
/// [`crate::result`]).
#[derive(Debug, Clone, PartialEq)]
pub struct FeatureEntitlement<'a> {
    pub feature_id: Str<'a>,
    pub feature_key: Str<'a>,
    pub value_type: EntitlementValueType,
    pub allocation: Option<i64>,
    pub soft_limit: Option<i64>,
    pub usage: Option<i64>,
    pub event_name: Option<Str<'a>>,
    pub event_subtype: Option<Str<'a>>,
    pub metric_period: Option<MetricPeriod>,
    pub month_reset: Option<MonthReset>,
    /// The original RFC 3339 text (validated), echoed unchanged.
    pub metric_reset_at: Option<Str<'a>>,
    pub credit_id: Option<Str<'a>>,
    pub credit_total: Option<f64>,
    pub credit_used: Option<f64>,
    pub credit_remaining: Option<f64>,
    pub credit_reserved: Option<f64>,
    pub credit_settled: Option<f64>,
    pub consumption_rate: Option<f64>,
    pub warning_tiers: Option<Vec<WarningTier<'a>>>,
}

impl<'a> FeatureEntitlement<'a> {
    #[inline(never)]
    pub fn read(p: &mut Parser<'a>) -> R<FeatureEntitlement<'a>> {
        let (mut feature_id, mut feature_key, mut value_type, mut allocation) = (
            Field::default(),
            Field::default(),
            Field::default(),
            Field::default(),
        );
        let (mut soft_limit, mut usage, mut event_name, mut event_subtype) = (
            Field::default(),
            Field::default(),
            Field::default(),
            Field::default(),
        );
        let (mut metric_period, mut month_reset, mut metric_reset_at, mut credit_id) = (
            Field::default(),
            Field::default(),
            Field::default(),
            Field::default(),
        );
        let (mut credit_total, mut credit_used, mut credit_remaining, mut credit_reserved) = (
            Field::default(),
            Field::default(),
            Field::default(),
            Field::default(),
        );
        let (mut credit_settled, mut consumption_rate, mut warning_tiers) =
            (Field::default(), Field::default(), Field::default());
        p.object(|p, k| match_key!(k, {
            "feature_id" => p.field(&mut feature_id, false, Parser::string),
            "featureId" => p.field(&mut feature_id, true, Parser::string),
            "feature_key" => p.field(&mut feature_key, false, Parser::string),
            "featureKey" => p.field(&mut feature_key, true, Parser::string),
            "value_type" => p.field(&mut value_type, false, EntitlementValueType::read),
            "valueType" => p.field(&mut value_type, true, EntitlementValueType::read),
            "allocation" => p.field(&mut allocation, false, Parser::i64),
            "soft_limit" => p.field(&mut soft_limit, false, Parser::i64),
            "softLimit" => p.field(&mut soft_limit, true, Parser::i64),
            "usage" => p.field(&mut usage, false, Parser::i64),
            "event_name" => p.field(&mut event_name, false, Parser::string),
            "eventName" => p.field(&mut event_name, true, Parser::string),
            "event_subtype" => p.field(&mut event_subtype, false, Parser::string),
            "eventSubtype" => p.field(&mut event_subtype, true, Parser::string),
            "metric_period" => p.field(&mut metric_period, false, MetricPeriod::read),
            "metricPeriod" => p.field(&mut metric_period, true, MetricPeriod::read),
            "month_reset" => p.field(&mut month_reset, false, MonthReset::read),
            "monthReset" => p.field(&mut month_reset, true, MonthReset::read),
            "metric_reset_at" => p.field(&mut metric_reset_at, false, timestamp_text),
            "metricResetAt" => p.field(&mut metric_reset_at, true, timestamp_text),
            "credit_id" => p.field(&mut credit_id, false, Parser::string),
            "creditId" => p.field(&mut credit_id, true, Parser::string),
            "credit_total" => p.field(&mut credit_total, false, Parser::f64),
            "creditTotal" => p.field(&mut credit_total, true, Parser::f64),
            "credit_used" => p.field(&mut credit_used, false, Parser::f64),
            "creditUsed" => p.field(&mut credit_used, true, Parser::f64),
            "credit_remaining" => p.field(&mut credit_remaining, false, Parser::f64),
            "creditRemaining" => p.field(&mut credit_remaining, true, Parser::f64),
            "credit_reserved" => p.field(&mut credit_reserved, false, Parser::f64),
            "creditReserved" => p.field(&mut credit_reserved, true, Parser::f64),
            "credit_settled" => p.field(&mut credit_settled, false, Parser::f64),
            "creditSettled" => p.field(&mut credit_settled, true, Parser::f64),
            "consumption_rate" => p.field(&mut consumption_rate, false, Parser::f64),
            "consumptionRate" => p.field(&mut consumption_rate, true, Parser::f64),
            "warning_tiers" => p.field(&mut warning_tiers, false, |p| p.vec(WarningTier::read)),
            "warningTiers" => p.field(&mut warning_tiers, true, |p| p.vec(WarningTier::read)),
            _ => p.skip(),
        }))?;
        if !(feature_id.ok_req()
            & feature_key.ok_req()
            & value_type.ok_req()
            & allocation.ok_opt()
            & soft_limit.ok_opt()
            & usage.ok_opt()
            & event_name.ok_opt()
            & event_subtype.ok_opt()
            & metric_period.ok_opt()
            & month_reset.ok_opt()
            & metric_reset_at.ok_opt()
            & credit_id.ok_opt()
            & credit_total.ok_opt()
            & credit_used.ok_opt()
            & credit_remaining.ok_opt()
            & credit_reserved.ok_opt()
            & credit_settled.ok_opt()
            & consumption_rate.ok_opt()
            & warning_tiers.ok_opt())
        {
            return Err(Invalid);
        }
        Ok(FeatureEntitlement {
            feature_id: feature_id.take_req(),
            feature_key: feature_key.take_req(),
            value_type: value_type.take_req(),
            allocation: allocation.take(),
            soft_limit: soft_limit.take(),
            usage: usage.take(),
            event_name: event_name.take(),
            event_subtype: event_subtype.take(),
            metric_period: metric_period.take(),
            month_reset: month_reset.take(),
            metric_reset_at: metric_reset_at.take(),
            credit_id: credit_id.take(),
            credit_total: credit_total.take(),
            credit_used: credit_used.take(),
            credit_remaining: credit_remaining.take(),
            credit_reserved: credit_reserved.take(),
            credit_settled: credit_settled.take(),
            consumption_rate: consumption_rate.take(),
            warning_tiers: warning_tiers.take(),
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct WarningTier<'a> {
    pub key: Str<'a>,
    pub value: i64,
}

impl<'a> WarningTier<'a> {
    #[inline(never)]
    pub fn read(p: &mut Parser<'a>) -> R<WarningTier<'a>> {
        let (mut key, mut value) = (Field::default(), Field::default());
        p.object(|p, k| match_key!(k, {
            "key" => p.field(&mut key, false, Parser::string),
            "value" => p.field(&mut value, false, Parser::i64),
            _ => p.skip(),
        }))?;
        if !(key.ok_req() & value.ok_req()) {
            return Err(Invalid);
        }
        Ok(WarningTier {
            key: key.take_req(),
            value: value.take_req(),
        })
    }
}

// ---------------------------------------------------------------------------
// Preflight options and the input envelope
// ---------------------------------------------------------------------------

/// Preflight options (§7). Members are snake_case only (camelCase spellings
/// are unknown fields and therefore ignored). `usage: null` and
/// `event_usage: null` read as absent; `credit_cost: null` or a `null` cost
/// value is rejected.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions<'a> {
    pub usage: Option<i64>,
    pub event_usage: Option<EventUsage<'a>>,
    pub credit_cost: Option<Map<'a, f64>>,
}

impl<'a> CheckOptions<'a> {
    #[inline(never)]
    pub fn read(p: &mut Parser<'a>) -> R<CheckOptions<'a>> {
        let (mut usage, mut event_usage, mut credit_cost) =
            (Field::default(), Field::default(), Field::default());
        p.object(|p, k| match_key!(k, {
            "usage" => p.field(&mut usage, false, Parser::i64),
            "event_usage" => p.field(&mut event_usage, false, EventUsage::read),
            "credit_cost" => p.field(&mut credit_cost, false, |p| p.map(Parser::f64)),
            _ => p.skip(),
        }))?;
        if !(usage.ok_opt() & event_usage.ok_opt() & credit_cost.ok_opt_not_null()) {
            return Err(Invalid);
        }
        Ok(CheckOptions {
            usage: usage.take(),
            event_usage: event_usage.take(),
            credit_cost: credit_cost.take(),
        })
    }
}

#[derive(Debug, Clone)]
pub struct EventUsage<'a> {
    pub event_subtype: Str<'a>,
    pub quantity: i64,
}

impl<'a> EventUsage<'a> {
    #[inline(never)]
    pub fn read(p: &mut Parser<'a>) -> R<EventUsage<'a>> {
        let (mut event_subtype, mut quantity) = (Field::default(), Field::default());
        p.object(|p, k| match_key!(k, {
            "event_subtype" => p.field(&mut event_subtype, false, Parser::string),
            "quantity" => p.field(&mut quantity, false, Parser::i64),
            _ => p.skip(),
        }))?;
        if !(event_subtype.ok_req() & quantity.ok_req()) {
            return Err(Invalid);
        }
        Ok(EventUsage {
            event_subtype: event_subtype.take_req(),
            quantity: quantity.take_req(),
        })
    }
}

/// `{"flag": ..., "company": ..., "user": ..., "options": ...}` (§11.2).
/// `flag` is required; the others may be absent or `null`.
#[derive(Debug, Clone)]
pub struct Envelope<'a> {
    pub flag: Flag<'a>,
    pub company: Option<Company<'a>>,
    pub user: Option<User<'a>>,
    pub options: Option<CheckOptions<'a>>,
}

impl<'a> Envelope<'a> {
    #[inline(never)]
    pub fn read(p: &mut Parser<'a>) -> R<Envelope<'a>> {
        let (mut flag, mut company, mut user, mut options) = (
            Field::default(),
            Field::default(),
            Field::default(),
            Field::default(),
        );
        p.object(|p, k| match_key!(k, {
            "flag" => p.field(&mut flag, false, Flag::read),
            "company" => p.field(&mut company, false, Company::read),
            "user" => p.field(&mut user, false, User::read),
            "options" => p.field(&mut options, false, CheckOptions::read),
            _ => p.skip(),
        }))?;
        if !(flag.ok_req() & company.ok_opt() & user.ok_opt() & options.ok_opt()) {
            return Err(Invalid);
        }
        Ok(Envelope {
            flag: flag.take_req(),
            company: company.take(),
            user: user.take(),
            options: options.take(),
        })
    }

    /// Parse a UTF-8 JSON envelope.
    pub fn parse(input: &'a [u8]) -> R<Envelope<'a>> {
        Parser::document(input, Envelope::read)
    }
}
