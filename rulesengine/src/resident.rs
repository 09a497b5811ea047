//! Entities kept resident in the module's memory, evaluated by handle: an
//! interface of this module beside the official `checkFlagCombined`.
//!
//! The host parses each entity version once (`entityPut`) and then evaluates
//! any combination of resident entities with `checkFlagHandles`, which skips
//! building, copying and parsing the JSON envelope. The answers are the
//! envelope's: an entity is read exactly as it would be read as a member of
//! the envelope (same reader, same nesting depth), and an entity the envelope
//! would accept but this reader does not (e.g. a `null` company, meaning
//! "absent") is simply not registered, so the host falls back to the
//! envelope.
//!
//! Call protocol: `ptr = alloc(len)`, write the entity's UTF-8 JSON at `ptr`,
//! `h = entityPut(kind, ptr, len)` (kind 0 = flag, 1 = company, 2 = user; the
//! module takes the buffer in both outcomes; −1 when the JSON is not a valid
//! entity of that kind). `setCurrentTimeMillis(now)`, then
//! `n = checkFlagHandles(flag, company, user, options_ptr, options_len)`
//! (company/user −1 = absent, options length 0 = none; the options buffer is
//! the caller's) returns the result length or −1, the result is read as
//! after `checkFlagCombined`. `entityDrop(h)` frees an entity.

use std::cell::RefCell;

use crate::json::Parser;
use crate::model::{CheckOptions, Company, Flag, User};
use crate::time::Instant;

enum Entity {
    Flag(Flag<'static>),
    Company(Company<'static>),
    User(User<'static>),
}

/// One resident entity. `entity` borrows from `bytes`: it is declared first
/// so that it is dropped first, and `bytes` is never moved or changed while
/// the slot exists (a boxed slice does not move when the slot does).
struct Slot {
    entity: Entity,
    #[allow(dead_code)]
    bytes: Box<[u8]>,
}

struct Table {
    slots: Vec<Option<Slot>>,
    free: Vec<usize>,
}

thread_local! {
    static TABLE: RefCell<Table> = RefCell::new(Table { slots: Vec::new(), free: Vec::new() });
}

fn parse(kind: i32, bytes: &'static [u8]) -> Option<Entity> {
    match kind {
        0 => Parser::member_document(bytes, Flag::read).ok().map(Entity::Flag),
        1 => Parser::member_document(bytes, Company::read).ok().map(Entity::Company),
        2 => Parser::member_document(bytes, User::read).ok().map(Entity::User),
        _ => None,
    }
}

/// Parse an entity and keep it; returns its handle (≥ 0) or −1. Takes
/// ownership of the buffer.
///
/// # Safety
/// `ptr`/`len` must come from one earlier `alloc(len)` call and not be used
/// by the caller afterwards.
#[no_mangle]
pub unsafe extern "C" fn entityPut(kind: i32, ptr: *mut u8, len: usize) -> i32 {
    if ptr.is_null() {
        return -1;
    }
    let bytes: Box<[u8]> = Vec::from_raw_parts(ptr, len, len).into_boxed_slice();
    // SAFETY: the slice lives as long as the slot that owns `bytes`, and the
    // entity borrowing it is dropped before it (see `Slot`).
    let view: &'static [u8] = std::slice::from_raw_parts(bytes.as_ptr(), bytes.len());
    let entity = match parse(kind, view) {
        Some(e) => e,
        None => return -1,
    };
    TABLE.with(|t| {
        let mut t = t.borrow_mut();
        let slot = Some(Slot { entity, bytes });
        match t.free.pop() {
            Some(i) => {
                t.slots[i] = slot;
                i as i32
            }
            None => {
                t.slots.push(slot);
                (t.slots.len() - 1) as i32
            }
        }
    })
}

/// Free a resident entity; unknown handles are ignored.
#[no_mangle]
pub extern "C" fn entityDrop(handle: i32) {
    TABLE.with(|t| {
        let mut t = t.borrow_mut();
        let i = handle as usize;
        if handle >= 0 && i < t.slots.len() && t.slots[i].is_some() {
            t.slots[i] = None;
            t.free.push(i);
        }
    })
}

/// Number of resident entities (for tests and diagnostics).
#[no_mangle]
pub extern "C" fn entityCount() -> i32 {
    TABLE.with(|t| {
        let t = t.borrow();
        (t.slots.len() - t.free.len()) as i32
    })
}

/// Preflight options; `null` reads as absent, as in the envelope.
fn options_or_null<'a>(p: &mut Parser<'a>) -> crate::json::R<Option<CheckOptions<'a>>> {
    if p.null() {
        Ok(None)
    } else {
        CheckOptions::read(p).map(Some)
    }
}

/// Evaluate resident entities; returns the result length or −1 (an unknown
/// handle, a handle of the wrong kind, or invalid options).
///
/// # Safety
/// When `options_len` > 0, `options_ptr` must point to that many readable
/// bytes.
#[no_mangle]
pub unsafe extern "C" fn checkFlagHandles(
    flag: i32,
    company: i32,
    user: i32,
    options_ptr: *const u8,
    options_len: usize,
) -> i32 {
    let options_bytes: &[u8] = if options_len == 0 || options_ptr.is_null() {
        &[]
    } else {
        std::slice::from_raw_parts(options_ptr, options_len)
    };
    let now = crate::abi::now_millis().map(Instant::from_millis);
    TABLE.with(|t| {
        let t = t.borrow();
        let get = |h: i32| -> Option<&Entity> {
            if h < 0 {
                return None;
            }
            t.slots.get(h as usize).and_then(|s| s.as_ref()).map(|s| &s.entity)
        };
        let flag = match get(flag) {
            Some(Entity::Flag(f)) => f,
            _ => return -1,
        };
        let company = match (company, get(company)) {
            (h, _) if h < 0 => None,
            (_, Some(Entity::Company(c))) => Some(c),
            _ => return -1,
        };
        let user = match (user, get(user)) {
            (h, _) if h < 0 => None,
            (_, Some(Entity::User(u))) => Some(u),
            _ => return -1,
        };
        crate::abi::with_result(|out| {
            let options = if options_bytes.is_empty() {
                None
            } else {
                match Parser::member_document(options_bytes, options_or_null) {
                    Ok(o) => o,
                    Err(_) => return false,
                }
            };
            let result = crate::engine::check_flag(flag, company, user, options.as_ref(), now);
            out.clear();
            result.write_json(out);
            true
        })
    })
}
