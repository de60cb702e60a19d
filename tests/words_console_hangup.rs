//! Closing the terminal window while the console runs (SIGHUP, the pty
//! closing): the console ends quietly, with no panic and no English
//! system text, and the store is left intact and unlocked.

mod tmux_harness;

use std::path::Path;
use std::time::{Duration, Instant};

use tmux_harness::{MESA, Tmux};

const NOW: &str = "2026-11-23T16:00:00-05:00";

fn log_of(store: &Path) -> String {
    std::fs::read_to_string(store.join("logs/mesa.log")).unwrap_or_default()
}

/// Opens the console in a tmux window (standard error to `stderr`, or to
/// the terminal itself), closes the window, and returns what the console
/// logged from its start to its end.
fn close_the_window(store: &Path, stderr: Option<&Path>) -> String {
    let before = log_of(store).len();
    let tmux = Tmux::start(store, NOW, &[]);
    tmux.wait_for("$");
    let redirect = stderr
        .map(|p| format!(" 2>'{}'", p.display()))
        .unwrap_or_default();
    tmux.type_text(&format!("'{MESA}' --as supervisor{redirect}"));
    tmux.key("Enter");
    tmux.give_password();
    tmux.wait_for("Próximo envío a RENIEC");
    // The window closes: tmux hangs up the pty under the console.
    tmux.tmux(&["kill-server"]);
    let start = Instant::now();
    loop {
        let log = log_of(store)[before..].to_string();
        if log.contains("console closed") {
            return log;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the console did not end after its window closed; it logged:\n{log}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn store_still_works(store: &Path) {
    let verify = tmux_harness::mesa(store, NOW, &["audit", "verify", "--json"]);
    assert_eq!(verify["ok"], true, "{verify}");
    let all = tmux_harness::mesa(store, NOW, &["list", "--json"]);
    assert_eq!(all.as_array().unwrap().len(), 60);
}

#[test]
fn closing_the_window_ends_the_console_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    tmux_harness::mesa(&store, NOW, &["demo"]);

    // Standard error is the closed terminal too.
    let log = close_the_window(&store, None);
    assert!(!log.contains("panic"), "{log}");
    store_still_works(&store);

    // Standard error kept open (a file): nothing at all is written there.
    let err = dir.path().join("stderr.txt");
    let log = close_the_window(&store, Some(&err));
    assert!(!log.contains("panic"), "{log}");
    let written = std::fs::read_to_string(&err).unwrap();
    assert!(written.trim().is_empty(), "the console wrote:\n{written}");
    store_still_works(&store);
}

#[test]
fn the_consoles_first_run_shows_the_store_it_creates() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("nuevo");
    let tmux = Tmux::start(&store, NOW, &[]);
    tmux.wait_for("$");
    tmux.type_text(&format!("'{MESA}'"));
    tmux.key("Enter");
    tmux.wait_for("Primer uso");
    // The path may wrap inside the box: compare without line breaks.
    let screen = tmux.wait_for("Almacén: ");
    let joined: String = screen
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '│' || c.is_whitespace()))
        .collect();
    assert!(
        joined.contains(&format!("Almacén: {}", store.display())),
        "{screen}"
    );
    tmux.key("Escape");
    tmux.wait_for_shell();
}
