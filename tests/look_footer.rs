//! A message never hides the keys: the status line sits above the footer,
//! which stays on screen, at 80×24 and 120×40.

mod console_harness;

use crossterm::event::KeyCode;
use mesa::domain::Status;

#[test]
fn a_message_and_the_keys_show_together() {
    let mut h = console_harness::open();
    let new = h.first(|t| t.status == Status::Nuevo && t.kind.is_batched());
    h.find(&new.id);
    h.key(KeyCode::Char('o'));
    for (w, ht) in [(80, 24), (120, 40)] {
        let screen = h.screen(w, ht);
        let lines: Vec<&str> = screen.lines().collect();
        assert!(screen.contains("tómelo primero"), "{screen}");
        assert!(
            lines.iter().rev().take(2).any(|l| l.contains("? ayuda")),
            "the keys left the bottom of the screen at {w}×{ht}:\n{screen}"
        );
    }
}
