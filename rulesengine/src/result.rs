//! The check result (rules-engine.md §2.3) and its camelCase JSON form
//! (datastream.md §6.5), written straight into a byte buffer.

use crate::json::{write_escaped, write_f64, write_i64, write_str};
use crate::model::{FeatureEntitlement, MetricPeriod, Rule, RuleType};
use crate::time::Instant;

pub const REASON_NO_RULES_MATCHED: &str = "No rules matched; default value for flag";
pub const REASON_FLAG_NOT_FOUND: &str = "Flag not found";

/// Why the result has its value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reason<'r> {
    NoRulesMatched,
    FlagNotFound,
    /// Rule type, name and id: `Matched <display> rule "<name>" (<id>)`.
    Matched(RuleType, &'r str, &'r str),
}

/// The result; strings borrow from the parsed input. Field order follows
/// the official engine's output. Every member is always written (null when
/// empty) except `err`, written only when set.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckResult<'r> {
    pub value: bool,
    pub reason: Reason<'r>,
    pub err: Option<&'static str>,
    pub rule_id: Option<&'r str>,
    pub rule_type: Option<RuleType>,
    pub company_id: Option<&'r str>,
    pub user_id: Option<&'r str>,
    pub entitlement: Option<&'r FeatureEntitlement<'r>>,
    pub flag_id: &'r str,
    pub flag_key: &'r str,
    pub feature_allocation: Option<i64>,
    pub feature_usage: Option<i64>,
    pub feature_usage_event: Option<&'r str>,
    pub feature_usage_period: Option<MetricPeriod>,
    /// Written as RFC 3339 with a `+00:00` offset.
    pub feature_usage_reset_at: Option<Instant>,
}

impl<'r> CheckResult<'r> {
    /// The rule this result matched, if any.
    pub fn matched(&mut self, rule: &'r Rule<'r>) {
        self.value = rule.value;
        self.reason = Reason::Matched(rule.rule_type, &rule.name, &rule.id);
        self.rule_id = Some(&rule.id);
        self.rule_type = Some(rule.rule_type);
    }

    pub fn to_json(&self) -> String {
        let mut out = Vec::with_capacity(512);
        self.write_json(&mut out);
        // Only UTF-8 strings and ASCII are written.
        String::from_utf8(out).unwrap_or_default()
    }

    /// Append the camelCase JSON of the result to `out`.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        out.reserve(1024);
        raw(
            out,
            if self.value {
                b"{\"value\":true,\"reason\":"
            } else {
                b"{\"value\":false,\"reason\":"
            },
        );
        match self.reason {
            Reason::NoRulesMatched => write_str(out, REASON_NO_RULES_MATCHED),
            Reason::FlagNotFound => write_str(out, REASON_FLAG_NOT_FOUND),
            Reason::Matched(t, name, id) => {
                raw(out, b"\"Matched ");
                raw(out, t.display().as_bytes());
                raw(out, b" rule \\\"");
                write_escaped(out, name);
                raw(out, b"\\\" (");
                write_escaped(out, id);
                raw(out, b")\"");
            }
        }
        if let Some(err) = self.err {
            raw(out, b",\"err\":");
            write_str(out, err);
        }
        raw(out, b",\"ruleId\":");
        opt_str(out, self.rule_id);
        raw(out, b",\"ruleType\":");
        opt_str(out, self.rule_type.map(RuleType::as_str));
        raw(out, b",\"companyId\":");
        opt_str(out, self.company_id);
        raw(out, b",\"userId\":");
        opt_str(out, self.user_id);
        raw(out, b",\"entitlement\":");
        match self.entitlement {
            Some(e) => write_entitlement(out, e),
            None => raw(out, b"null"),
        }
        raw(out, b",\"flagId\":");
        write_str(out, self.flag_id);
        raw(out, b",\"flagKey\":");
        write_str(out, self.flag_key);
        raw(out, b",\"featureAllocation\":");
        opt_i64(out, self.feature_allocation);
        raw(out, b",\"featureUsage\":");
        opt_i64(out, self.feature_usage);
        raw(out, b",\"featureUsageEvent\":");
        opt_str(out, self.feature_usage_event);
        raw(out, b",\"featureUsagePeriod\":");
        opt_str(out, self.feature_usage_period.map(MetricPeriod::as_str));
        raw(out, b",\"featureUsageResetAt\":");
        match self.feature_usage_reset_at {
            Some(t) => {
                out.push(b'"');
                t.write_rfc3339(out);
                out.push(b'"');
            }
            None => raw(out, b"null"),
        }
        out.push(b'}');
    }
}

/// Append literal bytes (kept out of line: one small call instead of an
/// inlined capacity check and copy at every use).
#[inline(never)]
fn raw(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(bytes);
}

#[inline(never)]
fn opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => write_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

#[inline(never)]
fn opt_i64(out: &mut Vec<u8>, v: Option<i64>) {
    match v {
        Some(v) => write_i64(out, v),
        None => out.extend_from_slice(b"null"),
    }
}

/// The entitlement in camelCase without its `None` members (field order of
/// the official engine).
#[inline(never)]
fn write_entitlement(out: &mut Vec<u8>, e: &FeatureEntitlement) {
    raw(out, b"{\"featureId\":");
    write_str(out, &e.feature_id);
    raw(out, b",\"featureKey\":");
    write_str(out, &e.feature_key);
    raw(out, b",\"valueType\":");
    write_str(out, e.value_type.as_str());
    let int = |out: &mut Vec<u8>, k: &[u8], v: Option<i64>| {
        if let Some(v) = v {
            raw(out, k);
            write_i64(out, v);
        }
    };
    let string = |out: &mut Vec<u8>, k: &[u8], v: Option<&str>| {
        if let Some(v) = v {
            raw(out, k);
            write_str(out, v);
        }
    };
    let float = |out: &mut Vec<u8>, k: &[u8], v: Option<f64>| {
        if let Some(v) = v {
            raw(out, k);
            write_f64(out, v);
        }
    };
    int(out, b",\"allocation\":", e.allocation);
    int(out, b",\"softLimit\":", e.soft_limit);
    int(out, b",\"usage\":", e.usage);
    string(out, b",\"eventName\":", e.event_name.as_deref());
    string(out, b",\"eventSubtype\":", e.event_subtype.as_deref());
    string(
        out,
        b",\"metricPeriod\":",
        e.metric_period.map(MetricPeriod::as_str),
    );
    string(out, b",\"monthReset\":", e.month_reset.map(|m| m.as_str()));
    string(out, b",\"metricResetAt\":", e.metric_reset_at.as_deref());
    string(out, b",\"creditId\":", e.credit_id.as_deref());
    float(out, b",\"creditTotal\":", e.credit_total);
    float(out, b",\"creditUsed\":", e.credit_used);
    float(out, b",\"creditRemaining\":", e.credit_remaining);
    float(out, b",\"creditReserved\":", e.credit_reserved);
    float(out, b",\"creditSettled\":", e.credit_settled);
    float(out, b",\"consumptionRate\":", e.consumption_rate);
    // Omitted when null and when empty, like the other empty members of the
    // official output (Go's `omitempty` on a slice).
    if let Some(tiers) = e.warning_tiers.as_deref().filter(|t| !t.is_empty()) {
        raw(out, b",\"warningTiers\":[");
        for (i, t) in tiers.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            raw(out, b"{\"key\":");
            write_str(out, &t.key);
            raw(out, b",\"value\":");
            write_i64(out, t.value);
            out.push(b'}');
        }
        out.push(b']');
    }
    out.push(b'}');
}
