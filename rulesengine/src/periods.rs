//! Metric periods: current-period start and next reset (rules-engine.md §9).
//! All calendar arithmetic is UTC; weeks start on Sunday 00:00.

use crate::model::{MetricPeriod, MonthReset, Subscription};
use crate::time::{
    days_in_month, first_of_next_month, secs_from_civil, weekday_from_days, Instant, SECS_PER_DAY,
};

fn midnight_of_day(days: i64) -> Instant {
    Instant::from_secs(days * SECS_PER_DAY)
}

fn today(now: Instant) -> i64 {
    now.secs.div_euclid(SECS_PER_DAY)
}

/// Next reset of a calendar period: `current_day` → tomorrow 00:00,
/// `current_week` → next Sunday 00:00 (a week later on a Sunday),
/// `current_month` → the 1st of next month; `all_time` → none.
pub fn next_calendar_reset(period: MetricPeriod, now: Instant) -> Option<Instant> {
    let day = today(now);
    match period {
        MetricPeriod::AllTime => None,
        MetricPeriod::CurrentDay => Some(midnight_of_day(day + 1)),
        MetricPeriod::CurrentWeek => {
            let wd = weekday_from_days(day) as i64; // 0 = Sunday
            Some(midnight_of_day(day + 7 - wd))
        }
        MetricPeriod::CurrentMonth => {
            let c = now.civil();
            Some(first_of_next_month(c.year, c.month))
        }
    }
}

/// Start of the current calendar period (§9.1); `all_time` → none.
pub fn current_calendar_start(period: MetricPeriod, now: Instant) -> Option<Instant> {
    let day = today(now);
    match period {
        MetricPeriod::AllTime => None,
        MetricPeriod::CurrentDay => Some(midnight_of_day(day)),
        MetricPeriod::CurrentWeek => {
            let wd = weekday_from_days(day) as i64;
            Some(midnight_of_day(day - wd))
        }
        MetricPeriod::CurrentMonth => {
            let c = now.civil();
            Some(Instant::from_secs(secs_from_civil(
                c.year, c.month, 1, 0, 0, 0,
            )))
        }
    }
}

