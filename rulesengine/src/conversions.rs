//! Type conversion and comparison of trait values (rules-engine.md §8).

use crate::model::{ComparableType, Operator};
use crate::time::{
    days_from_civil, make_instant, parse_rfc3339, valid_fields, weekday_from_days, Instant, Scanner,
};
use std::cmp::Ordering;

/// Compare `left OP right` after converting both sides to `ty`.
pub fn compare(ty: ComparableType, left: &str, op: Operator, right: &str) -> bool {
    match ty {
        ComparableType::String => compare_strings(left, op, right),
        ComparableType::Int => compare_numbers(parse_number(left), op, parse_number(right)),
        ComparableType::Bool => compare_bools(parse_bool(left), op, parse_bool(right)),
        ComparableType::Date => compare_dates(parse_date(left), op, parse_date(right)),
    }
}

/// Apply an ordering-style operator to an `Ordering` (`left` vs `right`).
fn ordering_op(ord: Ordering, op: Operator) -> bool {
    match op {
        Operator::Eq => ord == Ordering::Equal,
        Operator::Ne => ord != Ordering::Equal,
        Operator::Gt => ord == Ordering::Greater,
        Operator::Lt => ord == Ordering::Less,
        Operator::Gte => ord != Ordering::Less,
        Operator::Lte => ord != Ordering::Greater,
        _ => false,
    }
}

// ---------------------------------------------------------------------------
// §8.1 string
// ---------------------------------------------------------------------------

/// Byte-wise lexicographic comparison.
pub fn compare_strings(left: &str, op: Operator, right: &str) -> bool {
    match op {
        Operator::IsEmpty => left.is_empty(),
        Operator::NotEmpty => !left.is_empty(),
        _ => ordering_op(left.as_bytes().cmp(right.as_bytes()), op),
    }
}

// ---------------------------------------------------------------------------
// §8.2 int (and §8.5 strict integers)
// ---------------------------------------------------------------------------

/// A trait value read as a number: an exact integer, or a finite double.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    Int(i64),
    Float(f64),
}

impl Number {
    fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Float(f) => f,
        }
    }

    fn cmp(self, other: Number) -> Ordering {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => a.cmp(&b),
            (a, b) => a
                .as_f64()
                .partial_cmp(&b.as_f64())
                .unwrap_or(Ordering::Equal),
        }
    }
}

/// Base-10 signed 64-bit integer (optional sign, digits only), else 0.
pub fn parse_strict_int(s: &str) -> i64 {
    read_strict_int(s).unwrap_or(0)
}

/// §8.5 without the 0 default: `None` when `s` is not a base-10 signed
/// 64-bit integer.
pub fn read_strict_int(s: &str) -> Option<i64> {
    s.parse::<i64>().ok()
}

/// Integer first, then a finite decimal floating-point literal, else 0.
pub fn parse_number(s: &str) -> Number {
    if let Ok(i) = s.parse::<i64>() {
        return Number::Int(i);
    }
    // Rust's float grammar is decimal digits with optional fraction and
    // exponent, plus inf/infinity/nan words which `is_finite` excludes.
    match s.parse::<f64>() {
        Ok(f) if f.is_finite() => Number::Float(f),
        _ => Number::Int(0),
    }
}

pub fn compare_numbers(left: Number, op: Operator, right: Number) -> bool {
    match op {
        Operator::IsEmpty => left.cmp(Number::Int(0)) == Ordering::Equal,
        Operator::NotEmpty => left.cmp(Number::Int(0)) == Ordering::Greater,
        _ => ordering_op(left.cmp(right), op),
    }
}

/// Integer comparison used by metric conditions (§6.5).
pub fn compare_ints(left: i64, op: Operator, right: i64) -> bool {
    compare_numbers(Number::Int(left), op, Number::Int(right))
}

// ---------------------------------------------------------------------------
// §8.3 bool
// ---------------------------------------------------------------------------

/// `"true"` and `"1"` are true; anything else is false.
pub fn parse_bool(s: &str) -> bool {
    s == "true" || s == "1"
}

