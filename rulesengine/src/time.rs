//! UTC calendar arithmetic, RFC 3339 parsing and formatting.
//!
//! No clock is read here: "now" is always passed in by the caller (the wasm
//! host sets it through `setCurrentTimeMillis`).

use crate::json::{Invalid, Parser, R};

pub const SECS_PER_DAY: i64 = 86_400;
const NANOS_PER_SEC: u32 = 1_000_000_000;

/// An instant: seconds since the Unix epoch plus a nanosecond part.
/// `nanos` may exceed 10^9 to represent a leap second (`:60`), which then
/// orders after `:59.999…` and before the next minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant {
    pub secs: i64,
    pub nanos: u32,
}

impl Instant {
    pub fn from_secs(secs: i64) -> Instant {
        Instant { secs, nanos: 0 }
    }

    pub fn from_millis(ms: i64) -> Instant {
        Instant {
            secs: ms.div_euclid(1000),
            nanos: (ms.rem_euclid(1000) as u32) * 1_000_000,
        }
    }

    /// The same instant truncated to whole seconds (leap nanos fold into :59).
    pub fn whole_secs(self) -> i64 {
        self.secs
    }

    /// Broken-down UTC fields of this instant.
    pub fn civil(self) -> Civil {
        let days = self.secs.div_euclid(SECS_PER_DAY);
        let sod = self.secs.rem_euclid(SECS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: (sod / 3600) as u32,
            minute: ((sod % 3600) / 60) as u32,
            second: (sod % 60) as u32,
        }
    }

    /// RFC 3339 in UTC with a `+00:00` offset (the official engine's output
    /// form). Fraction digits: none, 3, 6 or 9, whichever is exact.
    pub fn to_rfc3339(self) -> String {
        let mut out = Vec::with_capacity(32);
        self.write_rfc3339(&mut out);
        // ASCII only
        String::from_utf8(out).unwrap_or_default()
    }

    /// Append [`Instant::to_rfc3339`] to `out`.
    #[inline(never)]
    pub fn write_rfc3339(self, out: &mut Vec<u8>) {
        let c = self.civil();
        let (second, nanos) = if self.nanos >= NANOS_PER_SEC {
            (c.second + 1, self.nanos - NANOS_PER_SEC)
        } else {
            (c.second, self.nanos)
        };
        push_padded(out, c.year, 4);
        out.push(b'-');
        push_padded(out, c.month as i64, 2);
        out.push(b'-');
        push_padded(out, c.day as i64, 2);
        out.push(b'T');
        push_padded(out, c.hour as i64, 2);
        out.push(b':');
        push_padded(out, c.minute as i64, 2);
        out.push(b':');
        push_padded(out, second as i64, 2);
        if nanos != 0 {
            out.push(b'.');
            if nanos % 1_000_000 == 0 {
                push_padded(out, (nanos / 1_000_000) as i64, 3);
            } else if nanos % 1_000 == 0 {
                push_padded(out, (nanos / 1_000) as i64, 6);
            } else {
                push_padded(out, nanos as i64, 9);
            }
        }
        out.extend_from_slice(b"+00:00");
    }
}

fn push_padded(out: &mut Vec<u8>, v: i64, width: usize) {
    if v < 0 {
        out.push(b'-');
    }
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut u = v.unsigned_abs();
    loop {
        i -= 1;
        digits[i] = b'0' + (u % 10) as u8;
        u /= 10;
        if u == 0 {
            break;
        }
    }
    for _ in (digits.len() - i)..width {
        out.push(b'0');
    }
    out.extend_from_slice(&digits[i..]);
}

/// Broken-down UTC date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Civil {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

// ---------------------------------------------------------------------------
// Proleptic Gregorian calendar helpers
// ---------------------------------------------------------------------------

pub fn is_leap_year(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => {
            if is_leap_year(y) {
                29
            } else {
                28
            }
        }
        _ => 0,
    }
}

/// Days since 1970-01-01 of a (valid) civil date.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    // Shift the year so that it starts in March; then every 400-year era has
    // exactly 146097 days.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let mp = (m as i64 + 9) % 12; // March = 0
    let doy = (153 * mp + 2) / 5 + d as i64 - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// Inverse of [`days_from_civil`].
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m, d)
}

