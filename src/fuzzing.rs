//! The bodies of the fuzz targets `restore` and `image` (see `fuzz/`),
//! here so that the plain test `tests/faults_fuzz_corpus.rs` runs them too,
//! over the seed corpus in `fuzz/seeds/`, without nightly. Each panics
//! when an invariant breaks; arbitrary input must never make them panic.

use std::path::Path;

use crate::desk::backup;
use crate::media;

/// `restore --check` on arbitrary bytes as a backup file: never a panic;
/// a copy it accepts lists only attachments named by a SHA-256, within
/// the size limits.
pub fn restore_check(data: &[u8]) {
    let tz: chrono_tz::Tz = chrono_tz::America::Lima;
    if let Ok(checked) = backup::check_bytes(data, Path::new("fuzz.zip"), tz) {
        let m = &checked.manifest;
        for a in &m.attachments {
            assert!(
                a.name.len() == 64 && a.name.bytes().all(|b| b.is_ascii_hexdigit()),
                "accepted attachment name {:?}",
                a.name
            );
            assert!(a.bytes <= media::MAX_ATTACHMENT_BYTES);
        }
        assert!(m.records.bytes <= backup::MAX_RECORDS_BYTES);
    }
}

/// The photo/signature check on arbitrary bytes: never a panic; an image
/// it accepts has at most `MAX_PIXELS`, and decoding it again agrees.
pub fn image_check(data: &[u8]) {
    if let Ok(info) = media::inspect_limited(data) {
        assert!(u64::from(info.width) * u64::from(info.height) <= media::MAX_PIXELS);
        assert!(info.width > 0 && info.height > 0);
        assert_eq!(media::inspect(data), Some(info));
    }
}
