//! No accidental actions in the console (issue 19): keys under the "terminal
//! too small" screen, the palette's first entry, `q` on each layer, Ctrl-C
//! with unsaved input, and keys reserved to the supervisor. The console runs
//! on a real sled store (demo, 60 tickets), keys in, store and screen out.

mod console_harness;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use console_harness::{H, open};
use mesa::domain::Status;
use mesa::domain::role::Role;
use mesa::tui::action::{Action, Command};
use mesa::tui::app::Screen;
use mesa::tui::keymap;
use mesa::tui::palette::palette_matches;
use mesa::tui::screens::ScreenCmd;

/// Everything the store holds about the tickets, to tell whether a key
/// changed anything.
fn store_state(h: &H) -> String {
    let tickets = h.desk.list(&Default::default()).unwrap();
    let histories: Vec<_> = tickets
        .iter()
        .map(|t| h.desk.history(&t.id).unwrap())
        .collect();
    format!("{tickets:?}\n{histories:?}")
}

fn press(h: &mut H, key: &keymap::Key) {
    h.send(Action::Key(KeyEvent::new(key.code, key.mods)));
}

/// Signs the console in as an analyst of the demo store.
fn as_analyst(h: &mut H) {
    h.app.actor = "mvasquez".into();
    h.app.role = Some(Role::Analista);
}

#[test]
fn under_the_too_small_screen_no_key_acts_and_only_q_or_ctrl_c_quit() {
    for (w, ht) in [(60, 20), (79, 24), (120, 23)] {
        let mut h = open();
        let before = store_state(&h);
        let cursor = h.app.cursor;
        h.send(Action::Resize(w, ht));
        assert!(h.screen(w, ht).contains("muy pequeña"));
        // What the analyst in the issue did: `1` then `t`.
        h.key(KeyCode::Char('1'));
        h.key(KeyCode::Char('t'));
        // Then every key the console knows, on every layer, but leaving.
        for b in keymap::KEYMAP {
            if b.command == Command::Quit {
                continue;
            }
            for key in b.keys {
                if *key
                    != (keymap::Key {
                        code: KeyCode::Char('q'),
                        mods: KeyModifiers::NONE,
                    })
                {
                    press(&mut h, key);
                }
            }
        }
        h.send(Action::Click { column: 5, row: 5 });
        h.send(Action::Scroll(3));
        assert_eq!(store_state(&h), before, "{w}×{ht}: the store changed");
        assert!(!h.app.quit, "{w}×{ht}");
        assert_eq!(h.app.screen, Screen::Queue, "{w}×{ht}");
        assert!(h.app.modal.is_none(), "{w}×{ht}");
        assert!(h.app.filters.is_empty(), "{w}×{ht}");
        assert!(h.app.selected.is_empty(), "{w}×{ht}");
        assert_eq!(h.app.cursor, cursor, "{w}×{ht}");
        // Growing the window shows the queue as it was.
        h.send(Action::Resize(120, 40));
        assert!(h.screen(120, 40).contains("Próximo envío a RENIEC"));
        h.send(Action::Resize(w, ht));
        h.key(KeyCode::Char('q'));
        assert!(h.app.quit, "{w}×{ht}: q quits there");
    }
    let mut h = open();
    h.send(Action::Resize(60, 20));
    h.ctrl('c');
    assert!(h.app.quit, "Ctrl-C quits there");
}

#[test]
fn under_the_too_small_screen_leaving_with_unsaved_input_asks_twice() {
    let mut h = open();
    h.key(KeyCode::Char('n'));
    h.key(KeyCode::Tab);
    h.typ("a");
    h.send(Action::Resize(60, 20));
    h.key(KeyCode::Char('q'));
    assert!(!h.app.quit, "the half-filled form is not lost on one key");
    let screen = h.screen(60, 20);
    assert!(screen.contains("sin guardar"), "{screen}");
    h.key(KeyCode::Char('q'));
    assert!(h.app.quit);
}

#[test]
fn colon_then_enter_does_not_quit_and_salir_is_the_last_entry() {
    let mut h = open();
    let before = store_state(&h);
    h.key(KeyCode::Char(':'));
    let first = palette_matches("", h.app.role)[0];
    assert_ne!(first, Command::Quit);
    h.key(KeyCode::Enter);
    assert!(!h.app.quit, "`:` Enter quit the console");
    assert_eq!(store_state(&h), before, "the first entry changed the store");
    // The entry the palette highlights first is a harmless one.
    h.send(Action::Cmd(Command::Help));
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char(':'));
    let screen = h.screen(120, 40);
    let highlighted = screen
        .lines()
        .find(|l| l.contains('›'))
        .unwrap_or_default()
        .to_string();
    assert!(!highlighted.contains("Salir"), "{screen}");
    h.key(KeyCode::Esc);
    // Asked for by name, it still quits.
    h.key(KeyCode::Char(':'));
    h.typ("salir");
    h.key(KeyCode::Enter);
    assert!(h.app.quit);
}

