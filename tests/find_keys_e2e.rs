//! Keys chosen in `config.toml` (`[keys]`): the chosen key acts, the
//! footer and the help show it, and a key already taken is refused at
//! start, in Spanish, naming the key and both actions.

mod tmux_harness;

use std::path::Path;

use tmux_harness::{MESA, Tmux};

const NOW: &str = "2026-11-23T16:00:00-05:00";

fn mesa(store: &Path, args: &[&str]) -> serde_json::Value {
    tmux_harness::mesa(store, NOW, args)
}

#[test]
fn a_chosen_key_acts_and_shows_and_a_taken_one_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    mesa(&store, &["demo"]);
    std::fs::write(
        store.join("config.toml"),
        "[keys]\ntake = \"F2\"\nundo = \"o\"\n",
    )
    .unwrap();
    let news = mesa(&store, &["list", "--status", "nuevo", "--json"]);
    let id = news[0]["id"].as_str().unwrap().to_string();

    let tmux = Tmux::start(&store, NOW, &[]);
    tmux.wait_for("$");
    tmux.type_text(&format!("'{MESA}' --as supervisor"));
    tmux.key("Enter");
    tmux.give_password();
    tmux.wait_for("Próximo envío a RENIEC");
    // Said as the queue opens.
    tmux.wait_for("la tecla «o» ya es de «Observar");
    // The status line gives way to the footer at the next key.
    tmux.key("Down");
    let screen = tmux.wait_for("F2:atender");
    assert!(!screen.contains("t:atender"), "{screen}");

    tmux.key("/");
    tmux.type_text(&id);
    tmux.wait_for("1 de 1");
    tmux.key("Enter");
    // The chosen key takes.
    tmux.key("F2");
    tmux.wait_for(&format!("{id}: En atención"));
    // The help lists it beside the action, and not the old one.
    tmux.key("?");
    let help = tmux.wait_for("Atender");
    let line = help.lines().find(|l| l.contains("Atender")).unwrap();
    assert!(line.contains("F2"), "{line}");
    tmux.key("Escape");
    tmux.key("Escape");
    tmux.key("q");
    tmux.wait_for_shell();
    let shown = mesa(&store, &["show", &id, "--json"]);
    assert_eq!(shown["status"], "en_atencion");
}
