//! Credit conditions and preflight validation (rules-engine.md §6.4, §7).

use crate::model::{map_get, CheckOptions, Company, Condition};

pub const ERR_NEGATIVE_USAGE: &str = "preflight usage cannot be negative";
pub const ERR_NEGATIVE_CREDIT_COST: &str = "preflight credit cost cannot be negative";

/// Validate preflight options (§7.1), in the documented order.
pub fn validate_options(options: Option<&CheckOptions>) -> Result<(), &'static str> {
    let o = match options {
        None => return Ok(()),
        Some(o) => o,
    };
    if matches!(o.usage, Some(u) if u < 0) {
        return Err(ERR_NEGATIVE_USAGE);
    }
    if matches!(&o.event_usage, Some(e) if e.quantity < 0) {
        return Err(ERR_NEGATIVE_USAGE);
    }
    if let Some(costs) = &o.credit_cost {
        if costs.iter().any(|(_, c)| *c < 0.0) {
            return Err(ERR_NEGATIVE_CREDIT_COST);
        }
    }
    Ok(())
}

/// Evaluate a `credit` condition. The operator is ignored; a missing company
/// or `credit_id` makes it false.
pub fn credit_condition(
    cond: &Condition,
    company: Option<&Company>,
    options: Option<&CheckOptions>,
) -> bool {
    let (company, credit_id) = match (company, cond.credit_id.as_ref()) {
        (Some(c), Some(id)) => (c, id),
        _ => return false,
    };
    let rate = cond.consumption_rate.unwrap_or(1.0);
    let balance = company
        .credit_balances
        .as_ref()
        .and_then(|b| map_get(b, credit_id))
        .copied()
        .unwrap_or(0.0);

    if let Some(o) = options {
        // 1. an explicit cost for this credit replaces the whole test
        if let Some(cost) = o.credit_cost.as_ref().and_then(|m| map_get(m, credit_id)) {
            return balance >= *cost;
        }
        // 2. event usage for this condition's subtype
        if let Some(eu) = &o.event_usage {
            if cond.event_subtype.as_deref() == Some(&*eu.event_subtype) && eu.quantity > 0 {
                return balance >= eu.quantity as f64 * rate;
            }
        }
        // 3. plain usage
        if let Some(u) = o.usage {
            if u > 0 {
                return balance >= u as f64 * rate;
            }
        }
    }
    // 4. enough for one unit
    balance >= rate
}