#[test]
fn q_closes_what_is_on_top_and_quits_only_from_the_queue() {
    let mut h = open();
    // Help.
    h.key(KeyCode::Char('?'));
    h.key(KeyCode::Char('q'));
    assert!(!h.app.quit, "q in help quit the console");
    assert!(h.app.modal.is_none());
    // A ticket, back to the queue.
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Ticket);
    let ticket = h.screen(120, 40);
    assert!(!ticket.contains("q:salir"), "{ticket}");
    h.key(KeyCode::Char('q'));
    assert!(!h.app.quit);
    assert_eq!(h.app.screen, Screen::Queue);
    // A question: q answers no.
    let t = h.first(|t| t.status == Status::EnAtencion && t.kind.is_batched());
    h.find(&t.id);
    h.key(KeyCode::Char('p'));
    assert!(h.app.modal.is_some());
    h.key(KeyCode::Char('q'));
    assert!(!h.app.quit);
    assert!(h.app.modal.is_none());
    assert_eq!(h.desk.ticket(&t.id).unwrap().status, Status::EnAtencion);
    // Saved views and columns.
    for k in ['v', 'e'] {
        h.key(KeyCode::Char(k));
        assert!(h.app.modal.is_some(), "{k}");
        h.key(KeyCode::Char('q'));
        assert!(!h.app.quit, "{k}");
        assert!(h.app.modal.is_none(), "{k}");
    }
    // The batch screen and the registry screens go back to the queue.
    for k in ['b', 'M', 'P', 'C', 'I', 'A'] {
        h.key(KeyCode::Char(k));
        assert_ne!(h.app.screen, Screen::Queue, "{k}");
        h.key(KeyCode::Char('q'));
        assert!(!h.app.quit, "q on screen {k} quit the console");
        assert_eq!(h.app.screen, Screen::Queue, "{k}");
    }
    // The queue offers q to quit, and q there quits.
    let queue = h.screen(120, 40);
    assert!(queue.contains("q:salir"), "{queue}");
    h.key(KeyCode::Char('q'));
    assert!(h.app.quit);
}

#[test]
fn ctrl_c_in_a_half_filled_intake_form_asks_and_a_second_ctrl_c_quits() {
    let mut h = open();
    let before = store_state(&h);
    // Untouched: Ctrl-C quits at once.
    h.key(KeyCode::Char('n'));
    h.ctrl('c');
    assert!(h.app.quit);

    let mut h = open();
    h.key(KeyCode::Char('n'));
    h.key(KeyCode::Tab);
    h.typ("a");
    h.ctrl('c');
    assert!(!h.app.quit, "Ctrl-C lost the half-filled form");
    let screen = h.screen(120, 40);
    assert!(screen.contains("Hay datos sin guardar"), "{screen}");
    // Any other key goes back to the form, as typed.
    h.key(KeyCode::Char('n'));
    assert!(!h.app.quit);
    assert_eq!(h.app.screen, Screen::Form);
    assert_eq!(h.app.form.as_ref().unwrap().motive, "a");
    // A second Ctrl-C quits.
    h.ctrl('c');
    assert!(!h.app.quit);
    h.ctrl('c');
    assert!(h.app.quit);
    assert_eq!(store_state(&h), before);

    // Confirming quits too; Esc's own question then Ctrl-C quits.
    let mut h = open();
    h.key(KeyCode::Char('n'));
    h.key(KeyCode::Tab);
    h.typ("a");
    h.ctrl('c');
    h.key(KeyCode::Char('s'));
    assert!(h.app.quit);
    let mut h = open();
    h.key(KeyCode::Char('n'));
    h.key(KeyCode::Tab);
    h.typ("a");
    h.key(KeyCode::Esc);
    assert!(!h.app.quit);
    h.ctrl('c');
    assert!(h.app.quit);
}

#[test]
fn ctrl_c_in_a_changed_correction_form_asks_first() {
    let mut h = open();
    let t = h
        .first(|t| t.status == Status::Observado && t.kind.is_batched() && t.applicants.len() == 1);
    h.find(&t.id);
    h.key(KeyCode::Char('E'));
    assert_eq!(h.app.screen, Screen::Form, "{}", h.status_text());
    for _ in 0..20 {
        let f = h.app.form.as_ref().unwrap().focused();
        if f.column == "full_name" {
            break;
        }
        h.key(KeyCode::Tab);
    }
    h.typ(" de la Cruz");
    h.ctrl('c');
    assert!(!h.app.quit, "Ctrl-C lost the correction");
    assert!(h.app.form.as_ref().unwrap().confirm_discard);
    h.ctrl('c');
    assert!(h.app.quit);
    assert_eq!(h.desk.ticket(&t.id).unwrap(), t, "nothing saved");
}

