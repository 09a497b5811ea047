//! The fuzzer: random and mutated envelopes (int64 limits, huge and deeply
//! nested arrays, invalid UTF-8, truncated JSON, every member null,
//! duplicated members, camelCase spellings, odd trait values) through the
//! exported entry points of the host build. The engine must never panic (a
//! panic is a trap in the wasm build), must answer or reject every case
//! within `TIME_BOUND`, and must give the same answer as the wasm build:
//! with `FUZZ_DUMP=<file>` every case and the host's answer are written to
//! `<file>`, and `dev.schematic.rules.RulesFuzzAgreementTest` (schematic-cdi)
//! replays them through the committed module under Chicory, byte for byte,
//! and checks the module's memory bound.
//!
//! ```sh
//! # CI: 3,000 cases, a few seconds (the Maven build sets FUZZ_DUMP)
//! env PATH=/usr/bin:/bin cargo test --offline --locked --release --test fuzz
//! # longer: any count and seed; FUZZ_FIRST=<i> starts at case i (a shard); FUZZ_ONLY=<i> replays one case
//! FUZZ_CASES=1000000 FUZZ_SEED=7 env PATH=/usr/bin:/bin nice -n 19 cargo test --offline --locked --release --test fuzz -- --nocapture
//! # long host/WASM agreement run, in resumable shards (schematic-cdi's RulesFuzzLongRun)
//! rulesengine/tools/fuzz-agreement.sh [seed] [cases] [shard] [state dir]
//! ```
//!
//! Dump format (little-endian), after the 8-byte magic `SRFUZZ1\n`, per case:
//! `u32` envelope length, the envelope, `i64` now (Unix ms), `i32` status
//! (−1 rejected, else the result length), the result bytes.

mod common;
mod fuzzgen;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use fuzzgen::Rng;

/// Cases when `FUZZ_CASES` is not set (CI).
const DEFAULT_CASES: u64 = 3_000;
/// Every case must be answered or rejected within this time (host build; a
/// bound against hangs and quadratic blow-ups, not a performance figure).
const TIME_BOUND: Duration = Duration::from_secs(5);
/// Envelopes are cut to this size (the largest generated ones are ~400 KB).
const MAX_ENVELOPE: usize = 1 << 20;

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default)
}

/// The seed envelopes: the public vectors and the diff corpus.
fn seeds() -> Vec<(Vec<u8>, i64)> {
    let mut out = Vec::new();
    for file in ["rules-vectors-public.json", "rules-diff-public.json.gz"] {
        for case in common::load_cases(file) {
            out.push((common::envelope(&case), common::now_millis(&case)));
        }
    }
    out
}

/// Case `i` of the run with `seed`: reproducible on its own.
fn case(seed: u64, i: u64, seeds: &[(Vec<u8>, i64)]) -> (Vec<u8>, i64) {
    let mut rng = Rng::new(seed ^ i.wrapping_mul(0xD134_2543_DE82_EF95));
    let (mut env, mut now) = match rng.below(4) {
        0 => (fuzzgen::envelope(&mut rng), rng.pick(fuzzgen::NOWS)),
        1 => {
            let g = fuzzgen::envelope(&mut rng);
            (fuzzgen::mutate(&mut rng, g), rng.pick(fuzzgen::NOWS))
        }
        2 => {
            let (s, n) = seeds[rng.below(seeds.len())].clone();
            (fuzzgen::mutate(&mut rng, s), n)
        }
        _ => seeds[rng.below(seeds.len())].clone(),
    };
    if rng.chance(10) {
        now = rng.pick(fuzzgen::NOWS);
    }
    env.truncate(MAX_ENVELOPE);
    (env, now)
}

