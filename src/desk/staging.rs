//! The folder a restore into a shared database is rebuilt in first. It
//! holds a whole copy of the desk's records, so it never outlives its
//! restore: removed when the restore ends either way, and, if the process
//! died mid-restore (kill -9, power cut), by the next `mesa` that opens the
//! same shared desk on this PC.

use std::path::{Path, PathBuf};

const PREFIX: &str = ".tmp-restauracion-";

/// This process's staging folder under the PC's local folder.
pub fn folder(local: &Path) -> PathBuf {
    local.join(format!("{PREFIX}{}", std::process::id()))
}

/// Removes the staging folders of restores whose process is gone; a
/// restore still running (another `mesa` on this PC) keeps its own.
/// Returns how many were removed.
pub fn sweep(local: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(local) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(PREFIX))
            .and_then(|p| p.parse::<i32>().ok())
        else {
            continue;
        };
        if pid > 0 && !alive(pid) && std::fs::remove_dir_all(entry.path()).is_ok() {
            tracing::info!(folder = %entry.path().display(), "restauración abandonada borrada");
            removed += 1;
        }
    }
    removed
}

fn alive(pid: i32) -> bool {
    // Signal 0 checks without sending; EPERM means it exists under another
    // user, which is alive too.
    // SAFETY: kill with signal 0 has no effect on the target.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_folders_of_dead_restores_go() {
        let local = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let dead_dir = local.path().join(format!("{PREFIX}{dead}"));
        std::fs::create_dir_all(dead_dir.join("attachments")).unwrap();
        std::fs::write(dead_dir.join("attachments/x"), b"datos").unwrap();
        let mine = folder(local.path());
        std::fs::create_dir_all(&mine).unwrap();
        let other = local.path().join("exportes");
        std::fs::create_dir_all(&other).unwrap();

        assert_eq!(sweep(local.path()), 1);
        assert!(
            !dead_dir.exists(),
            "a dead restore's copy of the records stays behind"
        );
        assert!(mine.exists(), "a running restore lost its folder");
        assert!(
            other.exists(),
            "a folder that is not a restore's was touched"
        );
    }
}