pub fn compare_bools(left: bool, op: Operator, right: bool) -> bool {
    match op {
        Operator::Eq => left == right,
        Operator::Ne => left != right,
        Operator::IsEmpty => false,
        Operator::NotEmpty => true,
        _ => false,
    }
}

// ---------------------------------------------------------------------------
// §8.4 date
// ---------------------------------------------------------------------------

/// Compare two possibly-absent dates (table in §8.4). Absent values behave
/// like a value smaller than every present one, and two absent values are
/// equal; `is_empty`/`not_empty` look at the left side only.
pub fn compare_dates(left: Option<Instant>, op: Operator, right: Option<Instant>) -> bool {
    match op {
        Operator::IsEmpty => left.is_none(),
        Operator::NotEmpty => left.is_some(),
        // Option's ordering puts None before Some, matching the table.
        _ => ordering_op(left.cmp(&right), op),
    }
}

/// Parse a date trait value into an instant; `None` is "absent".
pub fn parse_date(s: &str) -> Option<Instant> {
    parse_rfc3339(s)
        .or_else(|| parse_space_form(s))
        .or_else(|| parse_js_form(s))
}

/// After a date-time: optional whitespace then at most one token without
/// whitespace, which is ignored; nothing may follow it.
fn skip_one_token(sc: &mut Scanner) -> bool {
    while matches!(sc.peek(), Some(b) if b.is_ascii_whitespace()) {
        sc.pos += 1;
    }
    while matches!(sc.peek(), Some(b) if !b.is_ascii_whitespace()) {
        sc.pos += 1;
    }
    sc.at_end()
}

/// Parse `H:M:S` with one or two digits per field.
fn parse_hms(sc: &mut Scanner) -> Option<(u32, u32, u32)> {
    let h = sc.digits(1, 2)?;
    if !sc.eat(b':') {
        return None;
    }
    let m = sc.digits(1, 2)?;
    if !sc.eat(b':') {
        return None;
    }
    let s = sc.digits(1, 2)?;
    Some((h, m, s))
}

/// `YYYY-M(M)-D(D) H(H):M(M):S(S)` read as UTC, optionally followed (directly
/// or after whitespace) by one skipped token.
fn parse_space_form(s: &str) -> Option<Instant> {
    let mut sc = Scanner::new(s);
    let y = sc.digits(4, 4)? as i64;
    if !sc.eat(b'-') {
        return None;
    }
    let mo = sc.digits(1, 2)?;
    if !sc.eat(b'-') {
        return None;
    }
    let d = sc.digits(1, 2)?;
    if !sc.eat(b' ') {
        return None;
    }
    let (h, mi, sec) = parse_hms(&mut sc)?;
    if !skip_one_token(&mut sc) || !valid_fields(y, mo, d, h, mi, sec) {
        return None;
    }
    Some(make_instant(y, mo, d, h, mi, sec, 0, 0))
}

const WEEKDAYS: [&str; 7] = [
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
];
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Match a three-letter abbreviation (case-insensitive), optionally spelled
/// out in full, against `names`; returns the index.
fn parse_name(sc: &mut Scanner, names: &[&str]) -> Option<usize> {
    let rest = sc.rest();
    if rest.len() < 3 {
        return None;
    }
    for (i, name) in names.iter().enumerate() {
        let nb = name.as_bytes();
        if rest[..3].eq_ignore_ascii_case(&nb[..3]) {
            sc.pos += 3;
            let tail = &nb[3..];
            let r = sc.rest();
            if !tail.is_empty()
                && r.len() >= tail.len()
                && r[..tail.len()].eq_ignore_ascii_case(tail)
            {
                sc.pos += tail.len();
            }
            return Some(i);
        }
    }
    None
}