/// Add `months` (±) to a year/month pair.
fn shift_month(year: i64, month: u32, months: i64) -> (i64, u32) {
    let idx = year * 12 + (month as i64 - 1) + months;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

/// The subscription's day-of-month and time-of-day (whole seconds) placed in
/// the month of `now`; `None` when that day does not exist in this month.
fn anchor_in_current_month(sub: &Subscription, now: Instant) -> Option<(i64, u32, Instant)> {
    let n = now.civil();
    let s = sub.period_start.instant.civil();
    if s.day > days_in_month(n.year, n.month) {
        return None;
    }
    let r = secs_from_civil(n.year, n.month, s.day, s.hour, s.minute, s.second);
    Some((n.year, n.month, Instant::from_secs(r)))
}

/// The same day/time `months` later or earlier, with the day clamped to the
/// length of the target month (Jan 31 + 1 month → Feb 28/29).
fn add_months_clamped(sub: &Subscription, year: i64, month: u32, months: i64) -> Instant {
    let s = sub.period_start.instant.civil();
    let (y, m) = shift_month(year, month, months);
    let day = s.day.min(days_in_month(y, m));
    Instant::from_secs(secs_from_civil(y, m, day, s.hour, s.minute, s.second))
}

/// Next reset of a `current_month` metric with `billing_cycle` reset (§9.2
/// "billing rule").
pub fn next_billing_reset(sub: Option<&Subscription>, now: Instant) -> Option<Instant> {
    let n = now.civil();
    let next_month = first_of_next_month(n.year, n.month);
    let sub = match sub {
        None => return Some(next_month),
        Some(s) => s,
    };
    let start = sub.period_start.instant;
    if start > now {
        return Some(start.min(next_month));
    }
    let (y, m, mut reset) = anchor_in_current_month(sub, now)?;
    if reset <= now {
        reset = add_months_clamped(sub, y, m, 1);
    }
    let end = sub.period_end.instant;
    if reset > end {
        Some(end)
    } else {
        Some(reset)
    }
}

/// Start of the current `current_month`/`billing_cycle` period (§9.1).
/// `None` when the subscription's day does not exist in this month.
pub fn current_billing_start(sub: Option<&Subscription>, now: Instant) -> Option<Instant> {
    let n = now.civil();
    let first = Instant::from_secs(secs_from_civil(n.year, n.month, 1, 0, 0, 0));
    let sub = match sub {
        None => return Some(first),
        Some(s) => s,
    };
    let start = sub.period_start.instant;
    if start > now {
        return Some(first);
    }
    let (y, m, mut anchor) = anchor_in_current_month(sub, now)?;
    if anchor > now {
        anchor = add_months_clamped(sub, y, m, -1);
    }
    if anchor < start {
        anchor = start;
    }
    Some(anchor)
}

/// `feature_usage_reset_at` for a metric usage condition (§9.2).
pub fn next_reset(
    period: Option<MetricPeriod>,
    month_reset: Option<MonthReset>,
    sub: Option<&Subscription>,
    now: Instant,
) -> Option<Instant> {
    let period = period.unwrap_or(MetricPeriod::AllTime);
    if period == MetricPeriod::CurrentMonth && month_reset == Some(MonthReset::BillingCycle) {
        return next_billing_reset(sub, now);
    }
    next_calendar_reset(period, now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{parse_rfc3339, Timestamp};

    fn t(s: &str) -> Instant {
        parse_rfc3339(s).unwrap()
    }

    fn sub(start: &str, end: &str) -> Subscription {
        Subscription {
            id: "bilsub".into(),
            period_start: Timestamp {
                instant: t(start),
                raw: start.into(),
            },
            period_end: Timestamp {
                instant: t(end),
                raw: end.into(),
            },
        }
    }

    fn fmt(i: Option<Instant>) -> Option<String> {
        i.map(|i| i.to_rfc3339())
    }

    #[test]
    fn calendar_resets() {
        let now = t("2026-03-18T15:30:00Z"); // Wednesday
        assert_eq!(next_calendar_reset(MetricPeriod::AllTime, now), None);
        assert_eq!(
            next_calendar_reset(MetricPeriod::CurrentDay, now),
            Some(t("2026-03-19T00:00:00Z"))
        );
        assert_eq!(
            next_calendar_reset(MetricPeriod::CurrentWeek, now),
            Some(t("2026-03-22T00:00:00Z"))
        );
        assert_eq!(
            next_calendar_reset(MetricPeriod::CurrentMonth, now),
            Some(t("2026-04-01T00:00:00Z"))
        );
        // Sunday: a week later
        let sunday = t("2026-03-22T00:00:00Z");
        assert_eq!(
            next_calendar_reset(MetricPeriod::CurrentWeek, sunday),
            Some(t("2026-03-29T00:00:00Z"))
        );
        // Saturday late evening
        assert_eq!(
            next_calendar_reset(MetricPeriod::CurrentWeek, t("2026-03-21T23:59:59Z")),
            Some(t("2026-03-22T00:00:00Z"))
        );
        // December rolls the year; midnight goes to the next day
        assert_eq!(
            next_calendar_reset(MetricPeriod::CurrentMonth, t("2026-12-31T23:00:00Z")),
            Some(t("2027-01-01T00:00:00Z"))
        );
        assert_eq!(
            next_calendar_reset(MetricPeriod::CurrentDay, t("2026-03-18T00:00:00Z")),
            Some(t("2026-03-19T00:00:00Z"))
        );
    }

    #[test]
    fn calendar_starts() {
        let now = t("2026-03-18T15:30:00Z");
        assert_eq!(current_calendar_start(MetricPeriod::AllTime, now), None);
        assert_eq!(
            current_calendar_start(MetricPeriod::CurrentDay, now),
            Some(t("2026-03-18T00:00:00Z"))
        );
        assert_eq!(
            current_calendar_start(MetricPeriod::CurrentWeek, now),
            Some(t("2026-03-15T00:00:00Z"))
        );
        assert_eq!(
            current_calendar_start(MetricPeriod::CurrentMonth, now),
            Some(t("2026-03-01T00:00:00Z"))
        );
        let sunday = t("2026-03-22T10:00:00Z");
        assert_eq!(
            current_calendar_start(MetricPeriod::CurrentWeek, sunday),
            Some(t("2026-03-22T00:00:00Z"))
        );
    }

    #[test]
    fn billing_resets() {
        let now = t("2026-03-18T15:30:00Z");
        // no subscription → first of next month
        assert_eq!(
            next_billing_reset(None, now),
            Some(t("2026-04-01T00:00:00Z"))
        );
        // anchor still ahead this month
        let s = sub("2025-11-20T09:00:00Z", "2026-11-20T09:00:00Z");
        assert_eq!(
            next_billing_reset(Some(&s), now),
            Some(t("2026-03-20T09:00:00Z"))
        );
        // anchor passed → next month
        let s = sub("2026-01-05T12:00:00Z", "2027-01-05T12:00:00Z");
        assert_eq!(
            next_billing_reset(Some(&s), now),
            Some(t("2026-04-05T12:00:00Z"))
        );
        // equal to now counts as passed
        let s = sub("2026-01-18T15:30:00Z", "2027-01-01T00:00:00Z");
        assert_eq!(
            next_billing_reset(Some(&s), now),
            Some(t("2026-04-18T15:30:00Z"))
        );
        // capped by period_end, even in the past
        let s = sub("2026-01-05T12:00:00Z", "2026-03-01T00:00:00Z");
        assert_eq!(
            next_billing_reset(Some(&s), now),
            Some(t("2026-03-01T00:00:00Z"))
        );
        // start in the future: earlier of start and first of next month
        let s = sub("2026-03-25T15:30:00Z", "2026-04-25T15:30:00Z");
        assert_eq!(
            next_billing_reset(Some(&s), now),
            Some(t("2026-03-25T15:30:00Z"))
        );
        let s = sub("2026-05-25T15:30:00Z", "2026-06-25T15:30:00Z");
        assert_eq!(
            next_billing_reset(Some(&s), now),
            Some(t("2026-04-01T00:00:00Z"))
        );
        // day 31 missing in April → none
        let s = sub("2026-01-31T00:00:00Z", "2027-01-31T00:00:00Z");
        assert_eq!(
            next_billing_reset(Some(&s), t("2026-04-10T00:00:00Z")),
            None
        );
        // Jan 31 passed → Feb 28 (clamped)
        assert_eq!(
            fmt(next_billing_reset(Some(&s), t("2026-01-31T12:00:00Z"))),
            Some("2026-02-28T00:00:00+00:00".into())
        );
        // day 31 in a 31-day month still ahead
        assert_eq!(
            next_billing_reset(Some(&s), t("2026-01-10T00:00:00Z")),
            Some(t("2026-01-31T00:00:00Z"))
        );
        // whole seconds only
        let s = sub("2026-01-20T09:00:00.750Z", "2027-01-01T00:00:00Z");
        assert_eq!(
            fmt(next_billing_reset(Some(&s), now)),
            Some("2026-03-20T09:00:00+00:00".into())
        );
        // December → January of next year
        let s = sub("2026-01-10T00:00:00Z", "2028-01-01T00:00:00Z");
        assert_eq!(
            next_billing_reset(Some(&s), t("2026-12-20T00:00:00Z")),
            Some(t("2027-01-10T00:00:00Z"))
        );
    }

    #[test]
    fn billing_starts() {
        let now = t("2026-03-18T15:30:00Z");
        assert_eq!(
            current_billing_start(None, now),
            Some(t("2026-03-01T00:00:00Z"))
        );
        let s = sub("2025-11-20T09:00:00Z", "2026-11-20T09:00:00Z");
        assert_eq!(
            current_billing_start(Some(&s), now),
            Some(t("2026-02-20T09:00:00Z"))
        );
        let s = sub("2026-01-05T12:00:00Z", "2027-01-05T12:00:00Z");
        assert_eq!(
            current_billing_start(Some(&s), now),
            Some(t("2026-03-05T12:00:00Z"))
        );
        let s = sub("2026-03-10T00:00:00Z", "2027-01-05T12:00:00Z");
        assert_eq!(
            current_billing_start(Some(&s), now),
            Some(t("2026-03-10T00:00:00Z"))
        );
        let s = sub("2026-03-20T00:00:00Z", "2027-01-05T12:00:00Z");
        assert_eq!(
            current_billing_start(Some(&s), now),
            Some(t("2026-03-01T00:00:00Z"))
        );
    }

    #[test]
    fn next_reset_dispatch() {
        let now = t("2026-03-18T15:30:00Z");
        let s = sub("2026-01-05T12:00:00Z", "2027-01-05T12:00:00Z");
        assert_eq!(next_reset(None, None, Some(&s), now), None);
        assert_eq!(
            next_reset(
                Some(MetricPeriod::AllTime),
                Some(MonthReset::BillingCycle),
                Some(&s),
                now
            ),
            None
        );
        assert_eq!(
            next_reset(
                Some(MetricPeriod::CurrentMonth),
                Some(MonthReset::BillingCycle),
                Some(&s),
                now
            ),
            Some(t("2026-04-05T12:00:00Z"))
        );
        assert_eq!(
            next_reset(Some(MetricPeriod::CurrentMonth), None, Some(&s), now),
            Some(t("2026-04-01T00:00:00Z"))
        );
        assert_eq!(
            next_reset(
                Some(MetricPeriod::CurrentDay),
                Some(MonthReset::BillingCycle),
                Some(&s),
                now
            ),
            Some(t("2026-03-19T00:00:00Z"))
        );
    }
}