/// Day of week of a day count since the epoch: 0 = Sunday … 6 = Saturday.
pub fn weekday_from_days(days: i64) -> u32 {
    // 1970-01-01 was a Thursday (4).
    (days + 4).rem_euclid(7) as u32
}

/// Seconds since the epoch of a civil date-time (fields must be valid).
pub fn secs_from_civil(y: i64, m: u32, d: u32, hh: u32, mm: u32, ss: u32) -> i64 {
    days_from_civil(y, m, d) * SECS_PER_DAY + (hh as i64) * 3600 + (mm as i64) * 60 + ss as i64
}

/// Midnight of the first day of the month following (y, m).
pub fn first_of_next_month(y: i64, m: u32) -> Instant {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    Instant::from_secs(secs_from_civil(ny, nm, 1, 0, 0, 0))
}

// ---------------------------------------------------------------------------
// Small byte scanner shared by the timestamp and date-trait parsers
// ---------------------------------------------------------------------------

pub(crate) struct Scanner<'a> {
    pub bytes: &'a [u8],
    pub pos: usize,
}

impl<'a> Scanner<'a> {
    pub fn new(s: &'a str) -> Scanner<'a> {
        Scanner {
            bytes: s.as_bytes(),
            pos: 0,
        }
    }

    pub fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    pub fn rest(&self) -> &'a [u8] {
        &self.bytes[self.pos.min(self.bytes.len())..]
    }

    /// Consume `c` if it is next.
    pub fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Consume between `min` and `max` ASCII digits (greedy).
    pub fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let start = self.pos;
        let mut v: u32 = 0;
        while self.pos - start < max {
            match self.peek() {
                Some(b) if b.is_ascii_digit() => {
                    v = v * 10 + (b - b'0') as u32;
                    self.pos += 1;
                }
                _ => break,
            }
        }
        if self.pos - start < min {
            None
        } else {
            Some(v)
        }
    }

    /// Consume a `.` followed by at least one digit; returns nanoseconds
    /// (digits beyond the ninth are consumed and ignored).
    pub fn fraction(&mut self) -> Option<Option<u32>> {
        if self.peek() != Some(b'.') {
            return Some(None);
        }
        self.pos += 1;
        let mut nanos: u32 = 0;
        let mut n = 0usize;
        while let Some(b) = self.peek() {
            if !b.is_ascii_digit() {
                break;
            }
            if n < 9 {
                nanos = nanos * 10 + (b - b'0') as u32;
            }
            n += 1;
            self.pos += 1;
        }
        if n == 0 {
            return None;
        }
        for _ in n..9 {
            nanos *= 10;
        }
        Some(Some(nanos))
    }
}

/// Check the ranges of a date-time; `second` may be 60 (leap second).
pub(crate) fn valid_fields(y: i64, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> bool {
    (1..=12).contains(&mo) && d >= 1 && d <= days_in_month(y, mo) && h <= 23 && mi <= 59 && s <= 60
}

/// Build an instant from validated local fields, a fraction and an offset in
/// seconds east of UTC.
pub(crate) fn make_instant(
    y: i64,
    mo: u32,
    d: u32,
    h: u32,
    mi: u32,
    s: u32,
    nanos: u32,
    offset_secs: i64,
) -> Instant {
    if s == 60 {
        let secs = secs_from_civil(y, mo, d, h, mi, 59) - offset_secs;
        Instant {
            secs,
            nanos: nanos + NANOS_PER_SEC,
        }
    } else {
        let secs = secs_from_civil(y, mo, d, h, mi, s) - offset_secs;
        Instant { secs, nanos }
    }
}

/// Parse `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`; `T` and `Z` may be lower
/// case.
pub fn parse_rfc3339(s: &str) -> Option<Instant> {
    let mut sc = Scanner::new(s);
    let y = sc.digits(4, 4)? as i64;
    if !sc.eat(b'-') {
        return None;
    }
    let mo = sc.digits(2, 2)?;
    if !sc.eat(b'-') {
        return None;
    }
    let d = sc.digits(2, 2)?;
    if !(sc.eat(b'T') || sc.eat(b't')) {
        return None;
    }
    let h = sc.digits(2, 2)?;
    if !sc.eat(b':') {
        return None;
    }
    let mi = sc.digits(2, 2)?;
    if !sc.eat(b':') {
        return None;
    }
    let sec = sc.digits(2, 2)?;
    let nanos = sc.fraction()?.unwrap_or(0);
    let offset = match sc.peek()? {
        b'Z' | b'z' => {
            sc.pos += 1;
            0
        }
        sign @ (b'+' | b'-') => {
            sc.pos += 1;
            let oh = sc.digits(2, 2)?;
            if !sc.eat(b':') {
                return None;
            }
            let om = sc.digits(2, 2)?;
            if oh > 23 || om > 59 {
                return None;
            }
            let off = (oh * 3600 + om * 60) as i64;
            if sign == b'-' {
                -off
            } else {
                off
            }
        }
        _ => return None,
    };
    if !sc.at_end() || !valid_fields(y, mo, d, h, mi, sec) {
        return None;
    }
    Some(make_instant(y, mo, d, h, mi, sec, nanos, offset))
}

// ---------------------------------------------------------------------------
// Timestamp: a wire timestamp (RFC 3339 string) with its parsed instant
// ---------------------------------------------------------------------------

/// A timestamp field of the input. It must be a JSON string in RFC 3339
/// form; the original text is kept so that echoed values are unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp {
    pub instant: Instant,
    pub raw: String,
}

