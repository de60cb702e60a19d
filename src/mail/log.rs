//! The log file: `<store>/logs/mesa.log` (the console and mail delivery),
//! written through tracing-appender's non-blocking writer. Keep the guard
//! alive while the program runs; dropping it flushes the file.
//!
//! Rotation is by size, when logging starts: past [`ROTATE_BYTES`] the file
//! becomes `mesa.log.1` (and `.1` becomes `.2`, … up to [`KEEP`] old files).

use std::path::{Path, PathBuf};

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

pub const LOG_VAR: &str = "MESA_LOG";
/// A log file larger than this is rotated when logging starts.
pub const ROTATE_BYTES: u64 = 5 * 1024 * 1024;
/// How many rotated files are kept.
pub const KEEP: usize = 5;

pub fn log_path(store_dir: &Path) -> PathBuf {
    store_dir.join("logs").join("mesa.log")
}

/// Starts logging to the store's log file (level from `MESA_LOG`, `info` by
/// default). Returns `None` when a subscriber is already set.
pub fn init(store_dir: &Path) -> Option<WorkerGuard> {
    let dir = store_dir.join("logs");
    std::fs::create_dir_all(&dir).ok()?;
    rotate(&dir, ROTATE_BYTES, KEEP);
    let appender = tracing_appender::rolling::never(&dir, "mesa.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_from_env(LOG_VAR).unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init()
        .ok()?;
    Some(guard)
}

/// Moves a `mesa.log` larger than `limit` to `mesa.log.1`, shifting older
/// ones and dropping the one past `keep`.
pub fn rotate(dir: &Path, limit: u64, keep: usize) {
    let current = dir.join("mesa.log");
    let big = std::fs::metadata(&current).is_ok_and(|m| m.len() > limit);
    if !big || keep == 0 {
        return;
    }
    let old = |n: usize| dir.join(format!("mesa.log.{n}"));
    let _ = std::fs::remove_file(old(keep));
    for n in (1..keep).rev() {
        let _ = std::fs::rename(old(n), old(n + 1));
    }
    let _ = std::fs::rename(&current, old(1));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_big_log_is_rotated_and_old_ones_are_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("mesa.log"), "small").unwrap();
        rotate(d, 10, 2);
        assert_eq!(
            std::fs::read_to_string(d.join("mesa.log")).unwrap(),
            "small"
        );
        for round in ["first", "second", "third"] {
            std::fs::write(d.join("mesa.log"), format!("{round} round, long enough")).unwrap();
            rotate(d, 10, 2);
            assert!(!d.join("mesa.log").exists());
        }
        assert!(
            std::fs::read_to_string(d.join("mesa.log.1"))
                .unwrap()
                .starts_with("third")
        );
        assert!(
            std::fs::read_to_string(d.join("mesa.log.2"))
                .unwrap()
                .starts_with("second")
        );
        assert!(!d.join("mesa.log.3").exists());
    }
}
