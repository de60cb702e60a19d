//! Two analysts' consoles in real terminals (tmux) on one throwaway
//! PostgreSQL database: A takes tickets with `N` and B's screen shows them
//! taken (the delay from A's key to B's screen is measured ten times and
//! the median printed, never asserted); B's move on A's ticket is refused
//! naming A; the supervisor reassigns it and both screens show the new
//! owner.

mod pg;
mod tmux_harness;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use tmux_harness::{MESA, Tmux};

const NOW: &str = "2026-11-23T16:00:00-05:00";

fn mesa(store: &str, data: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new(MESA)
        .args(args)
        .env("MESA_STORE", store)
        .env("MESA_NOW", NOW)
        .env("MESA_ANALYST", mesa::demo::SUPERVISOR)
        .env("MESA_PASSWORD", mesa::demo::PASSWORD)
        .env("XDG_DATA_HOME", data)
        .env_remove("MESA_CONFIG")
        .output()
        .unwrap();
    assert!(out.status.success(), "mesa {args:?}: {out:?}");
    out.stdout
}

/// A console 120 columns wide (the queue shows the «Analista» column).
fn console(store: &str, data: &Path, who: &str) -> Tmux {
    let tmux = Tmux::start(
        Path::new(store),
        NOW,
        &[("XDG_DATA_HOME", data.to_str().unwrap())],
    );
    tmux.wait_for("$");
    tmux.tmux(&["resize-window", "-t", "e2e", "-x", "120", "-y", "32"]);
    tmux.type_text(&format!("'{MESA}' --as {who}"));
    tmux.key("Enter");
    tmux.give_password();
    tmux.wait_for("Próximo envío a RENIEC");
    tmux
}

fn row(screen: &str, id: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains(id) && !l.contains("Filtro:"))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_take_shows_on_the_other_console_which_is_refused_until_the_supervisor_reassigns() {
    let Some(cluster) = pg::cluster() else { return };
    let data = tempfile::tempdir().unwrap();
    let store = cluster.database("team_consoles");
    mesa(&store, data.path(), &["demo", "--tickets", "600"]);
    let news: serde_json::Value = serde_json::from_slice(&mesa(
        &store,
        data.path(),
        &["list", "--status", "nuevo", "--json"],
    ))
    .unwrap();
    let free: Vec<String> = news
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    assert!(free.len() >= 10, "enough free tickets: {}", free.len());
    let working: serde_json::Value = serde_json::from_slice(&mesa(
        &store,
        data.path(),
        &["list", "--status", "en_atencion", "--json"],
    ))
    .unwrap();
    let working = working.as_array().unwrap().len();

    let a = console(&store, data.path(), "mvasquez");
    let b = console(&store, data.path(), "jterrones");
    b.wait_for(&format!("2 En atención {working}"));

    // A presses N ten times; each take shows on B's counts, no key there.
    let mut delays = Vec::new();
    for k in 1..=10 {
        let want = format!("2 En atención {}", working + k);
        let pressed = Instant::now();
        a.key("N");
        b.wait_for(&want);
        delays.push(pressed.elapsed());
    }
    delays.sort();
    let median = (delays[4] + delays[5]) / 2;
    println!(
        "A's key to B's screen, median of 10: {} ms (each: {:?})",
        median.as_millis(),
        delays.iter().map(Duration::as_millis).collect::<Vec<_>>()
    );

    // The oldest free ticket is A's now, on B's queue row too.
    let id = &free[0];
    b.key("/");
    b.type_text(id);
    b.key("Enter");
    let seen = b.wait_until("A as the owner on B's row", |s| {
        row(s, id).contains("mvasquez")
    });
    assert!(row(&seen, id).contains("En atención"), "{seen}");
    a.key("/");
    a.type_text(id);
    a.key("Enter");
    a.wait_until("A's own row", |s| row(s, id).contains("mvasquez"));

    // B opens it and tries to schedule it: refused, naming A.
    b.key("Enter");
    b.wait_for("Atiende: mvasquez desde");
    b.key("p");
    b.wait_for("¿Programar");
    b.key("Enter");
    b.wait_for(&format!("{id} lo tiene mvasquez"));

    // The supervisor gives it to B: both screens follow.
    mesa(&store, data.path(), &["assign", id, "jterrones"]);
    b.wait_for("Atiende: jterrones desde");
    a.wait_until("the new owner on A's row", |s| {
        row(s, id).contains("jterrones")
    });
    // Now B's schedule goes through.
    b.key("p");
    b.wait_for("¿Programar");
    b.key("Enter");
    b.wait_for("[Programado]");

    for c in [&a, &b] {
        c.quit_to_shell();
    }
    mesa(&store, data.path(), &["audit", "verify"]);
}