/// `Www Mmm D(D) YYYY H(H):M(M):S(S)` optionally followed by ` GMT±hhmm`
/// (offset applied) or by one other token (skipped, UTC). The weekday must
/// be the real weekday of the date.
fn parse_js_form(s: &str) -> Option<Instant> {
    let mut sc = Scanner::new(s);
    let wd = parse_name(&mut sc, &WEEKDAYS)? as u32;
    if !sc.eat(b' ') {
        return None;
    }
    let mo = parse_name(&mut sc, &MONTHS)? as u32 + 1;
    if !sc.eat(b' ') {
        return None;
    }
    let d = sc.digits(1, 2)?;
    if !sc.eat(b' ') {
        return None;
    }
    let y = sc.digits(4, 4)? as i64;
    if !sc.eat(b' ') {
        return None;
    }
    let (h, mi, sec) = parse_hms(&mut sc)?;
    if !valid_fields(y, mo, d, h, mi, sec) {
        return None;
    }
    if weekday_from_days(days_from_civil(y, mo, d)) != wd {
        return None;
    }
    let after_time = sc.pos;
    if let Some(offset) = parse_gmt_offset(&mut sc) {
        return Some(make_instant(y, mo, d, h, mi, sec, 0, offset));
    }
    sc.pos = after_time;
    if !skip_one_token(&mut sc) {
        return None;
    }
    Some(make_instant(y, mo, d, h, mi, sec, 0, 0))
}

