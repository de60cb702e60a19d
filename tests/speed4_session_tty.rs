//! A password typed at a real terminal (tmux) opens the lasting sign-in:
//! the next command asks nothing; `mesa salir` ends it and the password is
//! asked again. Analyst management always asks (it is not covered).

mod tmux_harness;

use tmux_harness::{MESA, Tmux};

const NOW: &str = "2026-11-23T16:00:00-05:00";
const PROMPT: &str = "Contraseña de «supervisor»:";

#[test]
fn a_password_typed_once_covers_the_next_command_until_salir() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    tmux_harness::mesa(&store, NOW, &["demo", "--tickets", "5"]);
    let tmux = Tmux::start(&store, NOW, &[]);
    tmux.wait_for("$");
    tmux.type_text(&format!(
        "'{MESA}' --as supervisor list --limit 1 --json | grep -c T-2026; echo UNO-$?"
    ));
    tmux.key("Enter");
    tmux.wait_for(PROMPT);
    tmux.type_text(mesa::demo::PASSWORD);
    tmux.key("Enter");
    tmux.wait_for("UNO-0");
    tmux.type_text(&format!(
        "'{MESA}' --as supervisor list --limit 2 --json | grep -c T-2026; echo DOS-$?"
    ));
    tmux.key("Enter");
    let screen = tmux.wait_for("DOS-0");
    assert_eq!(screen.matches(PROMPT).count(), 1, "asked again:\n{screen}");
    assert!(
        screen.contains("\n2\n") || screen.contains("\n2 "),
        "{screen}"
    );
    tmux.type_text(&format!("'{MESA}' salir"));
    tmux.key("Enter");
    tmux.wait_for("Sesión cerrada");
    tmux.wait_for_shell();
    tmux.type_text(&format!("'{MESA}' --as supervisor list --limit 1"));
    tmux.key("Enter");
    tmux.wait_until("the password asked again", |s| {
        s.matches(PROMPT).count() == 2
    });
    tmux.key("Escape");
}
