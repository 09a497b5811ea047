//! Input data model (rules-engine.md §2, datastream.md §6.8).
//!
//! Field names are snake_case on the wire; the camelCase spelling of every
//! entity field is accepted as an alias (rules-engine.md §1). Required fields
//! are plain (non-`Option`) fields, so a missing or `null` value makes the
//! whole input invalid (§11.3). Optional collections are `Option<...>` so that
//! both "absent" and `null` are read as empty.

use std::collections::BTreeMap;

use serde::de::{Deserializer, Error as _};
use serde::{Deserialize, Serialize};

use crate::time::Timestamp;

// ---------------------------------------------------------------------------
// Enumerations (strict unless noted)
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
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

    /// Bucket position in evaluation order (rules-engine.md §4.2).
    pub fn bucket(self) -> u8 {
        match self {
            RuleType::GlobalOverride => 0,
            RuleType::CompanyOverride => 1,
            RuleType::PlanEntitlement => 2,
            RuleType::CompanyOverrideUsageExceeded => 3,
            RuleType::PlanEntitlementUsageExceeded => 4,
            RuleType::Standard => 5,
            RuleType::Default => 6,
        }
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
#[derive(Debug, Clone, PartialEq, Eq)]
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

impl<'de> Deserialize<'de> for ConditionType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(match s.as_str() {
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
}

impl<'de> Deserialize<'de> for Operator {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(Operator::parse(&s))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ComparableType {
    Bool,
    Date,
    Int,
    String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    Company,
    User,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MonthReset {
    FirstOfMonth,
    BillingCycle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntitlementValueType {
    Boolean,
    Credit,
    Numeric,
    Trait,
    Unknown,
    Unlimited,
}

// ---------------------------------------------------------------------------
// Objects
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Deserialize)]
pub struct Flag {
    pub id: String,
    #[serde(alias = "accountId")]
    pub account_id: String,
    #[serde(alias = "environmentId")]
    pub environment_id: String,
    pub key: String,
    #[serde(alias = "defaultValue")]
    pub default_value: bool,
    #[serde(default)]
    pub rules: Option<Vec<Rule>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Rule {
    pub id: String,
    #[serde(alias = "accountId")]
    pub account_id: String,
    #[serde(alias = "environmentId")]
    pub environment_id: String,
    #[serde(alias = "ruleType")]
    pub rule_type: RuleType,
    pub name: String,
    pub priority: i64,
    pub value: bool,
    #[serde(default, alias = "flagId")]
    pub flag_id: Option<String>,
    #[serde(default)]
    pub conditions: Option<Vec<Condition>>,
    #[serde(default, alias = "conditionGroups")]
    pub condition_groups: Option<Vec<ConditionGroup>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ConditionGroup {
    #[serde(default)]
    pub conditions: Option<Vec<Condition>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Condition {
    pub id: String,
    #[serde(alias = "accountId")]
    pub account_id: String,
    #[serde(alias = "environmentId")]
    pub environment_id: String,
    #[serde(alias = "conditionType")]
    pub condition_type: ConditionType,
    pub operator: Operator,
    #[serde(alias = "traitValue")]
    pub trait_value: String,
    #[serde(default, alias = "resourceIds")]
    pub resource_ids: Option<Vec<String>>,
    #[serde(default, alias = "eventSubtype")]
    pub event_subtype: Option<String>,
    #[serde(default, alias = "metricValue")]
    pub metric_value: Option<i64>,
    #[serde(default, alias = "metricPeriod")]
    pub metric_period: Option<MetricPeriod>,
    #[serde(default, alias = "metricPeriodMonthReset")]
    pub metric_period_month_reset: Option<MonthReset>,
    #[serde(default, alias = "creditId")]
    pub credit_id: Option<String>,
    #[serde(default, alias = "consumptionRate")]
    pub consumption_rate: Option<f64>,
    #[serde(default, alias = "traitDefinition")]
    pub trait_definition: Option<TraitDefinition>,
    #[serde(default, alias = "comparisonTraitDefinition")]
    pub comparison_trait_definition: Option<TraitDefinition>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TraitDefinition {
    pub id: String,
    #[serde(alias = "comparableType")]
    pub comparable_type: ComparableType,
    #[serde(alias = "entityType")]
    pub entity_type: EntityType,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Trait {
    pub value: String,
    #[serde(default, alias = "traitDefinition")]
    pub trait_definition: Option<TraitDefinition>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Company {
    pub id: String,
    #[serde(alias = "accountId")]
    pub account_id: String,
    #[serde(alias = "environmentId")]
    pub environment_id: String,
    #[serde(default, alias = "basePlanId")]
    pub base_plan_id: Option<String>,
    #[serde(default, alias = "planIds")]
    pub plan_ids: Option<Vec<String>>,
    #[serde(default, alias = "planVersionIds")]
    pub plan_version_ids: Option<Vec<String>>,
    #[serde(default, alias = "billingProductIds")]
    pub billing_product_ids: Option<Vec<String>>,
    #[serde(default, alias = "creditBalances")]
    pub credit_balances: Option<BTreeMap<String, f64>>,
    #[serde(default)]
    pub entitlements: Option<Vec<FeatureEntitlement>>,
    #[serde(default)]
    pub keys: Option<BTreeMap<String, String>>,
    #[serde(default)]
    pub metrics: Option<Vec<CompanyMetric>>,
    #[serde(default)]
    pub rules: Option<Vec<Rule>>,
    #[serde(default)]
    pub subscription: Option<Subscription>,
    #[serde(default)]
    pub traits: Option<Vec<Trait>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct User {
    pub id: String,
    #[serde(alias = "accountId")]
    pub account_id: String,
    #[serde(alias = "environmentId")]
    pub environment_id: String,
    #[serde(default)]
    pub keys: Option<BTreeMap<String, String>>,
    #[serde(default)]
    pub traits: Option<Vec<Trait>>,
    #[serde(default)]
    pub rules: Option<Vec<Rule>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CompanyMetric {
    #[serde(alias = "accountId")]
    pub account_id: String,
    #[serde(alias = "environmentId")]
    pub environment_id: String,
    #[serde(alias = "companyId")]
    pub company_id: String,
    #[serde(alias = "eventSubtype")]
    pub event_subtype: String,
    pub period: MetricPeriod,
    #[serde(alias = "monthReset")]
    pub month_reset: MonthReset,
    pub value: i64,
    #[serde(alias = "createdAt")]
    pub created_at: Timestamp,
    #[serde(default, alias = "validUntil")]
    pub valid_until: Option<Timestamp>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Subscription {
    pub id: String,
    #[serde(alias = "periodStart")]
    pub period_start: Timestamp,
    #[serde(alias = "periodEnd")]
    pub period_end: Timestamp,
}

/// Company-level entitlement summary. Never evaluated, only echoed back in
/// the result (§5.3), in camelCase and without its null members.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct FeatureEntitlement {
    #[serde(rename(serialize = "featureId"), alias = "featureId")]
    pub feature_id: String,
    #[serde(rename(serialize = "featureKey"), alias = "featureKey")]
    pub feature_key: String,
    #[serde(rename(serialize = "valueType"), alias = "valueType")]
    pub value_type: EntitlementValueType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocation: Option<i64>,
    #[serde(
        default,
        rename(serialize = "softLimit"),
        alias = "softLimit",
        skip_serializing_if = "Option::is_none"
    )]
    pub soft_limit: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<i64>,
    #[serde(
        default,
        rename(serialize = "eventName"),
        alias = "eventName",
        skip_serializing_if = "Option::is_none"
    )]
    pub event_name: Option<String>,
    #[serde(
        default,
        rename(serialize = "eventSubtype"),
        alias = "eventSubtype",
        skip_serializing_if = "Option::is_none"
    )]
    pub event_subtype: Option<String>,
    #[serde(
        default,
        rename(serialize = "metricPeriod"),
        alias = "metricPeriod",
        skip_serializing_if = "Option::is_none"
    )]
    pub metric_period: Option<MetricPeriod>,
    #[serde(
        default,
        rename(serialize = "monthReset"),
        alias = "monthReset",
        skip_serializing_if = "Option::is_none"
    )]
    pub month_reset: Option<MonthReset>,
    #[serde(
        default,
        rename(serialize = "metricResetAt"),
        alias = "metricResetAt",
        skip_serializing_if = "Option::is_none"
    )]
    pub metric_reset_at: Option<Timestamp>,
    #[serde(
        default,
        rename(serialize = "creditId"),
        alias = "creditId",
        skip_serializing_if = "Option::is_none"
    )]
    pub credit_id: Option<String>,
    #[serde(
        default,
        rename(serialize = "creditTotal"),
        alias = "creditTotal",
        skip_serializing_if = "Option::is_none"
    )]
    pub credit_total: Option<f64>,
    #[serde(
        default,
        rename(serialize = "creditUsed"),
        alias = "creditUsed",
        skip_serializing_if = "Option::is_none"
    )]
    pub credit_used: Option<f64>,
    #[serde(
        default,
        rename(serialize = "creditRemaining"),
        alias = "creditRemaining",
        skip_serializing_if = "Option::is_none"
    )]
    pub credit_remaining: Option<f64>,
    #[serde(
        default,
        rename(serialize = "creditReserved"),
        alias = "creditReserved",
        skip_serializing_if = "Option::is_none"
    )]
    pub credit_reserved: Option<f64>,
    #[serde(
        default,
        rename(serialize = "creditSettled"),
        alias = "creditSettled",
        skip_serializing_if = "Option::is_none"
    )]
    pub credit_settled: Option<f64>,
    #[serde(
        default,
        rename(serialize = "consumptionRate"),
        alias = "consumptionRate",
        skip_serializing_if = "Option::is_none"
    )]
    pub consumption_rate: Option<f64>,
    #[serde(
        default,
        rename(serialize = "warningTiers"),
        alias = "warningTiers",
        skip_serializing_if = "Option::is_none"
    )]
    pub warning_tiers: Option<Vec<WarningTier>>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct WarningTier {
    pub key: String,
    pub value: i64,
}

