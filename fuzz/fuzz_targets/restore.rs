//! Arbitrary bytes as a backup file, through `restore --check`'s logic:
//! never a panic, never unbounded memory (libFuzzer's -rss_limit_mb
//! catches a bomb), and whatever is accepted names only attachments by
//! their SHA-256. Body: `mesa::fuzzing::restore_check`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    mesa::fuzzing::restore_check(data);
});
