//! The resident-entity interface (`entityPut` / `checkFlagHandles` /
//! `entityDrop`) gives byte-for-byte the answer of `checkFlagCombined` on
//! every public vector and every diff-corpus case; where an entity cannot be
//! registered the envelope must have rejected the input too (the SDK then
//! falls back to the envelope). A `null` company or user is passed as absent.

mod common;

use schematic_rulesengine::abi;
use schematic_rulesengine::resident::*;
use serde_json::Value;

unsafe fn put(kind: i32, v: &Value) -> i32 {
    let bytes = serde_json::to_vec(v).unwrap();
    let ptr = abi::alloc(bytes.len());
    std::ptr::copy_nonoverlapping(bytes.as_ptr(), ptr, bytes.len());
    entityPut(kind, ptr, bytes.len())
}

fn last_result(n: i32) -> String {
    unsafe {
        let bytes = std::slice::from_raw_parts(abi::getResultJson(), n as usize).to_vec();
        String::from_utf8(bytes).unwrap()
    }
}

/// `Some(out)` / `None` (rejected) like `run_exports`, or `Err` when an
/// entity could not be registered (the SDK then uses the envelope).
fn run_handles(case: &Value) -> Result<Option<String>, String> {
    unsafe {
        let mut handles = Vec::new();
        let mut handle = |kind: i32, key: &str| -> Result<i32, String> {
            match case.get(key) {
                // absent, as the SDK passes it (no handle)
                None | Some(Value::Null) if key != "flag" => Ok(-1),
                None => Err(format!("{} absent", key)),
                Some(v) => {
                    let h = put(kind, v);
                    if h < 0 {
                        return Err(format!("{} not registered", key));
                    }
                    handles.push(h);
                    Ok(h)
                }
            }
        };
        let f = handle(0, "flag");
        let c = handle(1, "company");
        let u = handle(2, "user");
        let out = match (f, c, u) {
            (Ok(f), Ok(c), Ok(u)) if f >= 0 => {
                let options = case
                    .get("options")
                    .map(|o| serde_json::to_vec(o).unwrap())
                    .unwrap_or_default();
                abi::setCurrentTimeMillis(common::now_millis(case));
                let n = checkFlagHandles(f, c, u, options.as_ptr(), options.len());
                Ok(if n < 0 { None } else { Some(last_result(n)) })
            }
            (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => Err(e),
            _ => Err("no flag".to_string()),
        };
        for h in handles {
            entityDrop(h);
        }
        out
    }
}

fn agree(name: &str) {
    let cases = common::load_cases(name);
    let mut by_handle = 0;
    for case in &cases {
        let label = case["name"].as_str().unwrap_or("?");
        let envelope = common::run_exports(&common::envelope(case), common::now_millis(case));
        match run_handles(case) {
            Ok(out) => {
                assert_eq!(out, envelope, "{}: handles and envelope differ", label);
                by_handle += 1;
            }
            Err(why) => {
                assert!(
                    envelope.is_none(),
                    "{}: {} but the envelope accepted it: {:?}",
                    label,
                    why,
                    envelope
                );
            }
        }
    }
    assert_eq!(entityCount(), 0, "every entity was dropped");
    println!("{}: {}/{} cases by handle", name, by_handle, cases.len());
    assert!(by_handle * 10 >= cases.len() * 8, "most cases run by handle");
}

#[test]
fn vectors_by_handle_equal_the_envelope() {
    agree("rules-vectors-public.json");
}

#[test]
fn diff_corpus_by_handle_equals_the_envelope() {
    agree("rules-diff-public.json.gz");
}

#[test]
fn bad_handles_are_rejected_and_slots_are_reused() {
    unsafe {
        let flag = serde_json::json!({"id":"f","account_id":"a","environment_id":"e","key":"k","default_value":true,"rules":[]});
        let company = serde_json::json!({"id":"c","account_id":"a","environment_id":"e"});
        let f = put(0, &flag);
        let c = put(1, &company);
        assert!(f >= 0 && c >= 0);
        assert_eq!(put(1, &flag) >= 0, true, "a flag's members do not make an invalid company");
        assert_eq!(put(0, &company), -1, "a company is not a flag (no key)");
        assert_eq!(put(1, &Value::Null), -1);
        assert_eq!(put(7, &flag), -1, "unknown kind");
        assert_eq!(checkFlagHandles(c, -1, -1, std::ptr::null(), 0), -1, "company handle as flag");
        assert_eq!(checkFlagHandles(f, f, -1, std::ptr::null(), 0), -1, "flag handle as company");
        assert_eq!(checkFlagHandles(f, -1, 99, std::ptr::null(), 0), -1, "unknown user handle");
        let bad = b"{\"nope";
        assert_eq!(checkFlagHandles(f, c, -1, bad.as_ptr(), bad.len()), -1, "invalid options");
        let n = checkFlagHandles(f, c, -1, std::ptr::null(), 0);
        assert!(n > 0);
        assert!(last_result(n).contains(r#""companyId":"c""#));
        entityDrop(c);
        assert_eq!(checkFlagHandles(f, c, -1, std::ptr::null(), 0), -1, "dropped handle");
        let again = put(1, &company);
        assert_eq!(again, c, "the freed slot is reused");
        entityDrop(again);
        entityDrop(f);
        entityDrop(f); // twice: ignored
    }
}
