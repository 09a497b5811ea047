//! A Schematic-compatible feature-flag rules engine.
//!
//! The behaviour follows `shared/ref/rules-engine.md` (the semantics of the
//! official compiled engine, WASM 0.7.0); the binary interface follows
//! `shared/ref/datastream.md` §6. Module map:
//!
//! * [`json`]        – the single-pass JSON reader (acceptance rules) and writer
//! * [`model`]       – input types and how they are read from JSON
//! * [`time`]        – UTC calendar arithmetic and RFC 3339
//! * [`conversions`] – string/int/bool/date trait comparisons (§8)
//! * [`periods`]     – metric period starts and reset timestamps (§9)
//! * [`credits`]     – credit conditions and preflight validation (§6.4, §7)
//! * [`conditions`]  – condition and rule matching (§5.1, §6)
//! * [`engine`]      – rule collection, ordering and the check (§4, §5.2)
//! * [`result`]      – the result and its camelCase JSON
//! * [`abi`]         – the exported wasm functions (§11)
//! * [`resident`]    – entities kept parsed in memory, evaluated by handle

/// `match` over a JSON member name, for the readers in [`model`]: the same
/// arms as `match k { "id" => …, _ => … }`. The name is compared in a
/// separate small function with [`json::key_is`] (length, then whole 8/4-byte
/// words against the literal) instead of calls to `memcmp`, which loops byte
/// by byte under Chicory; the reader then only switches on the arm's index,
/// so it stays small enough for HotSpot to compile (see README.md).
macro_rules! match_key {
    ($k:expr, { $($lit:literal => $e:expr,)* _ => $d:expr $(,)? }) => {{
        #[inline(never)]
        fn arm(k: &[u8]) -> u32 {
            let name = $crate::json::MemberName::new(k);
            let mut i = 0u32;
            $(
                if name.is($lit.as_bytes()) {
                    return i;
                }
                i += 1;
            )*
            let _ = i;
            u32::MAX
        }
        let index = arm($k.as_bytes());
        let mut i = 0u32;
        $(
            if index == i {
                return $e;
            }
            i += 1;
        )*
        let _ = i;
        $d
    }};
}

pub mod abi;
#[cfg(target_arch = "wasm32")]
mod arena;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOC: arena::BumpAlloc = arena::BumpAlloc;

pub mod conditions;
pub mod conversions;
pub mod credits;
pub mod engine;
pub mod json;
pub mod model;
pub mod periods;
pub mod resident;
pub mod result;
pub mod time;

use model::Envelope;
use time::Instant;

/// Version key reported by `get_version_key_wasm`. It names the cache
/// namespace of direct-mode SDKs; this engine reads and writes the same data
/// model as the official engine 0.7.0, so it reports the same key.
pub const VERSION_KEY: &str = "14269364";

/// Evaluate one UTF-8 JSON envelope `{"flag", "company", "user", "options"}`
/// and return the camelCase result JSON, or `None` when the input is invalid
/// (the wasm export then returns -1). This is what `checkFlagCombined` runs.
pub fn check_flag_combined(input: &[u8], now_millis: Option<i64>) -> Option<String> {
    let mut out = Vec::new();
    if check_flag_combined_into(input, now_millis, &mut out) {
        String::from_utf8(out).ok()
    } else {
        None
    }
}

/// Like [`check_flag_combined`], but the result replaces the contents of
/// `out`; returns false (and leaves `out` alone) when the input is invalid.
pub fn check_flag_combined_into(input: &[u8], now_millis: Option<i64>, out: &mut Vec<u8>) -> bool {
    let env = match Envelope::parse(input) {
        Ok(env) => env,
        Err(_) => return false,
    };
    let result = engine::check_flag(
        &env.flag,
        env.company.as_ref(),
        env.user.as_ref(),
        env.options.as_ref(),
        now_millis.map(Instant::from_millis),
    );
    out.clear();
    result.write_json(out);
    true
}
