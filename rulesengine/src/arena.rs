//! A bump allocator for the duration of one `checkFlagCombined` call (wasm32
//! only; the module has exactly one thread).
//!
//! While a call is running, every allocation is carved out of a static arena
//! by bumping a pointer, frees are no-ops and growing the most recent block
//! happens in place; when the call ends the whole arena is released at once.
//! Outside a call (the host's `alloc`/`dealloc`, the persistent result
//! buffer) and when the arena is exhausted, the system allocator is used;
//! blocks from the system allocator are also grown and freed by it. Nothing
//! allocated in the arena may outlive the call: `checkFlagCombined` writes
//! the result into a buffer that was allocated before the call.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::UnsafeCell;

const ARENA_BYTES: usize = 128 * 1024;

#[repr(C, align(16))]
struct Arena(UnsafeCell<[u8; ARENA_BYTES]>);

// SAFETY: wasm32-unknown-unknown without atomics runs a single thread.
unsafe impl Sync for Arena {}

static ARENA: Arena = Arena(UnsafeCell::new([0; ARENA_BYTES]));

struct Cursor {
    active: UnsafeCell<bool>,
    /// Offset of the next free byte.
    next: UnsafeCell<usize>,
    /// Offset of the most recent allocation (for in-place growth).
    last: UnsafeCell<usize>,
}

// SAFETY: see `Arena`.
unsafe impl Sync for Cursor {}

static CURSOR: Cursor = Cursor {
    active: UnsafeCell::new(false),
    next: UnsafeCell::new(0),
    last: UnsafeCell::new(usize::MAX),
};

pub struct BumpAlloc;

#[inline(always)]
fn base() -> usize {
    ARENA.0.get() as usize
}

#[inline(always)]
fn in_arena(ptr: *mut u8) -> bool {
    (ptr as usize).wrapping_sub(base()) < ARENA_BYTES
}

/// Start a call: allocations now come from the (empty) arena.
pub fn begin() {
    unsafe {
        *CURSOR.next.get() = 0;
        *CURSOR.last.get() = usize::MAX;
        *CURSOR.active.get() = true;
    }
}

/// End a call: later allocations use the system allocator again. Blocks in
/// the arena stay readable until the next [`begin`].
pub fn end() {
    unsafe {
        *CURSOR.active.get() = false;
    }
}

#[inline(always)]
unsafe fn bump(layout: Layout) -> *mut u8 {
    let next = *CURSOR.next.get();
    let align = layout.align();
    let start = (base() + next + align - 1) & !(align - 1);
    let off = start - base();
    match off.checked_add(layout.size()) {
        Some(end) if end <= ARENA_BYTES => {
            *CURSOR.next.get() = end;
            *CURSOR.last.get() = off;
            start as *mut u8
        }
        _ => System.alloc(layout),
    }
}

unsafe impl GlobalAlloc for BumpAlloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if *CURSOR.active.get() {
            bump(layout)
        } else {
            System.alloc(layout)
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if !in_arena(ptr) {
            System.dealloc(ptr, layout)
        }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if !in_arena(ptr) {
            return System.realloc(ptr, layout, new_size);
        }
        let off = ptr as usize - base();
        if *CURSOR.active.get() && off == *CURSOR.last.get() {
            if let Some(end) = off.checked_add(new_size) {
                if end <= ARENA_BYTES {
                    *CURSOR.next.get() = end;
                    return ptr;
                }
            }
        }
        if new_size <= layout.size() {
            return ptr;
        }
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        let new = self.alloc(new_layout);
        if !new.is_null() {
            std::ptr::copy_nonoverlapping(ptr, new, layout.size());
        }
        new
    }
}
