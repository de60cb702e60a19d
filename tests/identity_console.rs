//! Proven identity at the console: the real binary in a real terminal
//! (tmux). `--as` only fills the name; a wrong password does not enter,
//! is never shown, and is audited; the right one enters.

mod tmux_harness;

use std::path::Path;

use tmux_harness::{MESA, Tmux};

const NOW: &str = "2026-11-23T16:00:00-05:00";

fn mesa(store: &Path, args: &[&str]) -> serde_json::Value {
    tmux_harness::mesa(store, NOW, args)
}

#[test]
fn a_wrong_password_at_the_console_does_not_enter() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    mesa(&store, &["demo"]);
    let tmux = Tmux::start(&store, NOW, &[]);
    tmux.wait_for("$");
    tmux.type_text(&format!("'{MESA}' --as supervisor"));
    tmux.key("Enter");
    tmux.wait_for("Contraseña");
    let wrong = "adivinanza-secreta";
    tmux.type_text(wrong);
    // What is typed shows as dots, never as itself.
    let typing = tmux.wait_for(&"•".repeat(wrong.chars().count()));
    assert!(!typing.contains(wrong), "{typing}");
    tmux.key("Enter");
    let refused = tmux.wait_for("Nombre o contraseña incorrectos");
    assert!(!refused.contains(wrong), "{refused}");
    assert!(
        !refused.contains("Próximo envío"),
        "still at the sign-in: {refused}"
    );
    // The right password enters.
    tmux.type_text(mesa::demo::PASSWORD);
    tmux.key("Enter");
    tmux.wait_for("Próximo envío a RENIEC");
    tmux.key("q");
    tmux.wait_for_shell();
    drop(tmux);

    let audit = mesa(&store, &["audit", "--last", "20", "--json"]);
    let entries = audit.as_array().unwrap();
    let failed: Vec<_> = entries
        .iter()
        .filter(|e| e["action"] == "sign_in_failed")
        .collect();
    assert_eq!(failed.len(), 1, "{audit:#}");
    assert_eq!(failed[0]["by"], "supervisor");
    assert_eq!(failed[0]["subject"], "consola");
    assert!(
        entries
            .iter()
            .any(|e| e["action"] == "login" && e["by"] == "supervisor")
    );
    assert!(!audit.to_string().contains(wrong));
}

#[test]
fn the_command_line_asks_for_the_password_on_a_terminal_without_echo() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    mesa(&store, &["demo", "--tickets", "5"]);
    let tmux = Tmux::start(&store, NOW, &[]);
    tmux.wait_for("$");
    tmux.type_text(&format!("'{MESA}' --as supervisor analyst list"));
    tmux.key("Enter");
    tmux.wait_for("Contraseña de «supervisor»:");
    tmux.type_text(mesa::demo::PASSWORD);
    tmux.key("Enter");
    let screen = tmux.wait_for("mvasquez");
    assert!(!screen.contains(mesa::demo::PASSWORD), "{screen}");
    // A wrong one typed the same way is refused.
    tmux.wait_for_shell();
    tmux.type_text(&format!("'{MESA}' --as supervisor analyst list"));
    tmux.key("Enter");
    tmux.wait_until("the second prompt", |s| {
        s.matches("Contraseña de «supervisor»:").count() == 2
    });
    tmux.type_text("adivinanza-secreta");
    tmux.key("Enter");
    let screen = tmux.wait_for("Nombre o contraseña incorrectos");
    assert!(!screen.contains("adivinanza-secreta"), "{screen}");
}
