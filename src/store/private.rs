//! A store holds personal data (DNI, names, photos, signatures): its files
//! are for the desk's user alone. The binary creates everything private
//! (`main` sets the process umask to 077); a store made by an older version,
//! copied with `cp -r`, or loosened by hand is named at open so that someone
//! fixes it.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// Group or other may read, write or enter.
fn shared(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
}

/// The store's folder, what it holds directly, and its database files, that
/// other users of the machine may reach. A private store folder (0700)
/// keeps everything inside it out of reach whatever their own modes, so
/// nothing is reported then; attachments are never walked one by one (a
/// million of them would slow every open).
pub fn exposed(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    if !shared(dir) {
        return found;
    }
    found.push(dir.to_path_buf());
    for sub in [dir.to_path_buf(), dir.join("db")] {
        let Ok(entries) = fs::read_dir(&sub) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if shared(&p) {
                found.push(p);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_files_and_folders_are_named() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("s");
        fs::create_dir_all(dir.join("db")).unwrap();
        fs::write(dir.join("db/conf"), b"x").unwrap();
        fs::write(dir.join("audit.head"), b"x").unwrap();
        let set = |p: &Path, m| fs::set_permissions(p, fs::Permissions::from_mode(m)).unwrap();
        set(&dir, 0o700);
        set(&dir.join("db"), 0o700);
        set(&dir.join("db/conf"), 0o600);
        set(&dir.join("audit.head"), 0o600);
        assert!(exposed(&dir).is_empty());
        // Loose files inside a private folder are out of reach.
        set(&dir.join("db/conf"), 0o644);
        assert!(exposed(&dir).is_empty());
        set(&dir, 0o755);
        assert_eq!(exposed(&dir), vec![dir.clone(), dir.join("db/conf")]);
    }
}