// ---------------------------------------------------------------------------
// Preflight options and the input envelope
// ---------------------------------------------------------------------------

/// Preflight options (§7). Members are snake_case only (camelCase spellings
/// are unknown fields and therefore ignored). `usage: null` and
/// `event_usage: null` read as absent; `credit_cost: null` or a `null` cost
/// value is rejected.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CheckOptions {
    #[serde(default)]
    pub usage: Option<i64>,
    #[serde(default)]
    pub event_usage: Option<EventUsage>,
    #[serde(default, deserialize_with = "non_null_credit_cost")]
    pub credit_cost: Option<BTreeMap<String, f64>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EventUsage {
    pub event_subtype: String,
    pub quantity: i64,
}

/// Called only when the member is present: an explicit `null` is an error.
fn non_null_credit_cost<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<BTreeMap<String, f64>>, D::Error> {
    let v: Option<BTreeMap<String, f64>> = Option::deserialize(d)?;
    match v {
        Some(m) => Ok(Some(m)),
        None => Err(D::Error::custom("credit_cost must not be null")),
    }
}

/// `{"flag": ..., "company": ..., "user": ..., "options": ...}` (§11.2).
#[derive(Debug, Clone, Deserialize)]
pub struct Envelope {
    pub flag: Flag,
    #[serde(default)]
    pub company: Option<Company>,
    #[serde(default)]
    pub user: Option<User>,
    #[serde(default)]
    pub options: Option<CheckOptions>,
}
