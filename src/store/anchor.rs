//! The audit chain's last link, kept beside the database in `audit.head`.
//!
//! sled recovers a damaged database by dropping what it cannot read, and a
//! wiped one opens empty: without a witness outside it, a store that lost
//! its records would simply look new (and `mesa init` would start over on
//! top of it). The file is written after each change is flushed, so it is
//! never ahead of the database; on open, a database whose chain ends before
//! the file's link has lost entries and is reported as damaged.

use std::fs;
use std::path::Path;

use crate::domain::audit::Head;

const FILE: &str = "audit.head";

/// Records `head` as the store's latest link (best effort: the database is
/// already durable; a lost witness only weakens the check).
pub(super) fn record(dir: &Path, head: &Head) {
    // One temporary name per write: two threads never share one.
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".{FILE}.{}.{n}", std::process::id()));
    let bytes = serde_json::to_vec(head).expect("plain data serializes");
    if fs::write(&tmp, bytes).is_ok() {
        let _ = fs::rename(&tmp, dir.join(FILE));
    }
}

/// The link the file holds, if it can be read.
pub(super) fn read(dir: &Path) -> Option<Head> {
    serde_json::from_slice(&fs::read(dir.join(FILE)).ok()?).ok()
}

/// Whether the database's chain reaches the link the file recorded.
pub(super) fn behind(db_head: &Head, witness: &Head) -> bool {
    db_head.seq < witness.seq
}

/// Whether the witness file is there at all (readable or not).
pub(super) fn exists(dir: &Path) -> bool {
    dir.join(FILE).exists()
}
