//! Shared by the vector, corpus and fuzz tests: where the project's copies of
//! the reference data live, how an SDK drives the exported functions, and the
//! comparison rules of `shared/README.md`.
//!
//! Comparison (rules-engine.md §1, §2.3; shared/README.md): every key of
//! `expect` is compared; an expected `null` also accepts a missing member;
//! the camelCase result is converted to snake_case the way the SDKs do it;
//! nested objects are compared without their null members; numbers compare
//! by value (`1000` vs `1000.0`); RFC 3339 strings compare as instants
//! (`+00:00` vs `Z`); an expectation `{"engine_error": true}` requires the
//! engine to reject the input (−1).

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

use schematic_rulesengine::abi;
use schematic_rulesengine::time::parse_rfc3339;
use serde_json::{Map, Value};

/// The project's copies of the reference data (schematic-cdi test resources;
/// copied from `shared/ref/`, see the README there).
pub fn resource(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("schematic-cdi/src/test/resources/dev/schematic/rules")
        .join(name)
}

/// Read a JSON array of cases from the project's test resources; `.gz` files
/// are decompressed with the system's `gzip` (std only, no crate).
pub fn load_cases(name: &str) -> Vec<Value> {
    let path = resource(name);
    let bytes = if name.ends_with(".gz") {
        let out = Command::new("gzip")
            .arg("-dc")
            .arg(&path)
            .output()
            .unwrap_or_else(|e| panic!("cannot run gzip -dc {}: {}", path.display(), e));
        assert!(out.status.success(), "gzip -dc {} failed", path.display());
        out.stdout
    } else {
        std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {}", path.display(), e))
    };
    serde_json::from_slice(&bytes).expect("cases file is a JSON array")
}

/// camelCase → snake_case: `_` before every upper-case letter, lower-cased.
fn snake(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for ch in key.chars() {
        if ch.is_ascii_uppercase() {
            out.push('_');
            out.push(ch.to_ascii_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

fn to_snake(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (snake(k), to_snake(v))).collect()),
        Value::Array(a) => Value::Array(a.iter().map(to_snake).collect()),
        other => other.clone(),
    }
}

/// Drop null members, canonicalise timestamps and numbers.
fn normalise(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut out = Map::new();
            for (k, v) in m {
                if !v.is_null() {
                    out.insert(k.clone(), normalise(v));
                }
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(normalise).collect()),
        Value::String(s) => match parse_rfc3339(s) {
            Some(i) => Value::String(format!("instant:{}:{}", i.secs, i.nanos)),
            None => v.clone(),
        },
        Value::Number(n) => Value::String(format!("number:{}", n.as_f64().unwrap_or(f64::NAN))),
        other => other.clone(),
    }
}

/// Run one envelope through the exports; `None` on a −1 status.
pub fn run_exports(envelope: &[u8], now_millis: i64) -> Option<String> {
    unsafe {
        let ptr = abi::alloc(envelope.len());
        std::ptr::copy_nonoverlapping(envelope.as_ptr(), ptr, envelope.len());
        abi::setCurrentTimeMillis(now_millis);
        let n = abi::checkFlagCombined(ptr, envelope.len());
        let out = if n < 0 {
            None
        } else {
            let rp = abi::getResultJson();
            let rl = abi::getResultJsonLength();
            assert_eq!(rl, n);
            let bytes = std::slice::from_raw_parts(rp, rl as usize).to_vec();
            Some(String::from_utf8(bytes).expect("result is UTF-8"))
        };
        abi::dealloc(ptr, envelope.len());
        out
    }
}

/// The envelope of a case: its `flag`, `company`, `user` and `options`
/// members as given (absent members stay absent).
pub fn envelope(case: &Value) -> Vec<u8> {
    let mut env = Map::new();
    for key in ["flag", "company", "user", "options"] {
        if let Some(v) = case.get(key) {
            env.insert(key.to_string(), v.clone());
        }
    }
    serde_json::to_vec(&Value::Object(env)).unwrap()
}

pub fn now_millis(case: &Value) -> i64 {
    let now = parse_rfc3339(case["now"].as_str().expect("now")).expect("now is RFC 3339");
    now.secs * 1000 + (now.nanos / 1_000_000) as i64
}

/// Does the engine's output (`None` = rejected) satisfy `expect`? `Err`
/// describes the difference.
pub fn compare(expect: &Value, got: Option<&str>) -> Result<(), String> {
    let must_reject = expect.is_null()
        || expect == &Value::from(-1)
        || expect.get("engine_error") == Some(&Value::Bool(true));
    let got = match (got, must_reject) {
        (None, true) => return Ok(()),
        (None, false) => return Err("engine rejected the input (-1)".to_string()),
        (Some(out), true) => return Err(format!("expected a rejection, got {}", out)),
        (Some(out), false) => out,
    };
    let got: Value = serde_json::from_str(got).map_err(|e| format!("result is not JSON: {}", e))?;
    let got = to_snake(&got);
    let expect_map = expect.as_object().ok_or("expect is not an object")?;
    let mut diffs = Vec::new();
    for (key, want) in expect_map {
        let have = got.get(key).unwrap_or(&Value::Null);
        if want.is_null() {
            if !have.is_null() {
                diffs.push(format!("{}: expected null, got {}", key, have));
            }
        } else if normalise(have) != normalise(want) {
            diffs.push(format!("{}: expected {}, got {}", key, want, have));
        }
    }
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(diffs.join("; "))
    }
}

/// Run every case of `cases` through the exports; returns the number passed
/// and the failures (name and difference).
pub fn run_cases(cases: &[Value]) -> (usize, Vec<String>) {
    let mut passed = 0;
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap_or("?");
        let out = run_exports(&envelope(case), now_millis(case));
        match compare(&case["expect"], out.as_deref()) {
            Ok(()) => passed += 1,
            Err(d) => failures.push(format!("{}: {}", name, d)),
        }
    }
    (passed, failures)
}
