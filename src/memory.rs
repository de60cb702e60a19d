//! How the allocator gives memory back. mimalloc by default keeps freed
//! memory for a while and commits whole arenas up front, which is what
//! makes opening a store fast; but while the console reads the whole queue
//! in the background, that kept memory is most of its peak (measured at
//! 100,000 tickets: 187 MB peak by default, 104 MB with prompt purging and
//! lazily committed arenas). So the console switches to giving memory back
//! promptly once its first frame is drawn, before the whole-queue read.

use std::ffi::{c_int, c_long};

// mimalloc v3's `mi_option_e` (libmimalloc-sys 0.1.49, vendored v3
// `include/mimalloc.h`): the C library is linked in whole by the
// `mimalloc` crate; only its Rust declarations of these are missing.
const ARENA_EAGER_COMMIT: c_int = 4;
const PURGE_DELAY: c_int = 15;

unsafe extern "C" {
    fn mi_option_set(option: c_int, value: c_long);
    fn mi_option_get(option: c_int) -> c_long;
}

/// Arenas made from now on are committed as they are used rather than
/// whole. The binary calls it before its first allocation (an
/// `.init_array` entry in `main.rs`): the first arena, made then, is the
/// one that holds the console's memory.
pub fn commit_lazily() {
    // SAFETY: as in [`give_back_promptly`].
    unsafe { mi_option_set(ARENA_EAGER_COMMIT, 0) }
}

/// From now on freed memory goes back to the OS at once, and new arenas
/// are committed as they are used.
pub fn give_back_promptly() {
    // SAFETY: setting an option of the allocator the binary links; both
    // are plain integers it reads atomically.
    unsafe {
        mi_option_set(PURGE_DELAY, 0);
        mi_option_set(ARENA_EAGER_COMMIT, 0);
    }
}

/// The two options' current values (purge delay, arena eager commit).
pub fn options() -> (i64, i64) {
    // SAFETY: reading the allocator's options.
    unsafe {
        (
            mi_option_get(PURGE_DELAY) as i64,
            mi_option_get(ARENA_EAGER_COMMIT) as i64,
        )
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_option_numbers_are_mimallocs_purge_delay_and_arena_eager_commit() {
        // Their defaults in the vendored v3 `options.c` (purge delay 1000
        // ms, eager commit 2): a renumbered enum would read others.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none()
            && std::env::var_os("MIMALLOC_ARENA_EAGER_COMMIT").is_none()
        {
            assert_eq!(super::options(), (1000, 2));
        }
        super::give_back_promptly();
        assert_eq!(super::options(), (0, 0));
    }
}
