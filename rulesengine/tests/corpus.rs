//! Runs the diff corpus (the project's copy of
//! `shared/ref/rules-diff-public.json.gz`: 2,000 random envelopes with odd
//! values on purpose and 6 hand-made condition-group cases, each with the
//! official engine's answer) through the exported entry points on the host
//! build of the crate. Comparison rules: see `common/mod.rs`.

mod common;

#[test]
fn diff_corpus_matches_official_engine() {
    let cases = common::load_cases("rules-diff-public.json.gz");
    let (passed, failures) = common::run_cases(&cases);
    println!("diff corpus: {}/{} passed", passed, cases.len());
    for f in &failures {
        println!("FAIL {}", f);
    }
    assert_eq!(cases.len(), 2006, "expected 2,006 corpus cases");
    assert!(failures.is_empty(), "{} of {} corpus cases failed", failures.len(), cases.len());
}
