//! `mesa`: a terminal service desk for RENIEC digital certificates.

/// sled makes millions of small allocations; mimalloc serves them faster
/// than the system allocator (see the README's Performance section). Here,
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
pub mod store;
pub mod strings;
pub mod tui;
