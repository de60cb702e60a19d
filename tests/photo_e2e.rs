//! The real binary in tmux (no graphics protocol passes through it): the
//! ticket shows its photo in half-blocks on the right, `v` without a
//! desktop says why in Spanish, and 60×20 keeps the console alive.

mod tmux_harness;

use std::path::Path;

use tmux_harness::{MESA, Tmux};

const NOW: &str = "2026-11-23T16:00:00-05:00";

fn mesa(store: &Path, args: &[&str]) -> serde_json::Value {
    tmux_harness::mesa(store, NOW, args)
}

#[test]
fn the_ticket_shows_its_photo_and_v_says_why_without_a_desktop() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    mesa(&store, &["demo"]);
    // The CLI's JSON leaves attachments out: read the store itself (and
    // let it go before the console opens it).
    let (id, dni) = {
        let st = mesa::store::Store::open(&store).unwrap();
        let desk = mesa::desk::Desk::new(
            st,
            mesa::config::Config::default(),
            mesa::clock::Clock::System,
        );
        let t = desk
            .list(&Default::default())
            .unwrap()
            .into_iter()
            .find(|t| {
                t.applicants.len() == 1
                    && t.applicants[0]
                        .photo
                        .as_ref()
                        .is_some_and(|p| p.image.is_some())
            })
            .expect("the demo has a ticket with a photo");
        (t.id.clone(), t.applicants[0].dni.clone())
    };

    let tmux = Tmux::start(&store, NOW, &[]);
    tmux.wait_for("$");
    // No desktop, as over SSH.
    tmux.type_text(&format!(
        "env -u DISPLAY -u WAYLAND_DISPLAY '{MESA}' --as supervisor"
    ));
    tmux.key("Enter");
    tmux.give_password();
    tmux.wait_for("Próximo envío a RENIEC");
    tmux.key("0");
    tmux.key("/");
    tmux.type_text(&dni);
    tmux.key("Enter");
    tmux.key("Enter");
    let screen = tmux.wait_until("the photo in half-blocks", |s| {
        s.contains("Foto 1") && s.matches('▀').count() >= 60
    });
    // The pane is 100 wide: the picture is in the panel on the right.
    let left: String = screen
        .lines()
        .map(|l| l.chars().take(100 - 22).collect::<String>())
        .collect();
    assert!(!left.contains('▀'), "half-blocks over the text:\n{screen}");
    assert!(screen.contains("v:ver foto"), "{screen}");
    assert!(screen.contains(&id), "{screen}");

    tmux.key("v");
    tmux.wait_for("no tiene escritorio gráfico");

    tmux.tmux(&["resize-window", "-t", "e2e", "-x", "60", "-y", "20"]);
    // The console's too-small screen, with no picture left over on it.
    let small = tmux.wait_for("muy pequeña (60×20)");
    assert!(!small.contains('▀'), "{small}");
    tmux.tmux(&["resize-window", "-t", "e2e", "-x", "100", "-y", "30"]);
    tmux.wait_for("Foto 1");
    tmux.key("q");
    tmux.wait_for("Próximo envío a RENIEC");
    tmux.quit_to_shell();
}