#[test]
fn supervisor_keys_are_offered_to_the_supervisor_only_and_refused_with_a_word() {
    // The supervisor sees the batch keys in the footer, help and palette.
    let mut sup = open();
    sup.app.role = Some(Role::Supervisor);
    sup.key(KeyCode::Char('b'));
    assert_eq!(sup.app.screen, Screen::Batch);
    let screen = sup.screen(120, 40);
    let supervisor_hints = [
        "s:sellar",
        "a:aprobó",
        "r:rechazó",
        "i:importar",
        "e:exportar",
        "m:enviado",
    ];
    assert!(
        supervisor_hints.iter().any(|h| screen.contains(h)),
        "{screen}"
    );
    let help: Vec<String> = mesa::tui::views::help::lines(Some(&sup.app))
        .iter()
        .map(|l| l.to_string())
        .collect();
    assert!(help.iter().any(|l| l.contains("Sellar el lote")));
    assert!(palette_matches("", sup.app.role).contains(&Command::Audit));

    let mut h = open();
    as_analyst(&mut h);
    let before = store_state(&h);
    let help: Vec<String> = mesa::tui::views::help::lines(Some(&h.app))
        .iter()
        .map(|l| l.to_string())
        .collect();
    for what in [
        "Sellar el lote",
        "RENIEC aprobó",
        "RENIEC rechazó",
        "Importar la respuesta",
        "Marcar el lote",
    ] {
        assert!(!help.iter().any(|l| l.contains(what)), "{what}: {help:#?}");
    }
    let offered = palette_matches("", h.app.role);
    for c in [Command::Audit, Command::Seal, Command::Approve] {
        assert!(!offered.contains(&c), "{c:?}");
    }
    assert!(offered.contains(&Command::Take));
    assert!(offered.contains(&Command::Screen(ScreenCmd::People)));
    // The audit key says whose it is, and nothing opens.
    h.key(KeyCode::Char('A'));
    assert_eq!(h.app.screen, Screen::Queue);
    assert!(
        h.status_text().contains("supervisor"),
        "{}",
        h.status_text()
    );
    // The batch screen is open to analysts, without the supervisor's keys.
    h.key(KeyCode::Char('b'));
    assert_eq!(h.app.screen, Screen::Batch);
    let screen = h.screen(120, 40);
    for hint in supervisor_hints {
        assert!(!screen.contains(hint), "{hint}\n{screen}");
    }
    for k in ['s', 'e', 'm', 'a', 'r', 'i'] {
        h.key(KeyCode::Char(k));
        assert!(h.app.modal.is_none(), "{k} opened a dialog");
        assert!(
            h.status_text().contains("tarea del supervisor"),
            "{k}: {}",
            h.status_text()
        );
        let screen = h.screen(120, 40);
        assert!(screen.contains("tarea del supervisor"), "{screen}");
    }
    assert_eq!(store_state(&h), before);
}

#[test]
fn ctrl_c_over_a_typed_reason_or_a_small_form_asks_in_the_status_line() {
    // An observation being written.
    let mut h = open();
    let before = store_state(&h);
    let t = h.first(|t| t.status == Status::EnAtencion);
    h.find(&t.id);
    h.key(KeyCode::Char('o'));
    assert!(h.app.modal.is_some());
    h.typ("falta la foto");
    h.ctrl('c');
    assert!(!h.app.quit, "Ctrl-C lost the typed reason");
    assert!(h.app.modal.is_some(), "the dialog stays as typed");
    let screen = h.screen(120, 40);
    assert!(screen.contains("Ctrl-C otra vez"), "{screen}");
    // Any other key answers "stay": the next Ctrl-C asks again.
    h.typ(" y la firma");
    h.ctrl('c');
    assert!(!h.app.quit);
    h.ctrl('c');
    assert!(h.app.quit);
    assert_eq!(store_state(&h), before);
    // Untouched, the dialog does not hold Ctrl-C back.
    let mut h = open();
    h.find(&t.id);
    h.key(KeyCode::Char('o'));
    h.ctrl('c');
    assert!(h.app.quit);

    // A person's data being edited on the people screen.
    let mut h = open();
    h.key(KeyCode::Char('P'));
    h.key(KeyCode::Char('e'));
    assert!(h.app.screens.people.form.is_some(), "{}", h.status_text());
    h.typ("x");
    h.ctrl('c');
    assert!(!h.app.quit, "Ctrl-C lost the person's edit");
    h.ctrl('c');
    assert!(h.app.quit);
}
