//! Std-only generator of odd rules-engine envelopes for the fuzzer
//! (`tests/fuzz.rs`): random envelopes written as JSON text (so that numbers
//! beyond the 64-bit range, duplicated members and camelCase spellings can be
//! produced), seeds from the public vectors and the diff corpus, and byte
//! mutations on top (truncation, invalid UTF-8, deletions, duplications).

#![allow(dead_code)]

/// splitmix64: small, fast, reproducible from a seed. `budget` bounds the
/// number of list elements one envelope may have (nested lists multiply).
pub struct Rng {
    state: u64,
    budget: usize,
    /// Clean mode: no missing, null or duplicated members and only valid
    /// enum values and integers, so that most envelopes are answered.
    pub clean: bool,
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng { state: seed, budget: 800, clean: false }
    }
    pub fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// True with probability `percent` %.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const IDS: &[&str] = &["comp_1", "user_1", "plan_1", "plan_2", "a", "", "ü-ß", "🚀", "comp \\\"q\\\""];
const TRAIT_IDS: &[&str] = &["t1", "t2", "t3"];
const SUBTYPES: &[&str] = &["ev", "api-calls", "événement"];
const CREDITS: &[&str] = &["c1", "c2"];
const TEXT: &[&str] = &[
    "", "0", "1", "-1", "true", "1e3", "3.000", "1e309", " true", "9223372036854775807",
    "9223372036854775808", "-9223372036854775809", "2.5", ".5", "5.", "NaN", "inf", "+7", "0x10",
    "2024-01-15T21:59:40.162Z", "2024-01-16 12:44:18 +0200", "2024-01-16 12:44:18.5 UTC",
    "Tue Jan 16 2024 12:44:18 GMT-0500", "Mon Jan 16 2024 12:44:18", "2024-02-30T00:00:00Z",
    "2024-06-01", "abc", "Z", "\\u0000", "\\ud83d\\ude80", "tab\\tname", "\\ud800",
];
const INTS: &[&str] = &[
    "0", "1", "-1", "2", "10", "1000", "9223372036854775807", "-9223372036854775808",
    "9223372036854775808", "-9223372036854775809", "18446744073709551616", "1e3", "1.0", "-0",
    "2.5", "9007199254740993", "100000000000000000000000000000",
];
const FLOATS: &[&str] = &[
    "0", "0.5", "1", "-1", "1e308", "1e309", "-1e-320", "12.5", "1E2", "-0.0", "9223372036854775807",
    "0.30000000000000004",
];
const TIMES: &[&str] = &[
    "\"2026-03-18T15:30:00Z\"", "\"2025-11-20T09:00:00+02:00\"", "\"2026-01-31T23:59:59.999999999z\"",
    "\"0000-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"", "\"2026-02-29T00:00:00Z\"",
    "\"2026-03-18 15:30:00\"", "\"2026-03-18T15:30:60Z\"", "\"bad\"", "1700000000", "null",
];
const RULE_TYPES: &[&str] = &[
    "global_override", "company_override", "plan_entitlement", "company_override_usage_exceeded",
    "plan_entitlement_usage_exceeded", "standard", "default", "Standard",
];
// Unknown condition types and operators are accepted (rules-engine.md §2.1).
const COND_TYPES: &[&str] = &[
    "base_plan", "billing_product", "company", "credit", "metric", "metric", "plan", "plan_version",
    "trait", "trait", "user", "unknown", "", "",
];
const OPS: &[&str] = &["eq", "ne", "gt", "lt", "gte", "lte", "is_empty", "not_empty", "NE", "", ""];
const PERIODS: &[&str] = &["all_time", "current_day", "current_week", "current_month", "yearly"];
const RESETS: &[&str] = &["first_of_month", "billing_cycle", "never"];
const COMPARABLE: &[&str] = &["bool", "date", "int", "string", "float"];
const ENTITY: &[&str] = &["company", "user", "org"];
const VALUE_TYPES: &[&str] = &["boolean", "credit", "numeric", "trait", "unknown", "unlimited", "x"];
/// Evaluation instants (Unix ms), including the 64-bit limits.
pub const NOWS: &[i64] = &[
    1_773_847_800_000, 1_767_225_599_999, 1_709_164_800_000, 0, -1, i64::MAX, i64::MIN,
    253_402_300_799_999, -62_135_596_800_000,
];

/// Writes one JSON object member by member, with the odd forms the fuzzer wants.
struct Obj<'r> {
    rng: &'r mut Rng,
    out: String,
    first: bool,
    all_null: bool,
}

