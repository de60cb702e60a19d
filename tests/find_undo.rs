//! Undoing one's own last move for a short while, as a recorded
//! compensating move: `z` in the console, `mesa undo ID` on the command
//! line; refused (with why) for someone else's move, after the window, or
//! for a move that cannot be undone.

mod console_harness;
mod support;

use console_harness::{H, now, open};
use crossterm::event::KeyCode;
use mesa::clock::Clock;
use mesa::domain::{Move, Status};

fn a_new_ticket(h: &H) -> String {
    h.first(|t| t.status == Status::Nuevo).id
}

#[test]
fn z_puts_a_taken_ticket_back_and_records_it() {
    let mut h = open();
    let id = a_new_ticket(&h);
    h.find(&id);
    let before = h.desk.history(&id).unwrap();
    h.key(KeyCode::Char('t'));
    assert_eq!(h.desk.ticket(&id).unwrap().status, Status::EnAtencion);
    h.key(KeyCode::Char('z'));
    let t = h.desk.ticket(&id).unwrap();
    assert_eq!(t.status, Status::Nuevo);
    assert_eq!(t.assignee, None);
    assert!(
        h.status_text().contains(&format!("{id}: Nuevo")),
        "{}",
        h.status_text()
    );
    // Nothing erased: the take and its undo are both in the history.
    let after = h.desk.history(&id).unwrap();
    assert_eq!(after.len(), before.len() + 2);
    assert_eq!(after[..before.len()], before[..]);
    let undo = after.last().unwrap();
    assert_eq!(undo.action, Some(Move::Undo));
    assert_eq!(
        (undo.from, undo.to),
        (Some(Status::EnAtencion), Status::Nuevo)
    );
    assert_eq!(undo.by, "beto");
    // And in the audit log.
    let audit: Vec<_> = h
        .desk
        .store
        .audit_entries()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        audit
            .iter()
            .rev()
            .take(3)
            .any(|e| e.action == "undo" && e.subject.contains(&id)),
        "{:?}",
        audit.iter().rev().take(3).collect::<Vec<_>>()
    );
    // Once is all: the undo itself is not undone.
    h.key(KeyCode::Char('z'));
    assert!(
        h.status_text()
            .contains("no hay un movimiento suyo que deshacer"),
        "{}",
        h.status_text()
    );
    assert_eq!(h.desk.ticket(&id).unwrap().status, Status::Nuevo);
}

#[test]
fn refused_after_the_window_and_for_someone_elses_move() {
    let mut h = open();
    let id = a_new_ticket(&h);
    h.find(&id);
    h.key(KeyCode::Char('t'));
    h.desk.clock = Clock::Fixed(now() + chrono::Duration::minutes(6));
    h.key(KeyCode::Char('z'));
    assert!(
        h.status_text().contains("hace 6 min"),
        "{}",
        h.status_text()
    );
    assert!(
        h.status_text().contains("durante 5 min"),
        "{}",
        h.status_text()
    );
    assert_eq!(h.desk.ticket(&id).unwrap().status, Status::EnAtencion);

    h.desk.clock = Clock::Fixed(now());
    let err = h
        .desk
        .undo(&id, mesa::demo::SUPERVISOR)
        .unwrap_err()
        .to_string();
    assert!(err.contains("el último movimiento es de beto"), "{err}");
    assert_eq!(h.desk.ticket(&id).unwrap().status, Status::EnAtencion);
}

#[test]
fn the_command_line_undoes_an_observation_once() {
    let m = support::Mesa::new();
    m.ok(&["demo"]);
    let news: serde_json::Value =
        serde_json::from_str(&m.ok(&["list", "--status", "nuevo", "--json"])).unwrap();
    let id = news[0]["id"].as_str().unwrap().to_string();
    m.ok(&["take", &id]);
    m.ok(&["observe", &id, "--reason", "foto borrosa"]);
    let out = m.ok(&["undo", &id]);
    assert!(out.contains(&id), "{out}");
    let show: serde_json::Value = serde_json::from_str(&m.ok(&["show", &id, "--json"])).unwrap();
    assert_eq!(show["status"], "en_atencion");
    let out = m.run(&["undo", &id]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no hay un movimiento suyo que deshacer"),
        "{err}"
    );
}
