//! The wasm exports (rules-engine.md §11, datastream.md §6).
//!
//! Call protocol: `ptr = alloc(len)`, write the UTF-8 JSON envelope at `ptr`,
//! `setCurrentTimeMillis(now)`, `n = checkFlagCombined(ptr, len)` (−1 when the
//! input is rejected), read `getResultJsonLength()` bytes at
//! `getResultJson()`, `dealloc(ptr, len)`.
//!
//! The module keeps its state (last result, current time) per thread; on
//! wasm32 there is exactly one thread. The functions are also compiled for
//! the host so that tests can drive the very same entry points.

#![allow(non_snake_case)]

use std::cell::RefCell;

use crate::model::{Company, Flag, MetricPeriod, User};
use crate::periods;
use crate::time::Instant;

struct State {
    result: Vec<u8>,
    now_millis: Option<i64>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State { result: Vec::new(), now_millis: None });
}

const VERSION_KEY_NUL: &[u8] = b"14269364\0";

/// Allocate `len` bytes for the host to write into.
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut buf: Vec<u8> = Vec::with_capacity(len);
    let ptr = buf.as_mut_ptr();
    std::mem::forget(buf);
    ptr
}

/// Free a buffer obtained from [`alloc`] with the same `len`.
///
/// # Safety
/// `ptr`/`len` must come from one earlier `alloc` call and be freed once.
#[no_mangle]
pub unsafe extern "C" fn dealloc(ptr: *mut u8, len: usize) {
    if ptr.is_null() {
        return;
    }
    drop(Vec::from_raw_parts(ptr, 0, len));
}

/// Set the evaluation instant (Unix milliseconds).
#[no_mangle]
pub extern "C" fn setCurrentTimeMillis(millis: i64) {
    STATE.with(|s| s.borrow_mut().now_millis = Some(millis));
}

unsafe fn input<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if ptr.is_null() || len == 0 {
        &[]
    } else {
        std::slice::from_raw_parts(ptr, len)
    }
}

fn store_result(json: Option<String>) -> i32 {
    match json {
        Some(json) => STATE.with(|s| {
            let mut s = s.borrow_mut();
            s.result = json.into_bytes();
            s.result.len() as i32
        }),
        // The previous result stays in place.
        None => -1,
    }
}

pub(crate) fn now_millis() -> Option<i64> {
    STATE.with(|s| s.borrow().now_millis)
}

/// Run `write` with the persistent result buffer (inside the per-call arena
/// on wasm32, see `checkFlagCombined`); returns the result length, or −1 when
/// `write` returns false (the previous result then stays in place).
pub(crate) fn with_result(write: impl FnOnce(&mut Vec<u8>) -> bool) -> i32 {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        if s.result.capacity() < 1024 {
            s.result.reserve(1024);
        }
        #[cfg(target_arch = "wasm32")]
        crate::arena::begin();
        let ok = write(&mut s.result);
        #[cfg(target_arch = "wasm32")]
        crate::arena::end();
        if ok {
            s.result.len() as i32
        } else {
            -1
        }
    })
}

/// Evaluate the JSON envelope at `ptr`; returns the result length or −1.
///
/// # Safety
/// `ptr` must point to `len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn checkFlagCombined(ptr: *const u8, len: usize) -> i32 {
    let now = now_millis();
    #[cfg(target_arch = "wasm32")]
    {
        // Everything the call allocates comes from the bump arena, except
        // the persistent result buffer: it has capacity before the arena is
        // switched on, so it only ever grows through the system allocator.
        STATE.with(|s| {
            let mut s = s.borrow_mut();
            if s.result.capacity() < 1024 {
                s.result.reserve(1024);
            }
            crate::arena::begin();
            let ok = crate::check_flag_combined_into(input(ptr, len), now, &mut s.result);
            crate::arena::end();
            if ok {
                s.result.len() as i32
            } else {
                // The previous result stays in place.
                -1
            }
        })
    }
    #[cfg(not(target_arch = "wasm32"))]
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        if crate::check_flag_combined_into(input(ptr, len), now, &mut s.result) {
            s.result.len() as i32
        } else {
            // The previous result stays in place.
            -1
        }
    })
}

