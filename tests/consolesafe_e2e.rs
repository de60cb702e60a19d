//! The real binary in a real terminal (tmux): shrunk to 60×20 under an
//! analyst's hands, the console shows only "terminal too small", and no key
//! typed there changes the store (issue 19: `1` then `t` took a ticket
//! nobody saw). Grown again it shows the queue; shrunk, `q` still quits.

mod tmux_harness;

use std::path::Path;

use tmux_harness::{MESA, Tmux};

const NOW: &str = "2026-11-23T16:00:00-05:00";

fn mesa(store: &Path, args: &[&str]) -> serde_json::Value {
    tmux_harness::mesa(store, NOW, args)
}

#[test]
fn keys_typed_under_the_too_small_screen_change_nothing_in_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    mesa(&store, &["demo"]);
    let before = mesa(&store, &["list", "--json"]);
    let new_ones = mesa(&store, &["list", "--status", "nuevo", "--json"]);
    assert!(
        !new_ones.as_array().unwrap().is_empty(),
        "the demo has new tickets to take"
    );

    let tmux = Tmux::start(&store, NOW, &[]);
    tmux.wait_for("$");
    tmux.type_text(&format!("'{MESA}' --as mvasquez"));
    tmux.key("Enter");
    tmux.give_password();
    tmux.wait_for("Próximo envío a RENIEC");
    tmux.wait_for("0 Todos 60");

    tmux.tmux(&["resize-window", "-t", "e2e", "-x", "60", "-y", "20"]);
    tmux.wait_for("muy pequeña (60×20)");
    // What the analyst in the issue typed, then every action key.
    tmux.type_text("1t");
    tmux.type_text("0123456789tuofpxcnrvesSbEAMPCI?:/ aghjklTG[]");
    for key in [
        "Enter", "Tab", "BTab", "Up", "Down", "PageDown", "C-s", "C-a",
    ] {
        tmux.key(key);
    }
    // Still the same screen: nothing opened behind it.
    let small = tmux.wait_for("muy pequeña (60×20)");
    assert!(!small.contains("Próximo envío"), "{small}");

    tmux.tmux(&["resize-window", "-t", "e2e", "-x", "100", "-y", "30"]);
    let grown = tmux.wait_for("Próximo envío a RENIEC");
    assert!(grown.contains("0 Todos 60"), "the queue as it was: {grown}");

    // Shrunk again, q quits.
    tmux.tmux(&["resize-window", "-t", "e2e", "-x", "60", "-y", "20"]);
    tmux.wait_for("muy pequeña (60×20)");
    tmux.key("q");
    tmux.wait_for_shell();

    let after = mesa(&store, &["list", "--json"]);
    assert_eq!(
        after, before,
        "a key under the too-small screen changed the store"
    );
}
