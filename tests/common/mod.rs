//! Helpers shared by the integration tests: each test gets its own store.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use assert_cmd::Command;

pub const NOW: &str = "2026-11-23T09:00:00-05:00";
/// The supervisor of every test store, who acts unless `--as` says otherwise.
pub const SUPERVISOR: &str = "supervisor";
/// An analyst (not a supervisor) of every test store.
pub const ANALYST: &str = "mvasquez";
/// The password of every analyst of a test store (`mesa` gives it in
/// `MESA_PASSWORD`, and as the new password in `MESA_NEW_PASSWORD`, so an
/// analyst a test adds signs in with it too).
pub const PASSWORD: &str = "clave-de-prueba-2026";

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
    desk.init_supervisor_with_password(SUPERVISOR, PASSWORD)
        .unwrap();
    desk.add_analyst_with_password(SUPERVISOR, ANALYST, Role::Analista, PASSWORD)
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
    cmd.env("MESA_ANALYST", SUPERVISOR)
        .env("MESA_PASSWORD", PASSWORD)
        .env("MESA_NEW_PASSWORD", PASSWORD);
    cmd
}

/// The built binary on `store` as it is: no staff created, nobody named.
pub fn mesa_bare(store: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mesa"));
    cmd.env("MESA_STORE", store)
        .env("MESA_NOW", NOW)
        .env_remove("MESA_CONFIG")
        .env_remove("MESA_ANALYST")
        .env_remove("MESA_PASSWORD")
        .env_remove("MESA_NEW_PASSWORD");
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

/// The sample imported as `actor`, who also takes and schedules tickets
/// T-2026-000001 and T-2026-000002 (both for the 27/11 dispatch).
pub fn scheduled_sample(actor: &str) -> (tempfile::TempDir, tempfile::TempDir) {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    let s = store.path();
    mesa(s)
        .args(["--as", actor, "import"])
        .arg(sample_csv(sample.path()))
        .assert()
        .success();
    for id in ["T-2026-000001", "T-2026-000002"] {
        for step in ["take", "schedule"] {
            mesa(s).args(["--as", actor, step, id]).assert().success();
        }
    }
    (store, sample)
}

/// The sample imported into a new store.
pub fn imported() -> (tempfile::TempDir, tempfile::TempDir) {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    mesa(store.path())
        .arg("import")
        .arg(sample_csv(sample.path()))
        .assert()
        .success();
    (store, sample)
}

/// Runs this test binary's ignored test `name` as a child process (it
/// finds the store in the environment variable `var`), kills it with
/// SIGKILL after `after`, and returns the lines it printed.
pub fn killed_child(name: &str, var: &str, store: &Path, after: Duration) -> Vec<String> {
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            name,
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(var, store)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let prefix = format!("test {name} ... ");
    let reader = std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            // The first line starts with libtest's own "test … ".
            .map(|l| l.strip_prefix(&prefix).map(String::from).unwrap_or(l))
            .collect::<Vec<_>>()
    });
    std::thread::sleep(after);
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    reader.join().unwrap()
}

macro_rules! import_header {
    () => {
        "ticket,kind,motive,registered_at,full_name,dni,dni_issued_on,email,photo,signature,payment_operation,payment_date,payment_amount,cert_expires_on,certificate"
    };
}

/// The import CSV's header (English column names), without its line end.
#[allow(dead_code)]
pub const IMPORT_HEADER: &str = import_header!();

/// The same header with its line end, to put rows after.
#[allow(dead_code)]
pub const IMPORT_HEADER_LINE: &str = concat!(import_header!(), "\n");

/// Runs `mesa` on `store` at `now`; it must succeed. Returns stdout.
#[allow(dead_code)]
pub fn ok_at(store: &Path, now: &str, args: &[&str]) -> String {
    let out = mesa(store)
        .env("MESA_NOW", now)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "mesa {args:?} failed: {}",
        stderr_of(&out)
    );
    stdout_of(&out)
}