impl Timestamp {
    /// Read a JSON string holding an RFC 3339 timestamp.
    pub fn read(p: &mut Parser) -> R<Timestamp> {
        let raw = p.string()?;
        let instant = parse_rfc3339(&raw).ok_or(Invalid)?;
        Ok(Timestamp {
            instant,
            raw: raw.into_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for days in [-800_000i64, -1, 0, 1, 59, 365, 10_957, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{}-{}-{}", y, m, d);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
    }

    #[test]
    fn weekdays() {
        // 2026-03-18 is a Wednesday, 2026-03-22 a Sunday.
        assert_eq!(weekday_from_days(days_from_civil(2026, 3, 18)), 3);
        assert_eq!(weekday_from_days(days_from_civil(2026, 3, 22)), 0);
        assert_eq!(weekday_from_days(0), 4);
    }

    #[test]
    fn month_lengths() {
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2026, 2), 28);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(2026, 4), 30);
    }

    #[test]
    fn rfc3339_parse() {
        let a = parse_rfc3339("2024-01-15T21:59:40.162Z").unwrap();
        let b = parse_rfc3339("2024-01-15T23:59:40.162+02:00").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.nanos, 162_000_000);
        assert_eq!(
            parse_rfc3339("2024-01-15t21:59:40z"),
            Some(Instant::from_secs(secs_from_civil(2024, 1, 15, 21, 59, 40)))
        );
        assert_eq!(
            parse_rfc3339("2024-01-15T21:59:40.123456789123Z")
                .unwrap()
                .nanos,
            123_456_789
        );
        for bad in [
            "2024-01-15",
            "2024-01-15T21:59:40",
            "2024-01-15 21:59:40Z",
            "2024-1-15T21:59:40Z",
            "2024-02-30T00:00:00Z",
            "2024-01-15T24:00:00Z",
            "2024-01-15T21:59:40.Z",
            "2024-01-15T21:59:40+0200",
            "2024-01-15T21:59:40Z ",
            "",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{}", bad);
        }
    }

    #[test]
    fn rfc3339_format() {
        let t = Instant::from_secs(secs_from_civil(2026, 4, 1, 0, 0, 0));
        assert_eq!(t.to_rfc3339(), "2026-04-01T00:00:00+00:00");
        let t = Instant {
            secs: t.secs,
            nanos: 120_000_000,
        };
        assert_eq!(t.to_rfc3339(), "2026-04-01T00:00:00.120+00:00");
        let t = Instant {
            secs: t.secs,
            nanos: 1_500,
        };
        assert_eq!(t.to_rfc3339(), "2026-04-01T00:00:00.000001500+00:00");
        assert_eq!(
            Instant::from_millis(-1).to_rfc3339(),
            "1969-12-31T23:59:59.999+00:00"
        );
    }
}
