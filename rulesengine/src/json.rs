//! A single-pass JSON reader for the input model, and the JSON writer for
//! the result.
//!
//! The input is read straight into the typed structs of [`crate::model`]:
//! no intermediate `serde_json::Value` tree, and strings without escapes are
//! borrowed from the input buffer. It accepts exactly what
//! `serde_json::from_slice::<serde_json::Value>` accepts (same grammar,
//! whitespace, UTF-8 validation, recursion limit of 128 nested containers,
//! number ranges) and reads members with the same acceptance rules as
//! before:
//!
//! * a required field that is absent or `null`, or has the wrong JSON type,
//!   makes the whole input invalid;
//! * an optional field that is absent or `null` reads as `None` (empty for
//!   collections);
//! * `null` elements inside arrays, and non-integral numbers where an integer
//!   is expected, are invalid;
//! * unknown fields are ignored (but must still be valid JSON);
//! * a field may be spelled in snake_case or, where given, in camelCase;
//!   supplying both spellings is invalid (like a duplicate field);
//! * a member given twice with the same spelling: the last one wins (as in a
//!   JSON object map), also when an earlier occurrence had a wrong type.
//!
//! Rare forms are handed to `serde_json` itself so that their results are
//! identical: strings with escape sequences, and numbers that are not plain
//! integers (fractions, exponents, integers beyond 64 bits, `-0`).

use std::borrow::Cow;

/// The input was rejected (the wasm export returns −1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid;

pub type R<T> = Result<T, Invalid>;

/// A string of the input: borrowed unless it had escape sequences.
pub type Str<'a> = Cow<'a, str>;

/// serde_json's recursion limit: the 128th nested container is an error.
const MAX_DEPTH: u32 = 128;

/// A JSON number as serde_json classifies it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    U(u64),
    I(i64),
    F(f64),
}

impl Num {
    /// `serde_json::Value::as_i64`.
    pub fn as_i64(self) -> R<i64> {
        match self {
            Num::U(u) if u <= i64::MAX as u64 => Ok(u as i64),
            Num::I(i) => Ok(i),
            _ => Err(Invalid),
        }
    }

    /// `serde_json::Value::as_f64`.
    pub fn as_f64(self) -> f64 {
        match self {
            Num::U(u) => u as f64,
            Num::I(i) => i as f64,
            Num::F(f) => f,
        }
    }
}

/// One member slot of an object being read.
pub struct Field<T> {
    slot: Slot<T>,
    snake: bool,
    camel: bool,
}

enum Slot<T> {
    Absent,
    Null,
    Val(T),
    Bad,
}

impl<T> Default for Field<T> {
    fn default() -> Self {
        Field {
            slot: Slot::Absent,
            snake: false,
            camel: false,
        }
    }
}

impl<T> Field<T> {
    /// Optional: absent and `null` read as `None`; a wrong value or both
    /// spellings are invalid. (Readers check every field first and then
    /// take the values, which keeps them small: no drop code per early
    /// return.)
    #[inline]
    pub fn ok_opt(&self) -> bool {
        !(self.snake && self.camel) && !matches!(self.slot, Slot::Bad)
    }

    /// Required: like [`Field::ok_opt`], but absent or `null` is invalid too.
    #[inline]
    pub fn ok_req(&self) -> bool {
        !(self.snake && self.camel) && matches!(self.slot, Slot::Val(_))
    }

    /// Like [`Field::ok_opt`], but an explicit `null` is invalid.
    #[inline]
    pub fn ok_opt_not_null(&self) -> bool {
        self.ok_opt() && !matches!(self.slot, Slot::Null)
    }

    /// The value, if any (after a successful check).
    #[inline]
    pub fn take(self) -> Option<T> {
        match self.slot {
            Slot::Val(v) => Some(v),
            _ => None,
        }
    }

    /// The value of a field that passed [`Field::ok_req`].
    #[inline]
    pub fn take_req(self) -> T {
        match self.slot {
            Slot::Val(v) => v,
            _ => unreachable!(),
        }
    }
}

/// The reader: a position in a UTF-8-validated input.
pub struct Parser<'a> {
    b: &'a [u8],
    pos: usize,
    depth: u32,
}

