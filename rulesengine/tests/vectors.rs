//! Runs the public vectors (`shared/ref/rules-vectors-public.json`, checked
//! against the official engine) through the exported wasm entry points,
//! driven on the host exactly as an SDK drives the module:
//! `alloc` → write → `setCurrentTimeMillis` → `checkFlagCombined` →
//! `getResultJson`/`getResultJsonLength` → `dealloc`.
//!
//! Normalisation (rules-engine.md §1, §2.3): the camelCase result is converted
//! to snake_case the way the SDKs do it; an absent member equals `null` (the
//! official engine drops null entitlement members and omits `err` when unset,
//! the vectors spell them out as `null`); timestamps compare as instants
//! (`+00:00` vs `Z`); numbers compare by value (`1000` vs `1000.0`).

use std::path::PathBuf;

use schematic_rulesengine::abi;
use schematic_rulesengine::time::parse_rfc3339;
use serde_json::{Map, Value};

fn vectors_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("..")
        .join("shared")
        .join("ref")
        .join("rules-vectors-public.json")
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
fn run_exports(envelope: &[u8], now_millis: i64) -> Option<String> {
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

#[test]
fn public_vectors_match_official_engine() {
    let path = vectors_path();
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            println!(
                "SKIPPED: vectors file {} not readable ({})",
                path.display(),
                e
            );
            return;
        }
    };
    let cases: Vec<Value> = serde_json::from_str(&text).expect("vectors file is JSON");
    let mut passed = 0;
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap_or("?");
        let mut env = Map::new();
        for key in ["flag", "company", "user", "options"] {
            if let Some(v) = case.get(key) {
                env.insert(key.to_string(), v.clone());
            }
        }
        let now = parse_rfc3339(case["now"].as_str().expect("now")).expect("now is RFC 3339");
        let now_ms = now.secs * 1000 + (now.nanos / 1_000_000) as i64;
        let envelope = serde_json::to_vec(&Value::Object(env)).unwrap();
        let expect = &case["expect"];
        match run_exports(&envelope, now_ms) {
            None => {
                if expect.is_null() || expect == &Value::from(-1) {
                    passed += 1;
                } else {
                    failures.push(format!("{}: engine returned -1", name));
                }
            }
            Some(out) => {
                let got: Value = serde_json::from_str(&out).expect("result is JSON");
                if normalise(&to_snake(&got)) == normalise(expect) {
                    passed += 1;
                } else {
                    failures.push(format!("{}:\n  got    {}\n  expect {}", name, out, expect));
                }
            }
        }
    }
    println!("public vectors: {}/{} passed", passed, cases.len());
    for f in &failures {
        println!("FAIL {}", f);
    }
    assert_eq!(cases.len(), 84, "expected 84 public vectors");
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed",
        failures.len(),
        cases.len()
    );
}