#[test]
fn fuzz_never_traps_answers_in_bounded_time() {
    let cases = env_u64("FUZZ_CASES", DEFAULT_CASES);
    // FUZZ_FIRST=<i>: start at case i (a shard of a long run: cases i .. i+FUZZ_CASES)
    let first = env_u64("FUZZ_FIRST", 0);
    let seed = env_u64("FUZZ_SEED", 0x5EED);
    let only = std::env::var("FUZZ_ONLY").ok().and_then(|v| v.parse::<u64>().ok());
    let mut dump = std::env::var("FUZZ_DUMP").ok().map(|path| {
        if let Some(dir) = std::path::Path::new(&path).parent() {
            std::fs::create_dir_all(dir).ok();
        }
        let mut w = BufWriter::new(File::create(&path).expect("FUZZ_DUMP file"));
        w.write_all(b"SRFUZZ1\n").unwrap();
        w
    });
    let seeds = seeds();
    let trace = std::env::var("FUZZ_TRACE").is_ok();
    let started = Instant::now();
    let (mut accepted, mut rejected, mut bytes) = (0u64, 0u64, 0u64);
    let (mut slowest, mut slowest_case, mut largest) = (Duration::ZERO, 0u64, 0usize);
    let mut panics = Vec::new();
    let range = match only {
        Some(i) => i..i + 1,
        None => first..first + cases,
    };
    for i in range {
        let t0 = Instant::now();
        let (env, now) = case(seed, i, &seeds);
        if trace {
            eprintln!("case {} generated: {} bytes in {:?}", i, env.len(), t0.elapsed());
            if only.is_some() {
                eprintln!("now {} envelope {}", now, String::from_utf8_lossy(&env));
            }
        }
        let t = Instant::now();
        let out = catch_unwind(AssertUnwindSafe(|| common::run_exports(&env, now)));
        let took = t.elapsed();
        if took > slowest {
            slowest = took;
            slowest_case = i;
        }
        largest = largest.max(env.len());
        if (i + 1 - first) % 50_000 == 0 {
            eprintln!(
                "fuzz progress: {} cases in {:.0} s, {} answered, {} rejected, {} panics, slowest {:?}",
                i + 1,
                started.elapsed().as_secs_f64(),
                accepted,
                rejected,
                panics.len(),
                slowest
            );
        }
        bytes += env.len() as u64;
        match out {
            Err(_) => {
                let head = String::from_utf8_lossy(&env[..env.len().min(300)]).into_owned();
                panics.push(format!("case {} (FUZZ_SEED={} FUZZ_ONLY={}): {}", i, seed, i, head));
            }
            Ok(result) => {
                match &result {
                    Some(_) => accepted += 1,
                    None => rejected += 1,
                }
                if let Some(w) = dump.as_mut() {
                    w.write_all(&(env.len() as u32).to_le_bytes()).unwrap();
                    w.write_all(&env).unwrap();
                    w.write_all(&now.to_le_bytes()).unwrap();
                    match result {
                        Some(r) => {
                            w.write_all(&(r.len() as i32).to_le_bytes()).unwrap();
                            w.write_all(r.as_bytes()).unwrap();
                        }
                        None => w.write_all(&(-1i32).to_le_bytes()).unwrap(),
                    }
                }
            }
        }
    }
    if let Some(mut w) = dump {
        w.flush().unwrap();
    }
    let total = accepted + rejected + panics.len() as u64;
    println!(
        "fuzz: {} cases (seed {}) in {:.1} s: {} answered, {} rejected, {} panics; envelopes {} MB total, \
         largest {} bytes; slowest {:?} (case {})",
        total,
        seed,
        started.elapsed().as_secs_f64(),
        accepted,
        rejected,
        panics.len(),
        bytes / 1_000_000,
        largest,
        slowest,
        slowest_case
    );
    for p in panics.iter().take(10) {
        println!("PANIC {}", p);
    }
    assert!(panics.is_empty(), "{} cases panicked (a trap in the wasm build)", panics.len());
    assert!(slowest <= TIME_BOUND, "case {} took {:?} (bound {:?})", slowest_case, slowest, TIME_BOUND);
    if only.is_none() && cases >= 1000 {
        // a fuzzer that only produces rejections (or only answers) tests little
        assert!(accepted * 10 > total && rejected * 10 > total, "answered {} rejected {}", accepted, rejected);
    }
}

/// Clean generated envelopes are mostly answered (so the fuzzer reaches the evaluation, not only the reader).
#[test]
fn clean_generated_envelopes_are_mostly_answered() {
    let (mut answered, mut total) = (0, 0);
    for i in 0..400u64 {
        let mut rng = Rng::new(i);
        let env = fuzzgen::envelope(&mut rng);
        if !rng.clean {
            continue;
        }
        total += 1;
        match common::run_exports(&env, 1_773_847_800_000) {
            Some(_) => answered += 1,
            None if total < 3 => println!("rejected: {}", String::from_utf8_lossy(&env)),
            None => {}
        }
    }
    println!("clean envelopes: {} of {} answered", answered, total);
    assert!(answered * 2 > total, "{} of {} clean envelopes answered", answered, total);
}
