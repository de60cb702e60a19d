//! The log file of mail delivery: `<store>/logs/mesa.log`, written through
//! tracing-appender's non-blocking writer. Keep the guard alive while the
//! program runs; dropping it flushes the file.

use std::path::{Path, PathBuf};

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

pub const LOG_VAR: &str = "MESA_LOG";

pub fn log_path(store_dir: &Path) -> PathBuf {
    store_dir.join("logs").join("mesa.log")
}

/// Starts logging to the store's log file (level from `MESA_LOG`, `info` by
/// default). Returns `None` when a subscriber is already set.
pub fn init(store_dir: &Path) -> Option<WorkerGuard> {
    let dir = store_dir.join("logs");
    std::fs::create_dir_all(&dir).ok()?;
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
