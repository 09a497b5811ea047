//! Small helpers to read the input model out of a parsed `serde_json::Value`.
//!
//! The input is parsed once into a `Value` and then read field by field by
//! hand-written code in [`crate::model`]. That keeps the wasm module small
//! (no per-struct serde visitors) and makes the acceptance rules explicit:
//!
//! * a required field that is absent or `null`, or has the wrong JSON type,
//!   makes the whole input invalid;
//! * an optional field that is absent or `null` reads as `None` (empty for
//!   collections);
//! * `null` elements inside arrays, and non-integral numbers where an integer
//!   is expected, are invalid;
//! * unknown fields are ignored;
//! * a field may be spelled in snake_case or, where given, in camelCase;
//!   supplying both spellings is invalid (like a duplicate field).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// The input was rejected (the wasm export returns −1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid;

pub type R<T> = Result<T, Invalid>;

pub type Obj = Map<String, Value>;

/// The value as a JSON object.
pub fn object(v: &Value) -> R<&Obj> {
    v.as_object().ok_or(Invalid)
}

/// Look a member up by its snake_case name or its camelCase alias.
/// Absent and `null` both give `None`.
pub fn member<'a>(o: &'a Obj, snake: &str, camel: Option<&str>) -> R<Option<&'a Value>> {
    let a = o.get(snake);
    let b = camel.and_then(|c| o.get(c));
    let v = match (a, b) {
        (Some(_), Some(_)) => return Err(Invalid),
        (Some(v), None) | (None, Some(v)) => v,
        (None, None) => return Ok(None),
    };
    Ok(if v.is_null() { None } else { Some(v) })
}

fn required<T>(v: Option<T>) -> R<T> {
    v.ok_or(Invalid)
}

// --- scalar readers --------------------------------------------------------

pub fn as_string(v: &Value) -> R<String> {
    v.as_str().map(str::to_string).ok_or(Invalid)
}

pub fn as_i64(v: &Value) -> R<i64> {
    v.as_i64().ok_or(Invalid)
}

pub fn as_f64(v: &Value) -> R<f64> {
    v.as_f64().ok_or(Invalid)
}

pub fn as_bool(v: &Value) -> R<bool> {
    v.as_bool().ok_or(Invalid)
}

/// Read an optional member with `read`.
pub fn opt<T>(o: &Obj, snake: &str, camel: Option<&str>, read: fn(&Value) -> R<T>) -> R<Option<T>> {
    match member(o, snake, camel)? {
        Some(v) => read(v).map(Some),
        None => Ok(None),
    }
}

/// Read a required member with `read`.
pub fn req<T>(o: &Obj, snake: &str, camel: Option<&str>, read: fn(&Value) -> R<T>) -> R<T> {
    read(required(member(o, snake, camel)?)?)
}

pub fn req_str(o: &Obj, snake: &str, camel: Option<&str>) -> R<String> {
    req(o, snake, camel, as_string)
}

pub fn opt_str(o: &Obj, snake: &str, camel: Option<&str>) -> R<Option<String>> {
    opt(o, snake, camel, as_string)
}

// --- collections -----------------------------------------------------------

/// An array whose elements are read with `read`; `null` elements are invalid.
pub fn array_of<T>(v: &Value, read: fn(&Value) -> R<T>) -> R<Vec<T>> {
    v.as_array().ok_or(Invalid)?.iter().map(read).collect()
}

/// An object whose values are read with `read`; `null` values are invalid.
pub fn map_of<T>(v: &Value, read: fn(&Value) -> R<T>) -> R<BTreeMap<String, T>> {
    object(v)?
        .iter()
        .map(|(k, v)| Ok((k.clone(), read(v)?)))
        .collect()
}

/// Optional array member (absent/`null` → `None`).
pub fn opt_vec<T>(
    o: &Obj,
    snake: &str,
    camel: Option<&str>,
    read: fn(&Value) -> R<T>,
) -> R<Option<Vec<T>>> {
    match member(o, snake, camel)? {
        Some(v) => array_of(v, read).map(Some),
        None => Ok(None),
    }
}

/// Optional object-as-map member (absent/`null` → `None`).
pub fn opt_map<T>(
    o: &Obj,
    snake: &str,
    camel: Option<&str>,
    read: fn(&Value) -> R<T>,
) -> R<Option<BTreeMap<String, T>>> {
    match member(o, snake, camel)? {
        Some(v) => map_of(v, read).map(Some),
        None => Ok(None),
    }
}
