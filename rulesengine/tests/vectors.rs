//! Runs the public vectors (the project's copy of
//! `shared/ref/rules-vectors-public.json`, checked against the official
//! engine) through the exported wasm entry points, driven on the host exactly
//! as an SDK drives the module: `alloc` → write → `setCurrentTimeMillis` →
//! `checkFlagCombined` → `getResultJson`/`getResultJsonLength` → `dealloc`.
//! Comparison rules: see `common/mod.rs`.

mod common;

#[test]
fn public_vectors_match_official_engine() {
    let cases = common::load_cases("rules-vectors-public.json");
    let (passed, failures) = common::run_cases(&cases);
    println!("public vectors: {}/{} passed", passed, cases.len());
    for f in &failures {
        println!("FAIL {}", f);
    }
    assert_eq!(cases.len(), 84, "expected 84 public vectors");
    assert!(failures.is_empty(), "{} of {} vectors failed", failures.len(), cases.len());
}