impl<'a> Parser<'a> {
    /// A reader at the start of `input`. Non-ASCII bytes are only valid
    /// inside strings, and every string is checked to be UTF-8, so invalid
    /// UTF-8 anywhere is rejected (as serde_json does).
    pub fn new(input: &'a [u8]) -> Parser<'a> {
        Parser {
            b: input,
            pos: 0,
            depth: 0,
        }
    }

    /// Like [`Parser::document`], for a value that stands for a member of the
    /// `checkFlagCombined` envelope: nesting is counted from the envelope's
    /// depth, so a value is accepted exactly when it would be inside one.
    pub fn member_document<T>(
        input: &'a [u8],
        read: impl FnOnce(&mut Parser<'a>) -> R<T>,
    ) -> R<T> {
        let mut p = Parser::new(input);
        p.depth = 1;
        let v = read(&mut p)?;
        p.ws();
        if p.pos != p.b.len() {
            return Err(Invalid);
        }
        Ok(v)
    }

    /// Read one whole document with `read`: only whitespace may follow.
    pub fn document<T>(input: &'a [u8], read: impl FnOnce(&mut Parser<'a>) -> R<T>) -> R<T> {
        let mut p = Parser::new(input);
        let v = read(&mut p)?;
        p.ws();
        if p.pos != p.b.len() {
            return Err(Invalid);
        }
        Ok(v)
    }

    #[inline]
    fn peek(&self) -> u8 {
        // 0 is never valid JSON outside strings, so it doubles as "end".
        if self.pos < self.b.len() {
            self.b[self.pos]
        } else {
            0
        }
    }

    #[inline]
    pub fn ws(&mut self) {
        // The position is kept in a local and stored once (a store per byte
        // otherwise).
        let b = self.b;
        let mut i = self.pos;
        while i < b.len() && matches!(b[i], b' ' | b'\n' | b'\t' | b'\r') {
            i += 1;
        }
        self.pos = i;
    }

    /// Skip whitespace and consume `c`.
    #[inline]
    fn expect(&mut self, c: u8) -> R<()> {
        self.ws();
        if self.peek() == c {
            self.pos += 1;
            Ok(())
        } else {
            Err(Invalid)
        }
    }

    /// Consume `null`, `true` or `false` (`word`, a literal of 4 or 5 bytes)
    /// if it comes next: one 4-byte word compare (and one byte for `false`)
    /// instead of a call to `memcmp`, which loops byte by byte under Chicory.
    #[inline(always)]
    fn literal(&mut self, word: &[u8]) -> R<()> {
        if self.at_literal(word) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(Invalid)
        }
    }

    /// Whether the input at the current position starts with `word` (4 or 5
    /// bytes, see [`Parser::literal`]).
    #[inline(always)]
    fn at_literal(&self, word: &[u8]) -> bool {
        let (b, i, n) = (self.b, self.pos, word.len());
        i + n <= b.len()
            && word4(b, i) == word4(word, 0)
            && (n == 4 || b[i + 4] == word[4])
    }

    fn enter(&mut self) -> R<()> {
        self.depth += 1;
        if self.depth >= MAX_DEPTH {
            Err(Invalid)
        } else {
            Ok(())
        }
    }

    // --- scalars -----------------------------------------------------------

