//! Helpers shared by the integration tests: each test gets its own store.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub const NOW: &str = "2026-11-23T09:00:00-05:00";
/// The supervisor of every test store, who acts unless `--as` says otherwise.
pub const SUPERVISOR: &str = "supervisor";
/// An analyst (not a supervisor) of every test store.
pub const ANALYST: &str = "mvasquez";

/// Gives a new store its staff, as `mesa init --supervisor supervisor` and
/// `mesa analyst add mvasquez` would.
pub fn init_store(store: &Path) {
    use mesa::domain::role::Role;
    let now = chrono::DateTime::parse_from_rfc3339(NOW)
        .unwrap()
        .with_timezone(&chrono::Utc);
    let desk = mesa::desk::Desk::new(
        mesa::store::Store::open(store).unwrap(),
        mesa::config::Config::default(),
        mesa::clock::Clock::Fixed(now),
    );
    desk.init_supervisor(SUPERVISOR).unwrap();
    desk.add_analyst(SUPERVISOR, ANALYST, Role::Analista)
        .unwrap();
}

/// The built binary, on `store`, at the fixed `NOW`, acting as the
/// supervisor; a store that does not exist yet is created with its staff
/// first (`init_store`).
pub fn mesa(store: &Path) -> Command {
    if !store.join("db").exists() {
        init_store(store);
    }
    let mut cmd = mesa_bare(store);
    cmd.env("MESA_ANALYST", SUPERVISOR);
    cmd
}

/// The built binary on `store` as it is: no staff created, nobody named.
pub fn mesa_bare(store: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mesa"));
    cmd.env("MESA_STORE", store)
        .env("MESA_NOW", NOW)
        .env_remove("MESA_CONFIG")
        .env_remove("MESA_ANALYST");
    cmd
}

/// A copy of `assets/sample` (CSV + images) in a temp dir.
pub fn sample_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    copy_dir(&src, dir.path());
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

pub fn sample_csv(dir: &Path) -> PathBuf {
    dir.join("solicitudes.csv")
}

/// `mesa list --json` as text: the store as a user sees it.
pub fn list_json(store: &Path) -> String {
    let out = mesa(store).args(["list", "--json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

pub fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}