impl<'r> Obj<'r> {
    fn new(rng: &'r mut Rng, all_null: bool) -> Obj<'r> {
        Obj { rng, out: String::from("{"), first: true, all_null }
    }
    /// A member: sometimes left out, sometimes null, sometimes camelCase,
    /// sometimes written twice.
    fn m(&mut self, key: &str, value: String) {
        let odd = !self.rng.clean;
        if odd && self.rng.chance(4) {
            return;
        }
        let value = if odd && (self.all_null || self.rng.chance(3)) { "null".to_string() } else { value };
        let key = if self.rng.chance(5) { camel(key) } else { key.to_string() };
        let times = if odd && self.rng.chance(3) { 2 } else { 1 };
        for _ in 0..times {
            if !self.first {
                self.out.push(',');
            }
            self.first = false;
            self.out.push('"');
            self.out.push_str(&key);
            self.out.push_str("\":");
            self.out.push_str(&value);
        }
    }
    fn done(mut self) -> String {
        if self.rng.next() % 2000 == 0 {
            let junk = junk(self.rng);
            self.m("unknown_member", junk);
        }
        self.out.push('}');
        self.out
    }
}

fn camel(key: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in key.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.push(c.to_ascii_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn q(s: &str) -> String {
    format!("\"{}\"", s)
}

/// A value nobody reads: deep nesting (beyond the 128-level limit at times) or a huge array.
fn junk(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => {
            let depth = rng.pick(&[10usize, 126, 127, 128, 129, 1000, 100_000]);
            let mut s = "[".repeat(depth);
            s.push_str(&"]".repeat(depth));
            s
        }
        1 => {
            let depth = rng.pick(&[5usize, 127, 200]);
            let mut s = "{\"a\":".repeat(depth);
            s.push('1');
            s.push_str(&"}".repeat(depth));
            s
        }
        _ => format!("[{}]", vec!["0"; rng.below(100_000)].join(",")),
    }
}

fn list(rng: &mut Rng, max: usize, mut item: impl FnMut(&mut Rng) -> String) -> String {
    let n = if rng.next() % 1000 < 2 { rng.below(20_000) } else { rng.below(max + 1) };
    let n = n.min(rng.budget);
    rng.budget -= n;
    let mut parts = Vec::with_capacity(n);
    for _ in 0..n {
        parts.push(if !rng.clean && rng.chance(1) { "null".to_string() } else { item(rng) });
    }
    format!("[{}]", parts.join(","))
}

/// A string; the last one is a lone surrogate escape (rejected; not in clean mode).
fn text(rng: &mut Rng) -> String {
    let n = if rng.clean { TEXT.len() - 1 } else { TEXT.len() };
    q(rng.pick(&TEXT[..n]))
}
fn id(rng: &mut Rng) -> String {
    q(rng.pick(IDS))
}
/// An integer; the first 8 entries fit in 64 bits (only those in clean mode).
fn int(rng: &mut Rng) -> String {
    if rng.clean {
        rng.pick(&INTS[..8]).to_string()
    } else {
        rng.pick(INTS).to_string()
    }
}
/// An enum value; the last entry of each list is invalid (only outside clean mode).
fn en(rng: &mut Rng, values: &[&str]) -> String {
    if rng.clean {
        q(rng.pick(&values[..values.len() - 1]))
    } else {
        q(rng.pick(values))
    }
}
/// A timestamp; the first 5 are valid RFC 3339 (only those in clean mode).
fn time(rng: &mut Rng) -> String {
    let n = if rng.clean { 5 } else { TIMES.len() };
    rng.pick(&TIMES[..n]).to_string()
}
/// A double; the first 5 are finite (only those in clean mode).
fn float(rng: &mut Rng) -> String {
    let n = if rng.clean { 5 } else { FLOATS.len() };
    rng.pick(&FLOATS[..n]).to_string()
}
fn boolean(rng: &mut Rng) -> String {
    let n = if rng.clean { 2 } else { 4 };
    rng.pick(&["true", "false", "\"true\"", "1"][..n]).to_string()
}

fn trait_def(rng: &mut Rng, all_null: bool) -> String {
    let (a, b, c) = (q(rng.pick(TRAIT_IDS)), en(rng, COMPARABLE), en(rng, ENTITY));
    let mut o = Obj::new(rng, all_null);
    o.m("id", a);
    o.m("comparable_type", b);
    o.m("entity_type", c);
    o.done()
}

fn common(o: &mut Obj) {
    o.m("account_id", q("acc"));
    o.m("environment_id", q("env"));
}

fn condition(rng: &mut Rng, all_null: bool) -> String {
    let v: Vec<String> = vec![
        id(rng), en(rng, COND_TYPES), en(rng, OPS), text(rng),
        list(rng, 3, |r| q(r.pick(IDS))), q(rng.pick(SUBTYPES)), int(rng), en(rng, PERIODS),
        en(rng, RESETS), q(rng.pick(CREDITS)), float(rng),
        trait_def(rng, all_null), trait_def(rng, all_null),
    ];
    let mut o = Obj::new(rng, all_null);
    let keys = [
        "id", "condition_type", "operator", "trait_value", "resource_ids", "event_subtype",
        "metric_value", "metric_period", "metric_period_month_reset", "credit_id",
        "consumption_rate", "trait_definition", "comparison_trait_definition",
    ];
    for (k, v) in keys.iter().zip(v) {
        o.m(k, v);
    }
    common(&mut o);
    o.done()
}

fn rule(rng: &mut Rng, all_null: bool) -> String {
    let conds = list(rng, 3, |r| condition(r, all_null));
    let groups = list(rng, 2, |r| {
        let cs = list(r, 3, |r2| condition(r2, all_null));
        let mut o = Obj::new(r, all_null);
        o.m("conditions", cs);
        o.done()
    });
    let v = [id(rng), en(rng, RULE_TYPES), text(rng), int(rng), boolean(rng), q(rng.pick(&["f1", "f2"]))];
    let mut o = Obj::new(rng, all_null);
    for (k, v) in ["id", "rule_type", "name", "priority", "value", "flag_id"].iter().zip(v) {
        o.m(k, v);
    }
    o.m("conditions", conds);
    o.m("condition_groups", groups);
    common(&mut o);
    o.done()
}

fn trait_(rng: &mut Rng, all_null: bool) -> String {
    let (v, d) = (text(rng), trait_def(rng, all_null));
    let mut o = Obj::new(rng, all_null);
    o.m("value", v);
    o.m("trait_definition", d);
    o.done()
}

fn metric(rng: &mut Rng, all_null: bool) -> String {
    let v = [
        q(rng.pick(SUBTYPES)), en(rng, PERIODS), en(rng, RESETS), int(rng),
        time(rng), time(rng), id(rng),
    ];
    let mut o = Obj::new(rng, all_null);
    let keys = ["event_subtype", "period", "month_reset", "value", "created_at", "valid_until", "company_id"];
    for (k, v) in keys.iter().zip(v) {
        o.m(k, v);
    }
    common(&mut o);
    o.done()
}

fn entitlement(rng: &mut Rng, all_null: bool) -> String {
    let tiers = list(rng, 2, |r| {
        let (k, v) = (text(r), int(r));
        let mut o = Obj::new(r, all_null);
        o.m("key", k);
        o.m("value", v);
        o.done()
    });
    let v = [
        id(rng), q(rng.pick(&["my-flag", "other", ""])), en(rng, VALUE_TYPES), int(rng), int(rng),
        int(rng), q(rng.pick(SUBTYPES)), q(rng.pick(SUBTYPES)), en(rng, PERIODS), en(rng, RESETS),
        time(rng), q(rng.pick(CREDITS)), float(rng),
        float(rng), float(rng),
    ];
    let mut o = Obj::new(rng, all_null);
    let keys = [
        "feature_id", "feature_key", "value_type", "allocation", "usage", "soft_limit", "event_name",
        "event_subtype", "metric_period", "month_reset", "metric_reset_at", "credit_id",
        "credit_total", "credit_remaining", "consumption_rate",
    ];
    for (k, v) in keys.iter().zip(v) {
        o.m(k, v);
    }
    o.m("warning_tiers", tiers);
    o.done()
}

fn company(rng: &mut Rng, all_null: bool) -> String {
    let v = [
        q(rng.pick(&["comp_1", "a", ""])), id(rng), list(rng, 3, |r| q(r.pick(IDS))),
        list(rng, 2, |r| q(r.pick(IDS))), list(rng, 2, |r| q(r.pick(IDS))),
        format!("{{\"c1\":{},\"c2\":{}}}", float(rng), float(rng)),
        list(rng, 2, |r| entitlement(r, all_null)), list(rng, 3, |r| metric(r, all_null)),
        list(rng, 2, |r| rule(r, all_null)), list(rng, 4, |r| trait_(r, all_null)),
        format!("{{\"id\":\"s\",\"period_start\":{},\"period_end\":{}}}", time(rng), time(rng)),
        "{\"k\":\"v\"}".to_string(),
    ];
    let mut o = Obj::new(rng, all_null);
    let keys = [
        "id", "base_plan_id", "plan_ids", "plan_version_ids", "billing_product_ids", "credit_balances",
        "entitlements", "metrics", "rules", "traits", "subscription", "keys",
    ];
    for (k, v) in keys.iter().zip(v) {
        o.m(k, v);
    }
    common(&mut o);
    o.done()
}

fn user(rng: &mut Rng, all_null: bool) -> String {
    let v = [q(rng.pick(&["user_1", "b"])), list(rng, 3, |r| trait_(r, all_null)), list(rng, 2, |r| rule(r, all_null))];
    let mut o = Obj::new(rng, all_null);
    for (k, v) in ["id", "traits", "rules"].iter().zip(v) {
        o.m(k, v);
    }
    common(&mut o);
    o.done()
}

fn options(rng: &mut Rng, all_null: bool) -> String {
    let v = [
        int(rng),
        format!("{{\"event_subtype\":{},\"quantity\":{}}}", q(rng.pick(SUBTYPES)), int(rng)),
        format!("{{\"c1\":{}}}", float(rng)),
    ];
    let mut o = Obj::new(rng, all_null);
    for (k, v) in ["usage", "event_usage", "credit_cost"].iter().zip(v) {
        o.m(k, v);
    }
    o.done()
}

/// A random envelope (JSON text).
pub fn envelope(rng: &mut Rng) -> Vec<u8> {
    rng.clean = rng.chance(50);
    let all_null = !rng.clean && rng.chance(3);
    let rules = list(rng, 5, |r| rule(r, all_null));
    let flag = {
        let v = [q(rng.pick(&["f1", "f2", ""])), q(rng.pick(&["my-flag", "other"])), boolean(rng)];
        let mut o = Obj::new(rng, all_null);
        for (k, v) in ["id", "key", "default_value"].iter().zip(v) {
            o.m(k, v);
        }
        o.m("rules", rules);
        common(&mut o);
        o.done()
    };
    let parts = [flag, company(rng, all_null), user(rng, all_null), options(rng, all_null)];
    let mut o = Obj::new(rng, all_null);
    for (k, v) in ["flag", "company", "user", "options"].iter().zip(parts) {
        o.m(k, v);
    }
    o.done().into_bytes()
}

/// Byte mutations on top of a valid or generated envelope.
pub fn mutate(rng: &mut Rng, mut b: Vec<u8>) -> Vec<u8> {
    let rounds = 1 + rng.below(3);
    for _ in 0..rounds {
        let len = b.len();
        let at = rng.below(len + 1);
        match rng.below(9) {
            0 => b.truncate(at),
            1 => {
                let bad: &[u8] = rng.pick(&[&b"\xff"[..], b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\x00"]);
                b.splice(at..at, bad.iter().copied());
            }
            2 if len > 0 => {
                let i = rng.below(len);
                b[i] ^= 1 << rng.below(8);
            }
            3 => {
                let end = (at + rng.below(64)).min(len);
                b.drain(at..end);
            }
            4 => {
                let end = (at + rng.below(256)).min(len);
                let piece: Vec<u8> = b[at..end].to_vec();
                b.splice(at..at, piece);
            }
            5 => {
                let tok: &str = rng.pick(&[",", "}", "]", "\"", "null", "{", "[", ":", "1e999", "-", "\\u12"]);
                b.splice(at..at, tok.bytes());
            }
            6 => {
                // a number at the 64-bit limits right after a colon
                if let Some(p) = b.iter().skip(at).position(|&c| c == b':') {
                    let n: &str = rng.pick(INTS);
                    let p = at + p + 1;
                    b.splice(p..p, n.bytes().chain(std::iter::once(b',')));
                }
            }
            7 => {
                // an object's members repeated (duplicate keys)
                if let Some(p) = b.iter().skip(at).position(|&c| c == b'{') {
                    let p = at + p + 1;
                    let end = (p + rng.below(200)).min(b.len());
                    if let Some(c) = b[p..end].iter().rposition(|&c| c == b',') {
                        let piece: Vec<u8> = b[p..p + c + 1].to_vec();
                        b.splice(p..p, piece);
                    }
                }
            }
            _ => {
                let n = rng.below(64);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                b.splice(at..at, bytes);
            }
        }
    }
    b
}