    /// A JSON string.
    #[inline(never)]
    pub fn string(&mut self) -> R<Str<'a>> {
        self.expect(b'"')?;
        let start = self.pos;
        let b = self.b;
        let mut i = start;
        // Bytes that end the fast scan: `"`, `\`, control characters. Eight
        // bytes at a time (one 64-bit load instead of eight byte loads), then
        // byte by byte. `high` collects the top bits: non-ASCII bytes need a
        // UTF-8 check.
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let mut high: u64 = 0;
        while i + 8 <= b.len() {
            let mut word = [0u8; 8];
            word.copy_from_slice(&b[i..i + 8]);
            let x = u64::from_le_bytes(word);
            let quote = x ^ (ONES * b'"' as u64);
            let backslash = x ^ (ONES * b'\\' as u64);
            let special = (quote.wrapping_sub(ONES) & !quote)
                | (backslash.wrapping_sub(ONES) & !backslash)
                | (x.wrapping_sub(ONES * 0x20) & !x);
            if special & HIGH != 0 {
                break;
            }
            high |= x;
            i += 8;
        }
        loop {
            if i >= b.len() {
                return Err(Invalid);
            }
            let c = b[i];
            if c == b'"' {
                break;
            }
            if c == b'\\' {
                return self.escaped_string(start - 1);
            }
            if c < 0x20 {
                return Err(Invalid);
            }
            high |= c as u64;
            i += 1;
        }
        self.pos = i + 1;
        let bytes = &b[start..i];
        if high & HIGH != 0 {
            return Self::utf8(bytes);
        }
        // SAFETY: every byte is ASCII.
        Ok(Cow::Borrowed(unsafe {
            std::str::from_utf8_unchecked(bytes)
        }))
    }

    /// A string's contents with non-ASCII bytes: invalid UTF-8 anywhere is
    /// rejected (as serde_json does). A function of its own so that
    /// [`Parser::string`] needs no stack frame (under Chicory, a frame is a
    /// read and two writes of a global per call).
    #[inline(never)]
    fn utf8(bytes: &'a [u8]) -> R<Str<'a>> {
        std::str::from_utf8(bytes)
            .map(Cow::Borrowed)
            .map_err(|_| Invalid)
    }

    /// A string with escape sequences, from its opening quote at `open`:
    /// find the closing quote, then let serde_json decode it.
    #[cold]
    fn escaped_string(&mut self, open: usize) -> R<Str<'a>> {
        let b = self.b;
        let mut i = open + 1;
        loop {
            if i >= b.len() {
                return Err(Invalid);
            }
            match b[i] {
                b'"' => break,
                b'\\' => i += 2,
                _ => i += 1,
            }
        }
        // serde_json checks the escapes and the UTF-8.
        let s: String = serde_json::from_slice(&b[open..=i]).map_err(|_| Invalid)?;
        self.pos = i + 1;
        Ok(Cow::Owned(s))
    }

    /// A JSON number.
    #[inline(never)]
    pub fn number(&mut self) -> R<Num> {
        self.ws();
        let b = self.b;
        let start = self.pos;
        let mut i = start;
        while i < b.len() && matches!(b[i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') {
            i += 1;
        }
        self.pos = i;
        let tok = &b[start..i];
        let (neg, digits) = match tok.first() {
            Some(b'-') => (true, &tok[1..]),
            _ => (false, tok),
        };
        // fast path: -?(0|[1-9][0-9]*) that fits serde_json's integer forms
        let plain = !digits.is_empty()
            && digits.len() <= 19
            && digits.iter().all(|d| d.is_ascii_digit())
            && (digits[0] != b'0' || digits.len() == 1);
        if plain {
            let mut v: u64 = 0;
            for d in digits {
                v = v * 10 + (d - b'0') as u64;
            }
            if !neg {
                return Ok(Num::U(v));
            }
            if v != 0 {
                // at most 19 digits: below 10^19, so -v fits unless v > 2^63
                if v <= 1u64 << 63 {
                    return Ok(Num::I((v as i64).wrapping_neg()));
                }
            }
        }
        if tok.is_empty() {
            return Err(Invalid);
        }
        Self::number_slow(tok)
    }

    #[cold]
    fn number_slow(tok: &[u8]) -> R<Num> {
        match serde_json::from_slice::<serde_json::Value>(tok) {
            Ok(serde_json::Value::Number(n)) => {
                if let Some(u) = n.as_u64() {
                    Ok(Num::U(u))
                } else if let Some(i) = n.as_i64() {
                    Ok(Num::I(i))
                } else {
                    n.as_f64().map(Num::F).ok_or(Invalid)
                }
            }
            _ => Err(Invalid),
        }
    }

    #[inline(never)]
    pub fn i64(&mut self) -> R<i64> {
        self.number()?.as_i64()
    }

    #[inline(never)]
    pub fn f64(&mut self) -> R<f64> {
        Ok(self.number()?.as_f64())
    }

    #[inline(never)]
    pub fn bool(&mut self) -> R<bool> {
        self.ws();
        match self.peek() {
            b't' => self.literal(b"true").map(|_| true),
            b'f' => self.literal(b"false").map(|_| false),
            _ => Err(Invalid),
        }
    }

    /// Consume `null` if it is the next value.
    pub fn null(&mut self) -> bool {
        self.ws();
        if self.at_literal(b"null") {
            self.pos += 4;
            true
        } else {
            false
        }
    }

    // --- containers ----------------------------------------------------------

    /// An object; `member` is called with each key and must consume the
    /// value.
    pub fn object(&mut self, mut member: impl FnMut(&mut Parser<'a>, &str) -> R<()>) -> R<()> {
        self.members(|p, key| member(p, &key))
    }

    /// The member loop of [`Parser::object`] and [`Parser::map`]: `member`
    /// gets each key (owned, so that a map can keep it) and must consume the
    /// value.
    /// Inlined into each reader on purpose: as a function of its own (the
    /// dispatch reaching the fields through the closure) the diff corpus'
    /// first evaluation measured slower (docs/performance.md, fourth round).
    fn members(&mut self, mut member: impl FnMut(&mut Parser<'a>, Str<'a>) -> R<()>) -> R<()> {
        self.expect(b'{')?;
        self.enter()?;
        self.ws();
        if self.peek() == b'}' {
            self.pos += 1;
            self.depth -= 1;
            return Ok(());
        }
        loop {
            let key = self.string()?;
            self.expect(b':')?;
            member(self, key)?;
            self.ws();
            match self.peek() {
                b',' => {
                    self.pos += 1;
                    self.ws();
                    if self.peek() != b'"' {
                        return Err(Invalid);
                    }
                }
                b'}' => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(());
                }
                _ => return Err(Invalid),
            }
        }
    }

    /// An array; `element` is called for each element and must consume it.
    pub fn array(&mut self, mut element: impl FnMut(&mut Parser<'a>) -> R<()>) -> R<()> {
        self.expect(b'[')?;
        self.enter()?;
        self.ws();
        if self.peek() == b']' {
            self.pos += 1;
            self.depth -= 1;
            return Ok(());
        }
        loop {
            element(self)?;
            self.ws();
            match self.peek() {
                b',' => {
                    self.pos += 1;
                    self.ws();
                    if self.peek() == b']' {
                        return Err(Invalid);
                    }
                }
                b']' => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(());
                }
                _ => return Err(Invalid),
            }
        }
    }

    /// An array whose elements are read with `read` (`null` elements are
    /// invalid, as every reader rejects `null`).
    pub fn vec<T>(&mut self, mut read: impl FnMut(&mut Parser<'a>) -> R<T>) -> R<Vec<T>> {
        let mut out = Vec::new();
        self.array(|p| {
            out.push(read(p)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// An object read as a map (`null` values invalid). A repeated key keeps
    /// its first position and takes the last value, like a map insert.
    pub fn map<T>(
        &mut self,
        mut read: impl FnMut(&mut Parser<'a>) -> R<T>,
    ) -> R<Vec<(Str<'a>, T)>> {
        let mut out: Vec<(Str<'a>, T)> = Vec::new();
        self.members(|p, key| {
            let v = read(p)?;
            match out.iter_mut().find(|(k, _)| *k == key) {
                Some(slot) => slot.1 = v,
                None => out.push((key, v)),
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// Validate and skip any value.
    #[inline(never)]
    pub fn skip(&mut self) -> R<()> {
        self.ws();
        match self.peek() {
            b'"' => self.string().map(|_| ()),
            b'{' => self.object(|p, _| p.skip()),
            b'[' => self.array(|p| p.skip()),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            b'-' | b'0'..=b'9' => self.number().map(|_| ()),
            _ => Err(Invalid),
        }
    }

    /// Read one occurrence of a member into `field` (`camel`: it was the
    /// camelCase spelling). A value that `read` rejects is skipped (it must
    /// still be valid JSON) and marks the field invalid unless a later
    /// occurrence replaces it.
    #[inline(never)]
    pub fn field<T>(
        &mut self,
        field: &mut Field<T>,
        camel: bool,
        read: impl FnOnce(&mut Parser<'a>) -> R<T>,
    ) -> R<()> {
        if camel {
            field.camel = true;
        } else {
            field.snake = true;
        }
        if self.null() {
            field.slot = Slot::Null;
            return Ok(());
        }
        let (pos, depth) = (self.pos, self.depth);
        match read(self) {
            Ok(v) => field.slot = Slot::Val(v),
            Err(Invalid) => {
                self.pos = pos;
                self.depth = depth;
                self.skip()?;
                field.slot = Slot::Bad;
            }
        }
        Ok(())
    }
}

/// A member name (or enum string) read once as four little-endian words of
/// up to 32 bytes, zero-padded, for comparing against many literals in
/// [`match_key!`](crate::match_key): each comparison is then a length test
/// and one to four compares with constants, with no memory access (under
/// Chicory every load is a call with a bounds check, and C2 stops inlining
/// them in large functions).
#[derive(Clone, Copy)]
pub struct MemberName<'k> {
    k: &'k [u8],
    w: [u64; 4],
}

impl<'k> MemberName<'k> {
    #[inline(always)]
    pub fn new(k: &'k [u8]) -> MemberName<'k> {
        MemberName {
            k,
            w: [part(k, 0), part(k, 1), part(k, 2), part(k, 3)],
        }
    }

    /// Whether the name equals `lit`, a literal known at compile time (its
    /// words fold to constants).
    #[inline(always)]
    pub fn is(&self, lit: &[u8]) -> bool {
        let n = lit.len();
        if n > 32 {
            return key_is(self.k, lit);
        }
        self.k.len() == n
            && self.w[0] == part(lit, 0)
            && (n <= 8 || self.w[1] == part(lit, 1))
            && (n <= 16 || self.w[2] == part(lit, 2))
            && (n <= 24 || self.w[3] == part(lit, 3))
    }
}

/// Bytes `8j..8j+8` of `b` as a little-endian word, zero past the end.
#[inline(always)]
fn part(b: &[u8], j: usize) -> u64 {
    let (n, s) = (b.len(), 8 * j);
    if n >= s + 8 {
        word8(b, s)
    } else if n <= s {
        0
    } else if n >= 8 {
        // the last 8 bytes, shifted so that byte `s` comes first
        word8(b, n - 8) >> (8 * (s + 8 - n))
    } else if n >= 4 {
        // two overlapping 4-byte words (the shared bytes are equal)
        word4(b, 0) as u64 | (word4(b, n - 4) as u64) << (8 * (n - 4))
    } else if n >= 2 {
        word2(b, 0) as u64 | (b[n - 1] as u64) << (8 * (n - 1))
    } else {
        b[0] as u64
    }
}

/// Whether member name `k` equals `lit`, a literal known at compile time:
/// inlined, it becomes a length test and one or two word compares (8, 4, 2 or
/// 1 bytes, the last word overlapping) per 8 bytes of the literal.
#[inline(always)]
pub fn key_is(k: &[u8], lit: &[u8]) -> bool {
    let n = lit.len();
    if k.len() != n {
        return false;
    }
    if n >= 8 {
        let mut i = 0;
        while i + 8 <= n {
            if word8(k, i) != word8(lit, i) {
                return false;
            }
            i += 8;
        }
        i == n || word8(k, n - 8) == word8(lit, n - 8)
    } else if n >= 4 {
        word4(k, 0) == word4(lit, 0) && word4(k, n - 4) == word4(lit, n - 4)
    } else if n >= 2 {
        word2(k, 0) == word2(lit, 0) && k[n - 1] == lit[n - 1]
    } else {
        n == 0 || k[0] == lit[0]
    }
}

#[inline(always)]
fn word8(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(w)
}

#[inline(always)]
fn word4(b: &[u8], i: usize) -> u32 {
    let mut w = [0u8; 4];
    w.copy_from_slice(&b[i..i + 4]);
    u32::from_le_bytes(w)
}

#[inline(always)]
fn word2(b: &[u8], i: usize) -> u16 {
    let mut w = [0u8; 2];
    w.copy_from_slice(&b[i..i + 2]);
    u16::from_le_bytes(w)
}

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

/// Append `s` as a JSON string, escaped exactly like serde_json does
/// (`"`, `\`, control characters; `\b \t \n \f \r`, else `\u00xx`).
#[inline(never)]
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    write_escaped(out, s);
    out.push(b'"');
}

/// The escaped contents of a JSON string, without the quotes.
#[inline(never)]
pub fn write_escaped(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &c) in bytes.iter().enumerate() {
        if c >= 0x20 && c != b'"' && c != b'\\' {
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        start = i + 1;
        match c {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x09 => out.extend_from_slice(b"\\t"),
            0x0A => out.extend_from_slice(b"\\n"),
            0x0C => out.extend_from_slice(b"\\f"),
            0x0D => out.extend_from_slice(b"\\r"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[(c >> 4) as usize]);
                out.push(HEX[(c & 0xF) as usize]);
            }
        }
    }
    out.extend_from_slice(&bytes[start..]);
}

/// Append an `i64` in decimal.
#[inline(never)]
pub fn write_i64(out: &mut Vec<u8>, v: i64) {
    if v < 0 {
        out.push(b'-');
    }
    write_u64(out, v.unsigned_abs());
}

pub fn write_u64(out: &mut Vec<u8>, mut v: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// Append a finite `f64` the way serde_json writes it (`null` otherwise).
#[inline(never)]
pub fn write_f64(out: &mut Vec<u8>, v: f64) {
    // Rare (entitlement credit fields): use serde_json's own formatter.
    let _ = serde_json::to_writer(&mut *out, &v);
}
