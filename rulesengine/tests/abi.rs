//! The exported functions, driven on the host like an SDK drives the module.

use schematic_rulesengine::abi::*;
use schematic_rulesengine::time::secs_from_civil;
use schematic_rulesengine::VERSION_KEY;

unsafe fn write(bytes: &[u8]) -> *mut u8 {
    let ptr = alloc(bytes.len());
    std::ptr::copy_nonoverlapping(bytes.as_ptr(), ptr, bytes.len());
    ptr
}

unsafe fn last_result() -> String {
    let p = getResultJson();
    let n = getResultJsonLength() as usize;
    String::from_utf8(std::slice::from_raw_parts(p, n).to_vec()).unwrap()
}

const FLAG: &str =
    r#"{"id":"f","account_id":"a","environment_id":"e","key":"k","default_value":true,"rules":[]}"#;

#[test]
fn combined_call_and_rejection_keeps_previous_result() {
    unsafe {
        let env = format!(r#"{{"flag":{}}}"#, FLAG);
        let p = write(env.as_bytes());
        let n = checkFlagCombined(p, env.len());
        dealloc(p, env.len());
        assert!(n > 0);
        let first = last_result();
        assert_eq!(first.len(), n as usize);
        assert!(first
            .starts_with(r#"{"value":true,"reason":"No rules matched; default value for flag""#));

        let bad = br#"{"flag":null}"#;
        let p = write(bad);
        assert_eq!(checkFlagCombined(p, bad.len()), -1);
        dealloc(p, bad.len());
        assert_eq!(last_result(), first);

        assert_eq!(checkFlagCombined(std::ptr::null(), 0), -1);
    }
}

#[test]
fn legacy_three_buffer_call() {
    unsafe {
        let company = br#"{"id":"c","account_id":"a","environment_id":"e"}"#;
        let fp = write(FLAG.as_bytes());
        let cp = write(company);
        let n = checkFlag(fp, FLAG.len(), cp, company.len(), std::ptr::null(), 0);
        assert!(n > 0);
        assert!(last_result().contains(r#""companyId":"c","userId":null"#));
        dealloc(fp, FLAG.len());
        dealloc(cp, company.len());
    }
}

#[test]
fn version_key_and_smoke_test() {
    unsafe {
        let p = get_version_key_wasm();
        let s = std::ffi::CStr::from_ptr(p as *const std::os::raw::c_char);
        assert_eq!(s.to_str().unwrap(), VERSION_KEY);
    }
    assert_eq!(test_function(), 42);
}

#[test]
fn period_helpers() {
    // each test thread has its own state: nothing set yet → −1
    assert_eq!(getNextMetricPeriodStartForCalendarMetricPeriod(1), -1);
    setCurrentTimeMillis(secs_from_civil(2026, 3, 18, 15, 30, 0) * 1000 + 123);
    let day = |d: u32| secs_from_civil(2026, 3, d, 0, 0, 0);
    assert_eq!(getNextMetricPeriodStartForCalendarMetricPeriod(0), -1);
    assert_eq!(getNextMetricPeriodStartForCalendarMetricPeriod(1), day(19));
    assert_eq!(
        getNextMetricPeriodStartForCalendarMetricPeriod(2),
        secs_from_civil(2026, 4, 1, 0, 0, 0)
    );
    assert_eq!(getNextMetricPeriodStartForCalendarMetricPeriod(3), day(22));
    assert_eq!(getNextMetricPeriodStartForCalendarMetricPeriod(9), -1);
    assert_eq!(
        getCurrentMetricPeriodStartForCalendarMetricPeriod(1),
        day(18)
    );
    assert_eq!(
        getCurrentMetricPeriodStartForCalendarMetricPeriod(2),
        day(1)
    );
    assert_eq!(
        getCurrentMetricPeriodStartForCalendarMetricPeriod(3),
        day(15)
    );
    unsafe {
        let company = br#"{"id":"c","account_id":"a","environment_id":"e","subscription":{"id":"s","period_start":"2026-01-05T12:00:00Z","period_end":"2027-01-05T12:00:00Z"}}"#;
        let p = write(company);
        assert_eq!(
            getNextMetricPeriodStartForCompanyBillingSubscription(p, company.len()),
            secs_from_civil(2026, 4, 5, 12, 0, 0)
        );
        assert_eq!(
            getCurrentMetricPeriodStartForCompanyBillingSubscription(p, company.len()),
            secs_from_civil(2026, 3, 5, 12, 0, 0)
        );
        dealloc(p, company.len());
        assert_eq!(
            getNextMetricPeriodStartForCompanyBillingSubscription(std::ptr::null(), 0),
            -1
        );
    }
}
