//! The check result (rules-engine.md §2.3) and its camelCase JSON form
//! (datastream.md §6.5).

use serde::Serialize;

use crate::model::{FeatureEntitlement, MetricPeriod, RuleType};

pub const REASON_NO_RULES_MATCHED: &str = "No rules matched; default value for flag";
pub const REASON_FLAG_NOT_FOUND: &str = "Flag not found";

/// `Matched <display> rule "<name>" (<id>)`, display = rule type with `_`
/// replaced by spaces.
pub fn matched_reason(rule_type: RuleType, name: &str, id: &str) -> String {
    format!(
        "Matched {} rule \"{}\" ({})",
        rule_type.as_str().replace('_', " "),
        name,
        id
    )
}

/// Field order follows the official engine's output. Every member is always
/// written (null when empty) except `err`, written only when set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckResult {
    pub value: bool,
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub err: Option<String>,
    #[serde(rename = "ruleId")]
    pub rule_id: Option<String>,
    #[serde(rename = "ruleType")]
    pub rule_type: Option<RuleType>,
    #[serde(rename = "companyId")]
    pub company_id: Option<String>,
    #[serde(rename = "userId")]
    pub user_id: Option<String>,
    pub entitlement: Option<FeatureEntitlement>,
    #[serde(rename = "flagId")]
    pub flag_id: String,
    #[serde(rename = "flagKey")]
    pub flag_key: String,
    #[serde(rename = "featureAllocation")]
    pub feature_allocation: Option<i64>,
    #[serde(rename = "featureUsage")]
    pub feature_usage: Option<i64>,
    #[serde(rename = "featureUsageEvent")]
    pub feature_usage_event: Option<String>,
    #[serde(rename = "featureUsagePeriod")]
    pub feature_usage_period: Option<MetricPeriod>,
    /// RFC 3339 with a `+00:00` offset.
    #[serde(rename = "featureUsageResetAt")]
    pub feature_usage_reset_at: Option<String>,
}

impl CheckResult {
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}
