//! Which commands may create a store: only `init`, `demo`, `restore` and
//! the console's first run. Every other command needs an existing store
//! (a mistyped `--store` must not silently create an empty one), and no
//! store may live inside another (`STORE/db`, `STORE/attachments`).

use std::path::{Path, PathBuf};

use crate::strings::words as s;

/// A directory holding a mesa store: its sled database directory, or the
/// audit witness kept beside it (a store whose database was lost is still
/// a store: opening it reports the damage).
pub fn is_store(dir: &Path) -> bool {
    dir.join("db").is_dir() || dir.join("audit.head").is_file()
}

/// The store that `dir` would sit inside of, if any: the nearest ancestor
/// that is a store (checked on the absolute path, without following what
/// does not exist yet).
pub fn enclosing_store(dir: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(dir).ok()?;
    // Resolve what exists, so `STORE/db/../db/x` and symlinks count.
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        rest.push(existing.file_name()?.to_owned());
        existing = existing.parent()?;
    }
    let mut full = existing.canonicalize().ok()?;
    for part in rest.iter().rev() {
        full.push(part);
    }
    full.ancestors()
        .skip(1)
        .find(|a| is_store(a))
        .map(Path::to_path_buf)
}

/// Refuses a path inside another store.
pub fn check_not_nested(dir: &Path) -> anyhow::Result<()> {
    match enclosing_store(dir) {
        Some(outer) => anyhow::bail!(s::store_inside_store(dir, &outer)),
        None => Ok(()),
    }
}

/// For the commands that work on a store: it must exist, and not inside
/// another store. Nothing is created on disk either way.
pub fn require_existing(dir: &Path) -> anyhow::Result<()> {
    check_not_nested(dir)?;
    if !is_store(dir) {
        anyhow::bail!(s::store_missing(dir));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_inside_a_store_is_refused_and_a_sibling_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("s");
        std::fs::create_dir_all(store.join("db")).unwrap();
        assert!(enclosing_store(&store.join("db")).is_some());
        assert!(enclosing_store(&store.join("attachments/x")).is_some());
        assert!(enclosing_store(&store).is_none());
        assert!(enclosing_store(&dir.path().join("otro")).is_none());
        assert!(require_existing(&dir.path().join("otro")).is_err());
        assert!(!dir.path().join("otro").exists());
    }
}
