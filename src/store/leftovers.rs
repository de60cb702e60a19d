//! What a killed command leaves behind, removed at the next open: only the
//! desk's own temporary names, only inside the store and the folders it
//! owns (its attachments, `exportes/`, `outbox-eml/` or the configured
//! email folder, and the one partial backup it recorded starting), and
//! only while holding the store's lock (so no other process is writing
//! them). Removal is best effort: a file that cannot be removed stays and
//! the open goes on.

use std::fs;
use std::path::{Path, PathBuf};

/// Names the partial backup under way (its temporary file), while a
/// backup is being written; removed when it ends either way.
const BACKUP_MARK: &str = "copia-en-curso";

/// A backup's temporary name: `.NAME.PID.tmp`.
pub fn is_backup_tmp(name: &str) -> bool {
    let Some(inner) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
        return false;
    };
    inner.rsplit_once('.').is_some_and(|(file, pid)| {
        !file.is_empty() && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())
    })
}

/// Records that a backup is being written to `tmp`.
pub fn mark_backup(store_dir: &Path, tmp: &Path) -> std::io::Result<()> {
    let abs = std::path::absolute(tmp)?;
    use std::os::unix::ffi::OsStrExt;
    fs::write(store_dir.join(BACKUP_MARK), abs.as_os_str().as_bytes())
}

/// The backup recorded by `mark_backup` ended (written or cleaned).
pub fn unmark_backup(store_dir: &Path) {
    let _ = fs::remove_file(store_dir.join(BACKUP_MARK));
}

fn remove_where(dir: &Path, leftover: impl Fn(&str) -> bool) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        if !leftover(name) {
            continue;
        }
        // Never follow a link: remove the link itself.
        let path = e.path();
        match e.file_type() {
            Ok(t) if t.is_dir() => {
                let _ = fs::remove_dir_all(&path);
            }
            Ok(_) => {
                let _ = fs::remove_file(&path);
            }
            Err(_) => {}
        }
    }
}

/// Half-written attachments, exports and emails, and the recorded partial
/// backup, in and under the store `dir`. Called with the lock held.
pub fn clean(dir: &Path) {
    remove_where(&dir.join("attachments"), |n| n.starts_with(".tmp-"));
    remove_where(&dir.join("exportes"), |n| {
        n.starts_with(".LOTE-") && n.ends_with(".tmp")
    });
    clean_eml_dir(&dir.join("outbox-eml"));
    let mark = dir.join(BACKUP_MARK);
    if let Ok(bytes) = fs::read(&mark) {
        use std::os::unix::ffi::OsStrExt;
        let tmp = PathBuf::from(std::ffi::OsStr::from_bytes(&bytes));
        let ours = tmp
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(is_backup_tmp);
        if ours && tmp.symlink_metadata().is_ok_and(|m| m.is_file()) {
            let _ = fs::remove_file(&tmp);
        }
        let _ = fs::remove_file(&mark);
    }
}

/// Half-written `.eml` files in an email folder the desk writes.
pub fn clean_eml_dir(dir: &Path) {
    remove_where(dir, |n| n.starts_with(".tmp-") && n.ends_with(".eml"));
}

/// sled writes a snapshot to `snap.*.generating` and renames it when
/// complete; one left behind (a crash or a full disk mid-write) makes the
/// next open fail. It is never needed: remove it before opening.
pub fn clean_sled(db: &Path) {
    remove_where(db, |n| n.starts_with("snap.") && n.ends_with(".generating"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_temporary_names_are_recognised_and_nothing_else() {
        assert!(is_backup_tmp(".copia.zip.1234.tmp"));
        assert!(!is_backup_tmp("copia.zip.1234.tmp"));
        assert!(!is_backup_tmp(".copia.zip.tmp"));
        assert!(!is_backup_tmp(".1234.tmp"));
        assert!(!is_backup_tmp(".copia.zip.12a4.tmp"));
        assert!(!is_backup_tmp("notas.txt"));
    }
}
