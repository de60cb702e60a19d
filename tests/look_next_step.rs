//! A refused move says what to do instead: take the ticket first, or that
//! the ticket admits no more moves. On the command line and in the console.

mod common;
mod console_harness;

use common::{imported, mesa, stderr_of};
use crossterm::event::KeyCode;
use mesa::domain::Status;

#[test]
fn the_command_line_names_the_missing_step() {
    let (store, _sample) = imported();
    let s = store.path();
    // T-2026-000001 is new: it must be taken before it is scheduled.
    let out = mesa(s)
        .args(["schedule", "T-2026-000001"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(err.contains("en estado nuevo; tómelo primero"), "{err}");
    assert!(err.contains("mesa take"), "{err}");

    mesa(s)
        .args(["withdraw", "T-2026-000001", "--reason", "Desistió"])
        .assert()
        .success();
    let out = mesa(s).args(["take", "T-2026-000001"]).output().unwrap();
    let err = stderr_of(&out);
    assert!(err.contains("no admite más movimientos"), "{err}");
    assert!(!err.contains("tómelo primero"), "{err}");
}

#[test]
fn the_console_says_take_it_first_with_t() {
    let mut h = console_harness::open();
    let new = h.first(|t| t.status == Status::Nuevo && t.kind.is_batched());
    h.find(&new.id);
    h.key(KeyCode::Char('o'));
    let said = h.status_text();
    assert!(said.contains(&new.id), "{said}");
    assert!(said.contains("tómelo primero (t en la consola"), "{said}");
}
