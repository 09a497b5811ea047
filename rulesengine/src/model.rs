//! Input data model (rules-engine.md §2, datastream.md §6.8) and how each
//! object is read from JSON.
//!
//! Field names are snake_case on the wire; the camelCase spelling of every
//! entity field is accepted as an alias (rules-engine.md §1), except inside
//! the preflight `options`. Required fields are plain fields: a missing or
//! `null` value makes the whole input invalid (§11.3). Optional collections
//! are `Option<...>`, so "absent" and `null` both read as empty. See
//! [`crate::json`] for the general acceptance rules.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::json::{
    as_bool, as_f64, as_i64, as_string, object, opt, opt_map, opt_str, opt_vec, req, req_str,
    Invalid, Obj, R,
};
use crate::time::Timestamp;

// ---------------------------------------------------------------------------
// Enumerations (strict unless noted)
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
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
    pub const ALL: [RuleType; 7] = [
        RuleType::GlobalOverride,
        RuleType::CompanyOverride,
        RuleType::PlanEntitlement,
        RuleType::CompanyOverrideUsageExceeded,
        RuleType::PlanEntitlementUsageExceeded,
        RuleType::Standard,
        RuleType::Default,
    ];

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

    fn read(v: &Value) -> R<RuleType> {
        let s = v.as_str().ok_or(Invalid)?;
        RuleType::ALL
            .iter()
            .copied()
            .find(|t| t.as_str() == s)
            .ok_or(Invalid)
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
        match s {
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
        }
    }

    fn read(v: &Value) -> R<ConditionType> {
        v.as_str().map(ConditionType::parse).ok_or(Invalid)
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
        match s {
            "eq" => Operator::Eq,
            "ne" => Operator::Ne,
            "gt" => Operator::Gt,
            "lt" => Operator::Lt,
            "gte" => Operator::Gte,
            "lte" => Operator::Lte,
            "is_empty" => Operator::IsEmpty,
            "not_empty" => Operator::NotEmpty,
            _ => Operator::Unknown,
        }
    }

    fn read(v: &Value) -> R<Operator> {
        v.as_str().map(Operator::parse).ok_or(Invalid)
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
    fn read(v: &Value) -> R<ComparableType> {
        match v.as_str() {
            Some("bool") => Ok(ComparableType::Bool),
            Some("date") => Ok(ComparableType::Date),
            Some("int") => Ok(ComparableType::Int),
            Some("string") => Ok(ComparableType::String),
            _ => Err(Invalid),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityType {
    Company,
    User,
}

impl EntityType {
    fn read(v: &Value) -> R<EntityType> {
        match v.as_str() {
            Some("company") => Ok(EntityType::Company),
            Some("user") => Ok(EntityType::User),
            _ => Err(Invalid),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
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

    fn read(v: &Value) -> R<MetricPeriod> {
        match v.as_str() {
            Some("all_time") => Ok(MetricPeriod::AllTime),
            Some("current_day") => Ok(MetricPeriod::CurrentDay),
            Some("current_week") => Ok(MetricPeriod::CurrentWeek),
            Some("current_month") => Ok(MetricPeriod::CurrentMonth),
            _ => Err(Invalid),
        }
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MonthReset {
    FirstOfMonth,
    BillingCycle,
}

impl MonthReset {
    fn read(v: &Value) -> R<MonthReset> {
        match v.as_str() {
            Some("first_of_month") => Ok(MonthReset::FirstOfMonth),
            Some("billing_cycle") => Ok(MonthReset::BillingCycle),
            _ => Err(Invalid),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntitlementValueType {
    Boolean,
    Credit,
    Numeric,
    Trait,
    Unknown,
    Unlimited,
}

impl EntitlementValueType {
    fn read(v: &Value) -> R<EntitlementValueType> {
        match v.as_str() {
            Some("boolean") => Ok(EntitlementValueType::Boolean),
            Some("credit") => Ok(EntitlementValueType::Credit),
            Some("numeric") => Ok(EntitlementValueType::Numeric),
            Some("trait") => Ok(EntitlementValueType::Trait),
            Some("unknown") => Ok(EntitlementValueType::Unknown),
            Some("unlimited") => Ok(EntitlementValueType::Unlimited),
            _ => Err(Invalid),
        }
    }
}

// ---------------------------------------------------------------------------
// Objects
// ---------------------------------------------------------------------------

/// The three identifiers every entity carries (all required strings;
/// `account_id` may be `""`).
fn ids(o: &Obj) -> R<(String, String, String)> {
    Ok((
        req_str(o, "id", None)?,
        req_str(o, "account_id", Some("accountId"))?,
        req_str(o, "environment_id", Some("environmentId"))?,
    ))
}

fn string_list(o: &Obj, snake: &str, camel: &str) -> R<Option<Vec<String>>> {
    opt_vec(o, snake, Some(camel), as_string)
}

#[derive(Debug, Clone)]
pub struct Flag {
    pub id: String,
    pub account_id: String,
    pub environment_id: String,
    pub key: String,
    pub default_value: bool,
    pub rules: Option<Vec<Rule>>,
}

impl Flag {
    pub fn read(v: &Value) -> R<Flag> {
        let o = object(v)?;
        let (id, account_id, environment_id) = ids(o)?;
        Ok(Flag {
            id,
            account_id,
            environment_id,
            key: req_str(o, "key", None)?,
            default_value: req(o, "default_value", Some("defaultValue"), as_bool)?,
            rules: opt_vec(o, "rules", None, Rule::read)?,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub account_id: String,
    pub environment_id: String,
    pub rule_type: RuleType,
    pub name: String,
    pub priority: i64,
    pub value: bool,
    pub flag_id: Option<String>,
    pub conditions: Option<Vec<Condition>>,
    pub condition_groups: Option<Vec<ConditionGroup>>,
}

impl Rule {
    pub fn read(v: &Value) -> R<Rule> {
        let o = object(v)?;
        let (id, account_id, environment_id) = ids(o)?;
        Ok(Rule {
            id,
            account_id,
            environment_id,
            rule_type: req(o, "rule_type", Some("ruleType"), RuleType::read)?,
            name: req_str(o, "name", None)?,
            priority: req(o, "priority", None, as_i64)?,
            value: req(o, "value", None, as_bool)?,
            flag_id: opt_str(o, "flag_id", Some("flagId"))?,
            conditions: opt_vec(o, "conditions", None, Condition::read)?,
            condition_groups: opt_vec(
                o,
                "condition_groups",
                Some("conditionGroups"),
                ConditionGroup::read,
            )?,
        })
    }
}

#[derive(Debug, Clone)]
pub struct ConditionGroup {
    pub conditions: Option<Vec<Condition>>,
}

impl ConditionGroup {
    pub fn read(v: &Value) -> R<ConditionGroup> {
        let o = object(v)?;
        Ok(ConditionGroup {
            conditions: opt_vec(o, "conditions", None, Condition::read)?,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Condition {
    pub id: String,
    pub account_id: String,
    pub environment_id: String,
    pub condition_type: ConditionType,
    pub operator: Operator,
    pub trait_value: String,
    pub resource_ids: Option<Vec<String>>,
    pub event_subtype: Option<String>,
    pub metric_value: Option<i64>,
    pub metric_period: Option<MetricPeriod>,
    pub metric_period_month_reset: Option<MonthReset>,
    pub credit_id: Option<String>,
    pub consumption_rate: Option<f64>,
    pub trait_definition: Option<TraitDefinition>,
    pub comparison_trait_definition: Option<TraitDefinition>,
}

impl Condition {
    pub fn read(v: &Value) -> R<Condition> {
        let o = object(v)?;
        let (id, account_id, environment_id) = ids(o)?;
        Ok(Condition {
            id,
            account_id,
            environment_id,
            condition_type: req(
                o,
                "condition_type",
                Some("conditionType"),
                ConditionType::read,
            )?,
            operator: req(o, "operator", None, Operator::read)?,
            trait_value: req_str(o, "trait_value", Some("traitValue"))?,
            resource_ids: string_list(o, "resource_ids", "resourceIds")?,
            event_subtype: opt_str(o, "event_subtype", Some("eventSubtype"))?,
            metric_value: opt(o, "metric_value", Some("metricValue"), as_i64)?,
            metric_period: opt(o, "metric_period", Some("metricPeriod"), MetricPeriod::read)?,
            metric_period_month_reset: opt(
                o,
                "metric_period_month_reset",
                Some("metricPeriodMonthReset"),
                MonthReset::read,
            )?,
            credit_id: opt_str(o, "credit_id", Some("creditId"))?,
            consumption_rate: opt(o, "consumption_rate", Some("consumptionRate"), as_f64)?,
            trait_definition: opt(
                o,
                "trait_definition",
                Some("traitDefinition"),
                TraitDefinition::read,
            )?,
            comparison_trait_definition: opt(
                o,
                "comparison_trait_definition",
                Some("comparisonTraitDefinition"),
                TraitDefinition::read,
            )?,
        })
    }
}

#[derive(Debug, Clone)]
pub struct TraitDefinition {
    pub id: String,
    pub comparable_type: ComparableType,
    pub entity_type: EntityType,
}

impl TraitDefinition {
    pub fn read(v: &Value) -> R<TraitDefinition> {
        let o = object(v)?;
        Ok(TraitDefinition {
            id: req_str(o, "id", None)?,
            comparable_type: req(
                o,
                "comparable_type",
                Some("comparableType"),
                ComparableType::read,
            )?,
            entity_type: req(o, "entity_type", Some("entityType"), EntityType::read)?,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Trait {
    pub value: String,
    pub trait_definition: Option<TraitDefinition>,
}

impl Trait {
    pub fn read(v: &Value) -> R<Trait> {
        let o = object(v)?;
        Ok(Trait {
            value: req_str(o, "value", None)?,
            trait_definition: opt(
                o,
                "trait_definition",
                Some("traitDefinition"),
                TraitDefinition::read,
            )?,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Company {
    pub id: String,
    pub account_id: String,
    pub environment_id: String,
    pub base_plan_id: Option<String>,
    pub plan_ids: Option<Vec<String>>,
    pub plan_version_ids: Option<Vec<String>>,
    pub billing_product_ids: Option<Vec<String>>,
    pub credit_balances: Option<BTreeMap<String, f64>>,
    pub entitlements: Option<Vec<FeatureEntitlement>>,
    pub keys: Option<BTreeMap<String, String>>,
    pub metrics: Option<Vec<CompanyMetric>>,
    pub rules: Option<Vec<Rule>>,
    pub subscription: Option<Subscription>,
    pub traits: Option<Vec<Trait>>,
}

impl Company {
    pub fn read(v: &Value) -> R<Company> {
        let o = object(v)?;
        let (id, account_id, environment_id) = ids(o)?;
        Ok(Company {
            id,
            account_id,
            environment_id,
            base_plan_id: opt_str(o, "base_plan_id", Some("basePlanId"))?,
            plan_ids: string_list(o, "plan_ids", "planIds")?,
            plan_version_ids: string_list(o, "plan_version_ids", "planVersionIds")?,
            billing_product_ids: string_list(o, "billing_product_ids", "billingProductIds")?,
            credit_balances: opt_map(o, "credit_balances", Some("creditBalances"), as_f64)?,
            entitlements: opt_vec(o, "entitlements", None, FeatureEntitlement::read)?,
            keys: opt_map(o, "keys", None, as_string)?,
            metrics: opt_vec(o, "metrics", None, CompanyMetric::read)?,
            rules: opt_vec(o, "rules", None, Rule::read)?,
            subscription: opt(o, "subscription", None, Subscription::read)?,
            traits: opt_vec(o, "traits", None, Trait::read)?,
        })
    }
}

#[derive(Debug, Clone)]
pub struct User {
    pub id: String,
    pub account_id: String,
    pub environment_id: String,
    pub keys: Option<BTreeMap<String, String>>,
    pub traits: Option<Vec<Trait>>,
    pub rules: Option<Vec<Rule>>,
}

impl User {
    pub fn read(v: &Value) -> R<User> {
        let o = object(v)?;
        let (id, account_id, environment_id) = ids(o)?;
        Ok(User {
            id,
            account_id,
            environment_id,
            keys: opt_map(o, "keys", None, as_string)?,
            traits: opt_vec(o, "traits", None, Trait::read)?,
            rules: opt_vec(o, "rules", None, Rule::read)?,
        })
    }
}

#[derive(Debug, Clone)]
pub struct CompanyMetric {
    pub account_id: String,
    pub environment_id: String,
    pub company_id: String,
    pub event_subtype: String,
    pub period: MetricPeriod,
    pub month_reset: MonthReset,
    pub value: i64,
    pub created_at: Timestamp,
    pub valid_until: Option<Timestamp>,
}

impl CompanyMetric {
    pub fn read(v: &Value) -> R<CompanyMetric> {
        let o = object(v)?;
        Ok(CompanyMetric {
            account_id: req_str(o, "account_id", Some("accountId"))?,
            environment_id: req_str(o, "environment_id", Some("environmentId"))?,
            company_id: req_str(o, "company_id", Some("companyId"))?,
            event_subtype: req_str(o, "event_subtype", Some("eventSubtype"))?,
            period: req(o, "period", None, MetricPeriod::read)?,
            month_reset: req(o, "month_reset", Some("monthReset"), MonthReset::read)?,
            value: req(o, "value", None, as_i64)?,
            created_at: req(o, "created_at", Some("createdAt"), Timestamp::read)?,
            valid_until: opt(o, "valid_until", Some("validUntil"), Timestamp::read)?,
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
    pub fn read(v: &Value) -> R<Subscription> {
        let o = object(v)?;
        Ok(Subscription {
            id: req_str(o, "id", None)?,
            period_start: req(o, "period_start", Some("periodStart"), Timestamp::read)?,
            period_end: req(o, "period_end", Some("periodEnd"), Timestamp::read)?,
        })
    }
}

/// Company-level entitlement summary. Never evaluated, only echoed back in
/// the result (§5.3), in camelCase and without its null members.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FeatureEntitlement {
    pub feature_id: String,
    pub feature_key: String,
    pub value_type: EntitlementValueType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allocation: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub soft_limit: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_subtype: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric_period: Option<MetricPeriod>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month_reset: Option<MonthReset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric_reset_at: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit_total: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit_used: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit_remaining: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit_reserved: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit_settled: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consumption_rate: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning_tiers: Option<Vec<WarningTier>>,
}

impl FeatureEntitlement {
    pub fn read(v: &Value) -> R<FeatureEntitlement> {
        let o = object(v)?;
        let f64_field = |snake: &str, camel: &str| opt(o, snake, Some(camel), as_f64);
        Ok(FeatureEntitlement {
            feature_id: req_str(o, "feature_id", Some("featureId"))?,
            feature_key: req_str(o, "feature_key", Some("featureKey"))?,
            value_type: req(
                o,
                "value_type",
                Some("valueType"),
                EntitlementValueType::read,
            )?,
            allocation: opt(o, "allocation", None, as_i64)?,
            soft_limit: opt(o, "soft_limit", Some("softLimit"), as_i64)?,
            usage: opt(o, "usage", None, as_i64)?,
            event_name: opt_str(o, "event_name", Some("eventName"))?,
            event_subtype: opt_str(o, "event_subtype", Some("eventSubtype"))?,
            metric_period: opt(o, "metric_period", Some("metricPeriod"), MetricPeriod::read)?,
            month_reset: opt(o, "month_reset", Some("monthReset"), MonthReset::read)?,
            metric_reset_at: opt(o, "metric_reset_at", Some("metricResetAt"), Timestamp::read)?,
            credit_id: opt_str(o, "credit_id", Some("creditId"))?,
            credit_total: f64_field("credit_total", "creditTotal")?,
            credit_used: f64_field("credit_used", "creditUsed")?,
            credit_remaining: f64_field("credit_remaining", "creditRemaining")?,
            credit_reserved: f64_field("credit_reserved", "creditReserved")?,
            credit_settled: f64_field("credit_settled", "creditSettled")?,
            consumption_rate: f64_field("consumption_rate", "consumptionRate")?,
            warning_tiers: opt_vec(o, "warning_tiers", Some("warningTiers"), WarningTier::read)?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WarningTier {
    pub key: String,
    pub value: i64,
}

impl WarningTier {
    pub fn read(v: &Value) -> R<WarningTier> {
        let o = object(v)?;
        Ok(WarningTier {
            key: req_str(o, "key", None)?,
            value: req(o, "value", None, as_i64)?,
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
pub struct CheckOptions {
    pub usage: Option<i64>,
    pub event_usage: Option<EventUsage>,
    pub credit_cost: Option<BTreeMap<String, f64>>,
}

impl CheckOptions {
    pub fn read(v: &Value) -> R<CheckOptions> {
        let o = object(v)?;
        let credit_cost = match o.get("credit_cost") {
            None => None,
            Some(Value::Null) => return Err(Invalid),
            Some(m) => Some(crate::json::map_of(m, as_f64)?),
        };
        Ok(CheckOptions {
            usage: opt(o, "usage", None, as_i64)?,
            event_usage: opt(o, "event_usage", None, EventUsage::read)?,
            credit_cost,
        })
    }
}

#[derive(Debug, Clone)]
pub struct EventUsage {
    pub event_subtype: String,
    pub quantity: i64,
}

impl EventUsage {
    pub fn read(v: &Value) -> R<EventUsage> {
        let o = object(v)?;
        Ok(EventUsage {
            event_subtype: req_str(o, "event_subtype", None)?,
            quantity: req(o, "quantity", None, as_i64)?,
        })
    }
}

/// `{"flag": ..., "company": ..., "user": ..., "options": ...}` (§11.2).
/// `flag` is required; the others may be absent or `null`.
#[derive(Debug, Clone)]
pub struct Envelope {
    pub flag: Flag,
    pub company: Option<Company>,
    pub user: Option<User>,
    pub options: Option<CheckOptions>,
}

impl Envelope {
    pub fn read(v: &Value) -> R<Envelope> {
        let o = object(v)?;
        Ok(Envelope {
            flag: req(o, "flag", None, Flag::read)?,
            company: opt(o, "company", None, Company::read)?,
            user: opt(o, "user", None, User::read)?,
            options: opt(o, "options", None, CheckOptions::read)?,
        })
    }

    /// Parse a UTF-8 JSON envelope.
    pub fn parse(input: &[u8]) -> R<Envelope> {
        let v: Value = serde_json::from_slice(input).map_err(|_| Invalid)?;
        Envelope::read(&v)
    }
}