/// ` GMT±hhmm` (or `±hh:mm`) up to the end of input; seconds east of UTC.
fn parse_gmt_offset(sc: &mut Scanner) -> Option<i64> {
    while matches!(sc.peek(), Some(b) if b.is_ascii_whitespace()) {
        sc.pos += 1;
    }
    if !sc.rest().starts_with(b"GMT") {
        return None;
    }
    sc.pos += 3;
    let sign: i64 = match sc.peek()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    sc.pos += 1;
    let oh = sc.digits(2, 2)?;
    sc.eat(b':');
    let om = sc.digits(2, 2)?;
    if !sc.at_end() || oh > 23 || om > 59 {
        return None;
    }
    Some(sign * (oh as i64 * 3600 + om as i64 * 60))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::secs_from_civil;
    use Operator::*;

    fn at(y: i64, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<Instant> {
        Some(Instant::from_secs(secs_from_civil(y, mo, d, h, mi, s)))
    }

    #[test]
    fn strings_are_bytewise() {
        assert!(compare_strings("Z", Lt, "a"));
        assert!(compare_strings("10", Lt, "9"));
        assert!(!compare_strings("10", Gt, "9"));
        assert!(compare_strings("abc", Eq, "abc"));
        assert!(compare_strings("abc", Ne, "abd"));
        assert!(compare_strings("b", Gte, "b"));
        assert!(compare_strings("a", Lte, "b"));
        assert!(compare_strings("", IsEmpty, "x"));
        assert!(!compare_strings("x", IsEmpty, ""));
        assert!(compare_strings("x", NotEmpty, ""));
        assert!(!compare_strings("a", Unknown, "a"));
    }

    #[test]
    fn number_parsing() {
        assert_eq!(parse_number("42"), Number::Int(42));
        assert_eq!(parse_number("+42"), Number::Int(42));
        assert_eq!(parse_number("-7"), Number::Int(-7));
        assert_eq!(parse_number("2.5"), Number::Float(2.5));
        assert_eq!(parse_number(".5"), Number::Float(0.5));
        assert_eq!(parse_number("5."), Number::Float(5.0));
        assert_eq!(parse_number("1e3"), Number::Float(1000.0));
        assert_eq!(parse_number("1E3"), Number::Float(1000.0));
        for zero in [
            " 5", "1,000", "0x10", "inf", "NaN", "", "infinity", "-inf", "1e400", "abc",
        ] {
            assert_eq!(parse_number(zero), Number::Int(0), "{:?}", zero);
        }
        assert_eq!(parse_strict_int("6.5"), 0);
        assert_eq!(parse_strict_int("1e3"), 0);
        assert_eq!(parse_strict_int("-12"), -12);
        assert_eq!(parse_strict_int(""), 0);
    }

    #[test]
    fn int_operators() {
        let c = |l: &str, op, r: &str| compare(ComparableType::Int, l, op, r);
        assert!(c("2.5", Gt, "2"));
        assert!(!c("2.5", Lt, "1"));
        assert!(c("1e3", Eq, "1000"));
        assert!(c("abc", Eq, "xyz"));
        assert!(c("5", Gte, "5"));
        assert!(c("5", Lte, "5"));
        assert!(c("4", Lt, "5"));
        assert!(c("4", Ne, "5"));
        assert!(c("0", IsEmpty, ""));
        assert!(c("", IsEmpty, "9"));
        assert!(!c("-1", IsEmpty, ""));
        assert!(!c("-1", NotEmpty, ""));
        assert!(c("0.1", NotEmpty, ""));
        assert!(!c("1", Unknown, "1"));
        // beyond i64: both sides compare as doubles
        assert!(c("9223372036854775808", Eq, "9223372036854775807"));
        // exact integer comparison when both are integers
        assert!(c("9223372036854775807", Gt, "9223372036854775806"));
    }

    #[test]
    fn bool_operators() {
        let c = |l: &str, op, r: &str| compare(ComparableType::Bool, l, op, r);
        assert!(c("1", Eq, "true"));
        assert!(c("True", Eq, "false"));
        assert!(c("yes", Ne, "true"));
        assert!(!c("true", IsEmpty, ""));
        assert!(c("", NotEmpty, ""));
        assert!(!c("true", Gt, "false"));
        assert!(!c("true", Gte, "true"));
    }

    #[test]
    fn date_forms() {
        let z = at(2024, 1, 15, 21, 59, 40).map(|i| Instant {
            nanos: 162_000_000,
            ..i
        });
        assert_eq!(parse_date("2024-01-15T21:59:40.162Z"), z);
        assert_eq!(parse_date("2024-01-15T23:59:40.162+02:00"), z);
        let t = at(2024, 1, 16, 12, 44, 18);
        for s in [
            "2024-01-16 12:44:18",
            "2024-1-16 12:44:18",
            "2024-01-16 12:44:18 UTC",
            "2024-01-16 12:44:18 XYZ",
            "2024-01-16 12:44:18 +0200",
            "2024-01-16 12:44:18+02:00",
            "2024-01-16 12:44:18 GMT+0200",
            "2024-01-16 12:44:18Z",
            "2024-01-16 12:44:18.5",
            "Tue Jan 16 2024 12:44:18",
            "Tue Jan 16 2024 12:44:18 UTC",
            "Tue Jan 16 2024 12:44:18 GMT+0000",
        ] {
            assert_eq!(parse_date(s), t, "{:?}", s);
        }
        assert_eq!(
            parse_date("Tue Jan 16 2024 12:44:18 GMT-0500"),
            at(2024, 1, 16, 17, 44, 18)
        );
        assert_eq!(
            parse_date("Tue Jan 16 2024 12:44:18 GMT+0200"),
            at(2024, 1, 16, 10, 44, 18)
        );
        for absent in [
            "2024-01-15",
            "Tue Jan 16 2024",
            "2024-01-15T21:59:40",
            "Tue Jan 16 2024 12:44:18 GMT-0500 (Eastern Standard Time)",
            "2024-01-16 12:44:18.5 UTC",
            "Wed Jan 16 2024 12:44:18",
            "01/16/2024 12:44:18",
            "2024/01/16 12:44:18",
            "24-01-16 12:44:18",
            "Tue, 16 Jan 2024 12:44:18 +0000",
            "1705409058",
            "",
        ] {
            assert_eq!(parse_date(absent), None, "{:?}", absent);
        }
    }

    #[test]
    fn date_absent_table() {
        let p = at(2024, 1, 1, 0, 0, 0);
        let q = at(2024, 6, 1, 0, 0, 0);
        let a: Option<Instant> = None;
        // both present
        assert!(compare_dates(q, Gt, p));
        assert!(compare_dates(p, Lt, q));
        assert!(compare_dates(p, Eq, p));
        assert!(compare_dates(p, Ne, q));
        // left absent, right present
        let row =
            |l, r| [Eq, Ne, Gt, Lt, Gte, Lte, IsEmpty, NotEmpty].map(|op| compare_dates(l, op, r));
        assert_eq!(
            row(a, p),
            [false, true, false, true, false, true, true, false]
        );
        assert_eq!(
            row(p, a),
            [false, true, true, false, true, false, false, true]
        );
        assert_eq!(
            row(a, a),
            [true, false, false, false, true, true, true, false]
        );
    }
}