/// Legacy variant with separate flag, company and user JSON buffers (length
/// 0 = absent). No preflight options.
///
/// # Safety
/// Each non-empty pointer must point to its length of readable bytes.
#[no_mangle]
pub unsafe extern "C" fn checkFlag(
    flag_ptr: *const u8,
    flag_len: usize,
    company_ptr: *const u8,
    company_len: usize,
    user_ptr: *const u8,
    user_len: usize,
) -> i32 {
    let run = || -> Option<String> {
        let flag = Flag::parse(input(flag_ptr, flag_len)).ok()?;
        let company = if company_len == 0 {
            None
        } else {
            Some(Company::parse(input(company_ptr, company_len)).ok()?)
        };
        let user = if user_len == 0 {
            None
        } else {
            Some(User::parse(input(user_ptr, user_len)).ok()?)
        };
        let now = now_instant();
        Some(crate::engine::check_flag(&flag, company.as_ref(), user.as_ref(), None, now).to_json())
    };
    store_result(run())
}

/// Pointer to the last result (UTF-8 JSON, not NUL-terminated).
#[no_mangle]
pub extern "C" fn getResultJson() -> *const u8 {
    STATE.with(|s| s.borrow().result.as_ptr())
}

/// Byte length of the last result.
#[no_mangle]
pub extern "C" fn getResultJsonLength() -> i32 {
    STATE.with(|s| s.borrow().result.len() as i32)
}

/// NUL-terminated version key (static; do not free).
#[no_mangle]
pub extern "C" fn get_version_key_wasm() -> *const u8 {
    VERSION_KEY_NUL.as_ptr()
}

/// Smoke test: returns 42.
#[no_mangle]
pub extern "C" fn test_function() -> i32 {
    42
}

fn to_unix_secs(i: Option<Instant>) -> i64 {
    i.map(|i| i.whole_secs()).unwrap_or(-1)
}

fn now_instant() -> Option<Instant> {
    now_millis().map(Instant::from_millis)
}

/// Start of the current calendar period in Unix seconds, −1 for none (or
/// when no time was set). Codes: 0=all_time, 1=current_day,
/// 2=current_month, 3=current_week.
#[no_mangle]
pub extern "C" fn getCurrentMetricPeriodStartForCalendarMetricPeriod(code: i32) -> i64 {
    match (MetricPeriod::from_wasm_code(code), now_instant()) {
        (Some(p), Some(now)) => to_unix_secs(periods::current_calendar_start(p, now)),
        _ => -1,
    }
}

/// Next reset of a calendar period in Unix seconds, −1 for none.
#[no_mangle]
pub extern "C" fn getNextMetricPeriodStartForCalendarMetricPeriod(code: i32) -> i64 {
    match (MetricPeriod::from_wasm_code(code), now_instant()) {
        (Some(p), Some(now)) => to_unix_secs(periods::next_calendar_reset(p, now)),
        _ => -1,
    }
}

unsafe fn company_arg<'a>(ptr: *const u8, len: usize) -> Option<Company<'a>> {
    Company::parse(input(ptr, len)).ok()
}

/// Start of the current billing-cycle month for a company JSON, Unix
/// seconds, −1 for none or invalid input.
///
/// # Safety
/// `ptr` must point to `len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn getCurrentMetricPeriodStartForCompanyBillingSubscription(
    ptr: *const u8,
    len: usize,
) -> i64 {
    match (company_arg(ptr, len), now_instant()) {
        (Some(c), Some(now)) => {
            to_unix_secs(periods::current_billing_start(c.subscription.as_ref(), now))
        }
        _ => -1,
    }
}

/// Next billing-cycle reset for a company JSON, Unix seconds, −1 for none or
/// invalid input.
///
/// # Safety
/// `ptr` must point to `len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn getNextMetricPeriodStartForCompanyBillingSubscription(
    ptr: *const u8,
    len: usize,
) -> i64 {
    match (company_arg(ptr, len), now_instant()) {
        (Some(c), Some(now)) => {
            to_unix_secs(periods::next_billing_reset(c.subscription.as_ref(), now))
        }
        _ => -1,
    }
}
