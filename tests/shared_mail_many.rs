//! One mail pass that makes hundreds of store calls in a row on the shared
//! store, as the console's sender and `mesa mail flush` do after a busy
//! day: it ends, and every message it took is delivered. (Each store call
//! once spent some of tokio's cooperative budget of the task it ran in;
//! once that was spent the next wait parked for a wake-up that never
//! came, holding the desk's write lock: other consoles could not open.)

mod pg;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-23T16:00:00-05:00";

/// Runs the binary, killed after `limit`: a hang is a failure that says so.
fn mesa(store: &str, data: &Path, args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mesa"))
        .args(args)
        .env("MESA_STORE", store)
        .env("MESA_NOW", NOW)
        .env("MESA_ANALYST", mesa::demo::SUPERVISOR)
        .env("MESA_PASSWORD", mesa::demo::PASSWORD)
        .env("XDG_DATA_HOME", data)
        .env_remove("MESA_CONFIG")
        .env_remove("MESA_SMTP_HOST")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "mesa {args:?} did not end in {} s: {}",
                limit.as_secs(),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "mesa {args:?}: {out:?}");
    out
}

fn pending(store: &str, data: &Path) -> usize {
    let out = mesa(
        store,
        data,
        &["mail", "list", "--status", "pendiente", "--json"],
        Duration::from_secs(60),
    );
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    list.as_array().unwrap().len()
}

#[test]
fn a_flush_of_hundreds_of_messages_on_the_shared_store_ends_with_all_delivered() {
    let Some(cluster) = pg::cluster() else { return };
    let data = tempfile::tempdir().unwrap();
    let store = cluster.database("mail_many");
    mesa(
        &store,
        data.path(),
        &["demo", "--tickets", "600"],
        Duration::from_secs(120),
    );
    let before = pending(&store, data.path());
    // Enough that one pass makes far more store calls than tokio's budget
    // of 128 per task poll.
    assert!(before > 0, "the demo leaves messages due: {before}");

    let out = mesa(
        &store,
        data.path(),
        &["mail", "flush"],
        Duration::from_secs(120),
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains(&before.to_string()), "{said}");
    assert_eq!(pending(&store, data.path()), 0, "{said}");
}
