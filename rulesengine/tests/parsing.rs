//! The hand-written JSON reader (src/json.rs) must accept exactly what
//! `serde_json::from_slice::<serde_json::Value>` accepted before it, and read
//! members with the same rules. Malformed input stays −1.

use schematic_rulesengine::check_flag_combined;
use serde_json::Value;

const FLAG: &str =
    r#"{"id":"f","account_id":"a","environment_id":"e","key":"k","default_value":true,"rules":[]}"#;

fn accepted(env: &str) -> bool {
    check_flag_combined(env.as_bytes(), Some(0)).is_some()
}

/// `snippet` placed as the value of an unknown member: accepted exactly when
/// serde_json parses the document.
fn same_as_serde(snippet: &[u8]) {
    let mut env = br#"{"flag":"#.to_vec();
    env.extend_from_slice(FLAG.as_bytes());
    env.extend_from_slice(br#","extra":"#);
    env.extend_from_slice(snippet);
    env.push(b'}');
    let serde_ok = serde_json::from_slice::<Value>(&env).is_ok();
    let ours = check_flag_combined(&env, Some(0)).is_some();
    assert_eq!(ours, serde_ok, "{:?}", String::from_utf8_lossy(snippet));
}

#[test]
fn syntax_matches_serde_json() {
    let snippets: &[&[u8]] = &[
        b"1",
        b"-1",
        b"0",
        b"-0",
        b"01",
        b"-01",
        b"1.",
        b".5",
        b"1.5",
        b"1e5",
        b"1E+5",
        b"1e-5",
        b"1e",
        b"1e+",
        b"+1",
        b"-",
        b"--1",
        b"1.5.5",
        b"0x10",
        b"1e400",
        b"-1e400",
        b"1e-400",
        b"18446744073709551615",
        b"18446744073709551616",
        b"-9223372036854775808",
        b"-9223372036854775809",
        b"123456789012345678901234567890",
        b"NaN",
        b"Infinity",
        b"true",
        b"false",
        b"null",
        b"tru",
        b"nul",
        b"nulll",
        b"True",
        b"\"\"",
        b"\"a\"",
        b"\"\\n\\t\\\"\\\\\\/\\b\\f\\r\"",
        b"\"\\u0041\"",
        b"\"\\u00e9\"",
        b"\"\\ud83d\\ude00\"",
        b"\"\\ud83d\"",
        b"\"\\ude00\"",
        b"\"\\ud83dx\"",
        b"\"\\u12\"",
        b"\"\\x\"",
        b"\"\\\"",
        b"\"a\x01b\"",
        b"\"a\x1fb\"",
        b"\"a\x7fb\"",
        "\"é€😀\"".as_bytes(),
        b"\"\xc3\"",
        b"\"\xff\"",
        b"\"\xed\xa0\x80\"",
        b"\xc3\xa9",
        b"\"abc",
        b"[]",
        b"[1,2]",
        b"[1,]",
        b"[,1]",
        b"[1 2]",
        b"{}",
        b"{\"a\":1}",
        b"{\"a\":1,}",
        b"{\"a\" 1}",
        b"{1:2}",
        b"{\"a\":1,\"a\":2}",
        b"{\"a\":}",
        b"[[[]]]",
        b" [ 1 , { \"a\" : [ ] } ] ",
        b"\t\r\n1",
        b"\x0c1",
        b"'a'",
        b"[1]]",
        b"",
    ];
    for s in snippets {
        same_as_serde(s);
    }
}

#[test]
fn recursion_limit_matches_serde_json() {
    // The envelope is level 1; serde_json fails at the 128th nested level.
    for depth in [125usize, 126, 127, 128, 200] {
        let mut s = vec![b'['; depth];
        s.extend(std::iter::repeat(b']').take(depth));
        same_as_serde(&s);
        let mut s = Vec::new();
        for _ in 0..depth {
            s.extend_from_slice(br#"{"a":"#);
        }
        s.push(b'1');
        s.extend(std::iter::repeat(b'}').take(depth));
        same_as_serde(&s);
    }
}

#[test]
fn document_level() {
    let env = format!(r#"{{"flag":{}}}"#, FLAG);
    assert!(accepted(&env));
    assert!(accepted(&format!(" \n{}\t\r\n", env)));
    assert!(!accepted(&format!("{} x", env)));
    assert!(!accepted(&format!("{}{}", env, env)));
    assert!(!accepted(&format!("\u{feff}{}", env)));
    assert!(!accepted(""));
    assert!(!accepted("[]"));
    assert!(!accepted("null"));
    assert!(!accepted(&env[..env.len() - 1]));
    // invalid UTF-8 inside a value string
    let mut bad = env.clone().into_bytes();
    let at = bad.windows(3).position(|w| w == b"\"k\"").unwrap() + 1;
    bad[at] = 0xff;
    assert!(check_flag_combined(&bad, Some(0)).is_none());
}

fn flag_with(member: &str) -> String {
    format!(
        r#"{{"flag":{{"id":"f","account_id":"a","environment_id":"e","key":"k","default_value":true,{}}}}}"#,
        member
    )
}

#[test]
fn duplicate_members_last_one_wins() {
    // same spelling twice: the last value counts, even after a wrong type
    assert!(accepted(&flag_with(r#""rules":5,"rules":[]"#)));
    assert!(!accepted(&flag_with(r#""rules":[],"rules":5"#)));
    assert!(accepted(&flag_with(r#""rules":null,"rules":[]"#)));
    // a later duplicate still has to be valid JSON
    assert!(!accepted(&flag_with(r#""rules":[1,],"rules":[]"#)));
    let out = check_flag_combined(
        br#"{"flag":{"id":"f","account_id":"a","environment_id":"e","key":"k","default_value":true,"default_value":false}}"#,
        Some(0),
    )
    .unwrap();
    assert!(out.starts_with(r#"{"value":false,"#));
    // both spellings: rejected, also when one is null
    assert!(!accepted(&flag_with(r#""defaultValue":true"#)));
    assert!(!accepted(
        r#"{"flag":{"id":"f","account_id":"a","accountId":null,"environment_id":"e","key":"k","default_value":true}}"#
    ));
    // envelope members
    assert!(accepted(&format!(r#"{{"flag":null,"flag":{}}}"#, FLAG)));
    assert!(!accepted(&format!(r#"{{"flag":{},"flag":null}}"#, FLAG)));
}

#[test]
fn escaped_strings_are_decoded() {
    // keys and values with escapes read like their plain spelling
    let out = check_flag_combined(
        br#"{"fl\u0061g":{"id":"f\u00e9","account_id":"a","environment_id":"e","k\u0065y":"a\"b\\c\/d\n","default_value":true}}"#,
        Some(0),
    )
    .unwrap();
    assert!(
        out.contains(r#""flagId":"fé","flagKey":"a\"b\\c/d\n""#),
        "{}",
        out
    );
}

#[test]
fn output_escaping_matches_serde_json() {
    let key = "q\"b\\s\u{1}\u{8}\u{9}\u{a}\u{c}\u{d}\u{1f}\u{7f}é😀/";
    let env = serde_json::json!({"flag": {"id": "f", "account_id": "a", "environment_id": "e",
        "key": key, "default_value": true}});
    let out = check_flag_combined(&serde_json::to_vec(&env).unwrap(), Some(0)).unwrap();
    let expect = format!(r#""flagKey":{}"#, serde_json::to_string(key).unwrap());
    assert!(out.contains(&expect), "{}", out);
    let parsed: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(parsed["flagKey"], Value::from(key));
}

#[test]
fn numbers_follow_serde_json_classes() {
    for (priority, ok) in [
        ("1", true),
        ("-1", true),
        ("9223372036854775807", true),
        ("9223372036854775808", false),
        ("-9223372036854775808", true),
        ("-0", false),
        ("0", true),
        ("1.0", false),
        ("1e2", false),
        ("01", false),
    ] {
        let env = flag_with(&format!(
            r#""rules":[{{"id":"r","account_id":"a","environment_id":"e","rule_type":"standard","name":"n","priority":{},"value":true}}]"#,
            priority
        ));
        assert_eq!(accepted(&env), ok, "priority {}", priority);
    }
    // floats where a float is expected: integers, fractions, exponents
    for (balance, ok) in [
        ("1", true),
        ("-0", true),
        ("1.5e3", true),
        ("1e400", false),
        ("\"1\"", false),
    ] {
        let env = format!(
            r#"{{"flag":{},"company":{{"id":"c","account_id":"a","environment_id":"e","credit_balances":{{"x":{}}}}}}}"#,
            FLAG, balance
        );
        assert_eq!(accepted(&env), ok, "balance {}", balance);
    }
}

#[test]
fn entitlement_floats_are_written_like_serde_json() {
    for v in [
        "1000",
        "1000.0",
        "0.1",
        "1e21",
        "1.5e-7",
        "-0",
        "123456789.125",
    ] {
        let env = format!(
            r#"{{"flag":{},"company":{{"id":"c","account_id":"a","environment_id":"e","entitlements":[{{"feature_id":"x","feature_key":"k","value_type":"credit","credit_total":{}}}]}}}}"#,
            FLAG, v
        );
        let out = check_flag_combined(env.as_bytes(), Some(0)).unwrap();
        let f: f64 = serde_json::from_str(v).unwrap();
        let expect = format!(r#""creditTotal":{}"#, serde_json::to_string(&f).unwrap());
        assert!(out.contains(&expect), "{} -> {}", v, out);
    }
}

#[test]
fn credit_maps_keep_the_last_duplicate() {
    let company = |balances: &str| {
        format!(
            r#"{{"id":"c","account_id":"a","environment_id":"e","credit_balances":{}}}"#,
            balances
        )
    };
    let flag = r#"{"id":"f","account_id":"a","environment_id":"e","key":"k","default_value":false,"rules":[{"id":"r","account_id":"a","environment_id":"e","rule_type":"standard","name":"n","priority":1,"value":true,"conditions":[{"id":"c","account_id":"a","environment_id":"e","condition_type":"credit","operator":"gte","trait_value":"","credit_id":"cr"}]}]}"#;
    let run = |balances: &str, options: &str| {
        let env = format!(
            r#"{{"flag":{},"company":{}{}}}"#,
            flag,
            company(balances),
            options
        );
        let out = check_flag_combined(env.as_bytes(), Some(0)).unwrap();
        out.starts_with(r#"{"value":true"#)
    };
    assert!(run(r#"{"cr":0,"cr":5}"#, ""));
    assert!(!run(r#"{"cr":5,"cr":0}"#, ""));
    // a negative cost overridden by a later one is no error
    assert!(run(
        r#"{"cr":5}"#,
        r#","options":{"credit_cost":{"cr":-1,"cr":2}}"#
    ));
    let env = format!(
        r#"{{"flag":{},"company":{},"options":{{"credit_cost":{{"cr":2,"cr":-1}}}}}}"#,
        flag,
        company(r#"{"cr":5}"#)
    );
    let out = check_flag_combined(env.as_bytes(), Some(0)).unwrap();
    assert!(
        out.contains("preflight credit cost cannot be negative"),
        "{}",
        out
    );
}

#[test]
fn member_names_match_only_the_same_bytes_at_every_length() {
    use schematic_rulesengine::json::key_is;
    let lit = b"abcdefghijklmnopqrstuvwxy";
    for n in 0..=lit.len() {
        let name = &lit[..n];
        assert!(key_is(name, name), "length {n}");
        // one byte different anywhere, or one byte longer or shorter
        for i in 0..n {
            let mut other = name.to_vec();
            other[i] ^= 0x20;
            assert!(!key_is(&other, name), "length {n}, byte {i}");
        }
        if n < lit.len() {
            assert!(!key_is(&lit[..n + 1], name), "length {n}, longer");
        }
        if n > 0 {
            assert!(!key_is(&name[..n - 1], name), "length {n}, shorter");
        }
    }
}

#[test]
fn member_names_read_as_words_match_only_the_same_bytes_at_every_length() {
    use schematic_rulesengine::json::MemberName;
    // past 32 bytes the comparison falls back to `key_is`
    let lit: Vec<u8> = (0..40u32).map(|i| b'a' + ((i * 7) % 26) as u8).collect();
    for n in 0..=lit.len() {
        let name = &lit[..n];
        assert!(MemberName::new(name).is(name), "length {n}");
        for i in 0..n {
            let mut other = name.to_vec();
            other[i] ^= 0x20;
            assert!(!MemberName::new(&other).is(name), "length {n}, byte {i}");
            assert!(!MemberName::new(name).is(&other), "length {n}, byte {i}, reversed");
        }
        if n < lit.len() {
            assert!(!MemberName::new(&lit[..n + 1]).is(name), "length {n}, longer");
            assert!(!MemberName::new(name).is(&lit[..n + 1]), "length {n}, literal longer");
        }
        if n > 0 {
            assert!(!MemberName::new(&name[..n - 1]).is(name), "length {n}, shorter");
            // a NUL where the padding is: still a different length
            let mut nul = name[..n - 1].to_vec();
            nul.push(0);
            assert!(!MemberName::new(&nul).is(&name[..n - 1]), "length {n}, NUL");
        }
    }
}
