//! `mesa`: a terminal service desk for RENIEC digital certificates.

/// sled makes millions of small allocations; mimalloc serves them faster
/// than the system allocator (see docs/performance.md). Here,
/// so the benches measure what the binary runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod bench;
pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod desk;
pub mod domain;
pub mod export;
pub mod fuzzing;
pub mod mail;
pub mod media;
pub mod memory;
pub mod os_user;
pub mod sanitize;
pub mod store;
pub mod strings;
pub mod tui;

/// Everything this process creates (the store, attachments, backups, the
/// batch export, `.eml` files, logs, temporary files) is for its user
/// alone, whatever umask the shell had: folders 0700, files 0600. Personal
/// data (DNI, photos, signatures) must never be readable by the machine's
/// other users.
pub fn private_files() {
    // SAFETY: umask only sets the process's file-creation mask; it cannot
    // fail and touches no memory. Called first thing in `main`, before any
    // thread exists.
    unsafe {
        libc::umask(0o077);
    }
}
