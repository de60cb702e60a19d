//! `y` copies the ticket id and `Y` its DNI through OSC 52: in a real
//! terminal (tmux with `set-clipboard on`, as over SSH) the text lands in
//! the clipboard (tmux's paste buffer) and the status line says what.

mod tmux_harness;

use std::path::Path;

use tmux_harness::{MESA, Tmux};

const NOW: &str = "2026-11-23T16:00:00-05:00";

fn mesa(store: &Path, args: &[&str]) -> serde_json::Value {
    tmux_harness::mesa(store, NOW, args)
}

#[test]
fn y_copies_the_id_and_shift_y_the_dni_to_the_terminal_clipboard() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    mesa(&store, &["demo"]);
    let news = mesa(&store, &["list", "--status", "nuevo", "--json"]);
    let ticket = &news[0];
    let id = ticket["id"].as_str().unwrap().to_string();
    let show = mesa(&store, &["show", &id, "--json"]);
    let dni = show["applicants"][0]["dni"].as_str().unwrap().to_string();

    let tmux = Tmux::start(&store, NOW, &[]);
    tmux.tmux(&["set-option", "-g", "set-clipboard", "on"]);
    tmux.wait_for("$");
    tmux.type_text(&format!("'{MESA}' --as supervisor"));
    tmux.key("Enter");
    tmux.give_password();
    tmux.wait_for("Próximo envío a RENIEC");
    tmux.key("/");
    tmux.type_text(&id);
    tmux.wait_for("1 de 1");
    tmux.key("Enter");

    tmux.key("y");
    tmux.wait_for(&format!("Copiado al portapapeles: {id}"));
    let buffer = tmux.wait_until("the id in tmux's buffer", |_| {
        tmux_buffer(&tmux).as_deref() == Some(id.as_str())
    });
    drop(buffer);

    // From the ticket screen too, and the DNI with Y.
    tmux.key("Enter");
    tmux.wait_for(&format!("{id} · "));
    tmux.key("Y");
    tmux.wait_for(&format!("DNI {dni}"));
    tmux.wait_until("the DNI in tmux's buffer", |_| {
        tmux_buffer(&tmux).as_deref() == Some(dni.as_str())
    });
    tmux.key("q");
}

/// The newest paste buffer, if any.
fn tmux_buffer(tmux: &Tmux) -> Option<String> {
    let list = tmux.tmux(&["list-buffers", "-F", "#{buffer_name}"]);
    list.lines().next()?;
    Some(tmux.tmux(&["show-buffer"]))
}
