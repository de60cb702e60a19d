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
            lines.iter().rev().take(2).any(|l| l.contains("?:ayuda")),
            "the keys left the bottom of the screen at {w}×{ht}:\n{screen}"
        );
    }
}

#[test]
fn help_opens_at_the_section_of_the_screen_it_was_asked_from() {
    let mut h = console_harness::open();
    h.key(KeyCode::Char('?'));
    let queue_help = h.screen(120, 40);
    assert!(queue_help.contains("Cola de tickets"), "{queue_help}");
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('b'));
    h.key(KeyCode::Char('?'));
    let batch_help = h.screen(120, 40);
    assert!(
        batch_help.contains("Sellar el lote (fija su contenido)"),
        "the batch screen's help does not start at its keys:\n{batch_help}"
    );
    assert!(
        !queue_help.contains("Sellar el lote (fija su contenido)"),
        "the queue's help starts at the queue's keys"
    );
}
