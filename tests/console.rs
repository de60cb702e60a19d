//! The console without a terminal: keys in, state out; and snapshots of
//! every screen at 80×24 and 120×40 (fixed now, demo seed 1).

mod console_harness;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use console_harness::{H, now, open};
use mesa::domain::{Kind, Status};
use mesa::tui::action::Action;
use mesa::tui::app::{App, Level, Modal, Screen};
use mesa::tui::views;
fn passes_checks(t: &mesa::domain::Ticket) -> bool {
    let today = "2026-11-23".parse().unwrap();
    t.failed_problems(today, &Default::default()).is_empty()
}

#[test]
fn the_queue_opens_in_arrival_order_with_counts_per_status() {
    let h = open();
    assert!(!h.app.loading);
    let ids = h.visible_ids();
    assert_eq!(ids.len(), 60);
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "ids are given in arrival order");
    let sum: usize = Status::ALL.iter().map(|s| h.app.queue.count(*s)).sum();
    assert_eq!(sum, 60);
    let stored = h
        .desk
        .list(&mesa::domain::Query {
            statuses: vec![Status::Cerrado],
            ..Default::default()
        })
        .unwrap()
        .len();
    assert_eq!(h.app.queue.count(Status::Cerrado), stored);
}

#[test]
fn number_keys_and_tab_switch_the_status_view_and_zero_shows_all() {
    let mut h = open();
    h.key(KeyCode::Char('3'));
    assert_eq!(h.app.filters.status, Some(Status::Observado));
    assert!(!h.visible_ids().is_empty());
    for id in h.visible_ids() {
        assert_eq!(h.app.queue.get(&id).unwrap().status, Status::Observado);
    }
    h.key(KeyCode::Tab);
    assert_eq!(h.app.filters.status, Some(Status::Programado));
    h.send(Action::Key(KeyEvent::new(
        KeyCode::BackTab,
        KeyModifiers::SHIFT,
    )));
    assert_eq!(h.app.filters.status, Some(Status::Observado));
    h.key(KeyCode::Char('0'));
    assert_eq!(h.visible_ids().len(), 60);
}

#[test]
fn typing_a_dni_filters_as_you_type_combines_with_tabs_and_esc_clears() {
    let mut h = open();
    let t = h.first(|t| t.status == Status::Observado);
    let dni = t.applicants[0].dni.clone();
    h.key(KeyCode::Char('/'));
    assert!(h.app.typing_filter);
    h.typ(&dni[..4]);
    let partial = h.visible_ids().len();
    h.typ(&dni[4..]);
    assert!(h.visible_ids().len() <= partial);
    assert!(h.visible_ids().contains(&t.id));
    // Letters are text while typing: 'q' does not quit.
    h.typ("q");
    assert!(!h.app.quit);
    assert!(h.visible_ids().is_empty());
    h.key(KeyCode::Backspace);
    h.key(KeyCode::Enter);
    assert!(!h.app.typing_filter);
    h.key(KeyCode::Char('8'));
    assert!(h.visible_ids().is_empty(), "that ticket is not closed");
    h.key(KeyCode::Char('3'));
    assert_eq!(h.visible_ids(), std::slice::from_ref(&t.id));
    h.key(KeyCode::Esc);
    assert!(h.app.filters.is_empty());
    assert_eq!(h.visible_ids().len(), 60);
}

#[test]
fn urgent_and_kind_filters_combine() {
    let mut h = open();
    h.key(KeyCode::Char('u'));
    assert!(!h.visible_ids().is_empty());
    for id in h.visible_ids() {
        let r = h.app.queue.get(&id).unwrap();
        assert!(r.urgent && r.kind == Kind::Cancelacion);
    }
    h.key(KeyCode::Char('f'));
    assert_eq!(h.app.filters.kind, Some(Kind::Emision));
    assert!(h.visible_ids().is_empty(), "no urgent emission exists");
    h.key(KeyCode::Esc);
    assert_eq!(h.visible_ids().len(), 60);
}

#[test]
fn moving_paging_and_home_end_keep_the_cursor_on_screen() {
    let mut h = open();
    // The queue opens on its first open ticket; start from the very top.
    h.key(KeyCode::Home);
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Down);
    assert_eq!(h.app.cursor, 2);
    h.key(KeyCode::Char('k'));
    assert_eq!(h.app.cursor, 1);
    h.key(KeyCode::End);
    assert_eq!(h.app.cursor, 59);
    assert!(h.app.offset > 0 && h.app.offset <= 59);
    h.key(KeyCode::Home);
    assert_eq!((h.app.cursor, h.app.offset), (0, 0));
    h.key(KeyCode::PageDown);
    assert!(h.app.cursor > 10);
    h.send(Action::Scroll(-3));
    let after_wheel = h.app.cursor;
    h.key(KeyCode::PageUp);
    assert!(h.app.cursor < after_wheel);
}

#[test]
fn a_click_selects_the_row_under_the_mouse() {
    let mut h = open();
    h.key(KeyCode::Home);
    // Row 0 is the title, then two lines of tabs at 80 columns, then the
    // table header: the fifth line of the screen is the first ticket.
    h.send(Action::Click { column: 20, row: 6 });
    assert_eq!(h.app.cursor, 2);
    let screen = h.screen(80, 24);
    let line = screen.lines().nth(6).unwrap().to_string();
    assert!(line.contains(&h.visible_ids()[2]), "{line}");
}

#[test]
fn enter_opens_the_ticket_with_checks_receipt_and_history_and_esc_goes_back() {
    let mut h = open();
    let t = h.first(|t| t.kind.is_paid(t.motive) && t.status == Status::Cerrado);
    h.find(&t.id);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Ticket);
    let loaded = h.app.detail.as_ref().unwrap().loaded.as_ref().unwrap();
    assert_eq!(loaded.ticket.id, t.id);
    assert!(loaded.history.len() >= 5, "registered … closed");
    assert_eq!(loaded.receipts.len(), t.applicants.len());
    let screen = h.screen(120, 40);
    assert!(screen.contains("✔ DNI de 8 dígitos"), "{screen}");
    assert!(screen.contains("tributo 00529"), "{screen}");
    let last = h.desk.history(&t.id).unwrap().pop().unwrap();
    let closing = format!(
        "{} → Cerrado",
        mesa::strings::status_label(last.from.unwrap())
    );
    h.key(KeyCode::End);
    let screen = h.screen(120, 40);
    assert!(screen.contains(&closing), "{closing}\n{screen}");
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::Queue);
}

#[test]
fn take_then_schedule_with_confirmation_writes_the_store() {
    let mut h = open();
    let t = h.first(|t| {
        matches!(t.status, Status::Nuevo | Status::Observado)
            && t.kind.is_batched()
            && passes_checks(t)
    });
    h.find(&t.id);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('t'));
    assert_eq!(h.desk.ticket(&t.id).unwrap().status, Status::EnAtencion);
    assert!(
        h.status_text().contains("En atención"),
        "{}",
        h.status_text()
    );
    h.key(KeyCode::Char('p'));
    let Some(Modal::Confirm(c)) = &h.app.modal else {
        panic!("schedule asks first");
    };
    let expected = h.desk.dispatch_for(&t, h.desk.now());
    let when = mesa::cli::view::moment(expected.dispatch.at, h.desk.config.dispatch.timezone);
    assert!(c.lines[0].contains(&when), "{:?}", c.lines);
    assert_eq!(
        h.desk.ticket(&t.id).unwrap().status,
        Status::EnAtencion,
        "nothing happens before the answer"
    );
    h.key(KeyCode::Enter);
    let stored = h.desk.ticket(&t.id).unwrap();
    assert_eq!(stored.status, Status::Programado);
    assert_eq!(stored.dispatch.unwrap().dispatch.at, expected.dispatch.at);
    assert!(h.status_text().contains(&when));
    // The ticket screen shows the new history.
    let hist = &h
        .app
        .detail
        .as_ref()
        .unwrap()
        .loaded
        .as_ref()
        .unwrap()
        .history;
    assert_eq!(hist.last().unwrap().to, Status::Programado);
    assert_eq!(hist.last().unwrap().by, "beto");
}

#[test]
fn a_refused_action_says_why_and_changes_nothing() {
    let mut h = open();
    let t = h.first(|t| t.status == Status::Cerrado);
    h.find(&t.id);
    h.key(KeyCode::Char('t'));
    let st = h.app.status.clone().unwrap();
    assert_eq!(st.level, Level::Error);
    assert!(st.text.contains("no se puede atender"), "{}", st.text);
    assert_eq!(h.desk.ticket(&t.id).unwrap(), t);
    // A schedule whose checks fail is refused by the store, with the checks.
    let bad = h.first(|t| t.status == Status::Observado && !passes_checks(t));
    h.key(KeyCode::Esc);
    h.find(&bad.id);
    h.key(KeyCode::Char('t'));
    h.key(KeyCode::Char('p'));
    h.key(KeyCode::Char('s'));
    assert!(
        h.status_text().contains("verificaciones pendientes"),
        "{}",
        h.status_text()
    );
    assert_eq!(h.desk.ticket(&bad.id).unwrap().status, Status::EnAtencion);
}

#[test]
fn withdraw_asks_for_a_reason_then_confirms_with_no_as_default() {
    let mut h = open();
    let t = h.first(|t| t.status == Status::Programado);
    h.find(&t.id);
    h.key(KeyCode::Char('x'));
    assert!(matches!(h.app.modal, Some(Modal::Reason(_))));
    h.key(KeyCode::Enter);
    assert!(matches!(&h.app.modal, Some(Modal::Reason(r)) if r.error.is_some()));
    h.key(KeyCode::Char(' '));
    h.key(KeyCode::Enter);
    assert!(matches!(&h.app.modal, Some(Modal::Confirm(c)) if !c.yes));
    h.key(KeyCode::Enter);
    assert!(h.app.modal.is_none());
    assert_eq!(h.desk.ticket(&t.id).unwrap().status, Status::Programado);
    // Again, and this time answer yes.
    h.key(KeyCode::Char('x'));
    h.key(KeyCode::Char(' '));
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('s'));
    let stored = h.desk.ticket(&t.id).unwrap();
    assert_eq!(stored.status, Status::Anulado);
    let last = h.desk.history(&t.id).unwrap().pop().unwrap();
    assert_eq!(last.reasons, ["El solicitante desistió del trámite"]);
}

#[test]
fn observe_takes_checked_reasons_and_free_text() {
    let mut h = open();
    let t = h.first(|t| t.status == Status::Observado);
    h.find(&t.id);
    h.key(KeyCode::Char('t'));
    h.key(KeyCode::Char('o'));
    h.key(KeyCode::Down);
    h.key(KeyCode::Char(' '));
    h.key(KeyCode::Tab);
    h.typ("Adjuntar la foto sin gorra");
    h.key(KeyCode::Enter);
    let stored = h.desk.ticket(&t.id).unwrap();
    assert_eq!(stored.status, Status::Observado);
    assert_eq!(
        stored.observations,
        [
            "La foto no es actual o no es nítida",
            "Adjuntar la foto sin gorra"
        ]
    );
}

#[test]
fn close_defaults_to_no() {
    let mut h = open();
    let t = h.first(|t| t.status == Status::Aprobado);
    h.find(&t.id);
    h.key(KeyCode::Char('c'));
    h.key(KeyCode::Enter);
    assert_eq!(h.desk.ticket(&t.id).unwrap().status, Status::Aprobado);
    h.key(KeyCode::Char('c'));
    h.key(KeyCode::Right);
    h.key(KeyCode::Enter);
    assert_eq!(h.desk.ticket(&t.id).unwrap().status, Status::Cerrado);
}

#[test]
fn marked_tickets_are_taken_together_and_select_all_toggles() {
    let mut h = open();
    h.key(KeyCode::Char('1'));
    let new = h.visible_ids();
    assert!(new.len() >= 3);
    h.key(KeyCode::Char(' '));
    h.key(KeyCode::Char(' '));
    assert_eq!(h.app.selected.len(), 2);
    h.key(KeyCode::Char('t'));
    for id in &new[..2] {
        assert_eq!(h.desk.ticket(id).unwrap().status, Status::EnAtencion);
    }
    assert_eq!(
        h.desk.ticket(&new[2]).unwrap().status,
        Status::Nuevo,
        "an unmarked ticket is left alone"
    );
    assert!(h.app.selected.is_empty());
    assert!(h.status_text().contains("2 tickets"), "{}", h.status_text());
    h.key(KeyCode::Char('0'));
    h.key(KeyCode::Char('a'));
    assert_eq!(h.app.selected.len(), 60);
    h.key(KeyCode::Char('a'));
    assert!(h.app.selected.is_empty());
}

#[test]
fn scheduling_many_lists_each_dispatch_and_asks_once() {
    let mut h = open();
    h.key(KeyCode::Char('3'));
    h.key(KeyCode::Char('a'));
    h.key(KeyCode::Char('t'));
    h.key(KeyCode::Char('2'));
    let working = h.visible_ids();
    h.key(KeyCode::Char('a'));
    h.key(KeyCode::Char('p'));
    let Some(Modal::Confirm(c)) = &h.app.modal else {
        panic!("asks first");
    };
    assert_eq!(c.lines.len(), working.len());
    h.key(KeyCode::Char('s'));
    // Each one ends where its kind and checks say; the refused ones are
    // named in the status line with the reason.
    let status = h.status_text();
    let (mut scheduled, mut failing) = (0, 0);
    for id in &working {
        let t = h.desk.ticket(id).unwrap();
        if t.kind.is_batched() && passes_checks(&t) {
            scheduled += 1;
            assert_eq!(t.status, Status::Programado, "{id}");
        } else {
            assert_eq!(t.status, Status::EnAtencion, "{id}");
            let refused = format!("{id}: no se puede programar");
            assert!(status.contains(&refused), "{refused}\n{status}");
            failing += t.kind.is_batched() as usize;
        }
    }
    assert!(scheduled > 0, "some of them go in the weekly dispatch");
    if scheduled > 1 {
        let moved = format!("{scheduled} tickets: Programado");
        assert!(status.contains(&moved), "{moved}\n{status}");
    }
    if failing > 0 {
        assert!(status.contains("verificaciones pendientes"), "{status}");
    }
}

#[test]
fn help_lists_the_keymap_and_the_palette_runs_commands_by_fuzzy_name() {
    let mut h = open();
    h.key(KeyCode::Char('?'));
    let screen = h.screen(80, 24);
    assert!(screen.contains("Abrir o aceptar"), "{screen}");
    h.key(KeyCode::Esc);
    assert!(h.app.modal.is_none());
    let t = h.first(|t| t.status == Status::Observado);
    h.find(&t.id);
    h.key(KeyCode::Char(':'));
    h.typ("atnd");
    h.key(KeyCode::Enter);
    assert!(h.app.modal.is_none());
    assert_eq!(h.desk.ticket(&t.id).unwrap().status, Status::EnAtencion);
    h.key(KeyCode::Char(':'));
    h.typ("zzzz");
    h.key(KeyCode::Enter);
    assert!(h.app.modal.is_none());
    h.key(KeyCode::Char('q'));
    assert!(h.app.quit);
}

#[test]
fn ctrl_c_quits_even_while_typing() {
    let mut h = open();
    h.key(KeyCode::Char('/'));
    h.ctrl('c');
    assert!(h.app.quit);
}

fn write_png(path: &std::path::Path, w: u32, hgt: u32) {
    image::RgbImage::from_pixel(w, hgt, image::Rgb([200, 180, 160]))
        .save(path)
        .unwrap();
}

#[test]
fn the_intake_form_validates_as_typed_and_registers_through_the_import_rules() {
    let mut h = open();
    h.key(KeyCode::Char('n'));
    assert_eq!(h.app.screen, Screen::Form);
    let today = "2026-11-23".parse().unwrap();
    let rules = h.desk.config.validation.clone();
    // Emission: motive, then the applicant.
    h.key(KeyCode::Tab);
    h.typ("z");
    let form = h.app.form.as_ref().unwrap();
    let problems = form.problems(today, &rules);
    assert!(
        problems.values().any(|p| p.contains("no es un motivo")),
        "{problems:?}"
    );
    h.key(KeyCode::Backspace);
    h.typ("a");
    h.key(KeyCode::Tab);
    h.typ("Rosa Huamán Quispe");
    h.key(KeyCode::Tab);
    h.typ("4512");
    let problems = h.app.form.as_ref().unwrap().problems(today, &rules);
    assert!(
        problems.values().any(|p| p.contains("8 dígitos")),
        "{problems:?}"
    );
    h.typ("3456");
    h.key(KeyCode::Tab);
    h.typ("10/02/2020");
    h.key(KeyCode::Tab);
    h.typ("rhuaman@gmail.com");
    let problems = h.app.form.as_ref().unwrap().problems(today, &rules);
    assert!(
        problems.values().any(|p| p.contains("correo personal")),
        "{problems:?}"
    );
    // Saving while invalid is refused without touching the store.
    h.ctrl('s');
    assert_eq!(h.app.screen, Screen::Form);
    assert_eq!(h.desk.store.count(), 60);
    assert!(h.status_text().contains("No se puede guardar"));
    for _ in 0..9 {
        h.key(KeyCode::Backspace);
    }
    h.typ("regioncajamarca.gob.pe");
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("foto.png");
    let signature = dir.path().join("firma.png");
    write_png(&photo, 300, 400);
    write_png(&signature, 400, 120);
    h.key(KeyCode::Tab);
    h.typ(photo.to_str().unwrap());
    h.key(KeyCode::Tab);
    h.typ(dir.path().join("no-existe.png").to_str().unwrap());
    assert!(
        h.app
            .form
            .as_ref()
            .unwrap()
            .problems(today, &rules)
            .is_empty()
    );
    // The store checks the files: a missing one is shown beside its field.
    h.ctrl('s');
    assert_eq!(h.app.screen, Screen::Form);
    let form = h.app.form.as_ref().unwrap();
    assert!(
        form.save_errors
            .values()
            .any(|e| e.contains("no se encuentra")),
        "{:?}",
        form.save_errors
    );
    for _ in 0..("no-existe.png".len()) {
        h.key(KeyCode::Backspace);
    }
    h.typ("firma.png");
    h.ctrl('s');
    assert_eq!(h.app.screen, Screen::Queue, "{}", h.status_text());
    assert_eq!(h.desk.store.count(), 61);
    assert_eq!(h.app.queue.len(), 61);
    let id = h
        .status_text()
        .split_whitespace()
        .last()
        .unwrap()
        .trim_end_matches('.')
        .to_string();
    let t = h.desk.ticket(&id).unwrap();
    assert_eq!(t.status, Status::Nuevo);
    assert_eq!(t.registered_by, "beto");
    assert_eq!(t.applicants[0].email, "rhuaman@regioncajamarca.gob.pe");
    assert!(passes_checks(&t));
}

#[test]
fn a_stray_esc_does_not_lose_the_form() {
    let mut h = open();
    h.key(KeyCode::Char('n'));
    h.key(KeyCode::Tab);
    h.typ("a");
    h.key(KeyCode::Esc);
    assert!(h.app.form.as_ref().unwrap().confirm_discard);
    h.key(KeyCode::Char('n'));
    assert_eq!(h.app.screen, Screen::Form);
    assert_eq!(h.app.form.as_ref().unwrap().motive, "a");
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('s'));
    assert_eq!(h.app.screen, Screen::Queue);
    assert!(h.app.form.is_none());
    // An untouched form closes at once.
    h.key(KeyCode::Char('n'));
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::Queue);
}

// ---- Snapshots -------------------------------------------------------------

fn snap(h: &mut H, name: &str) {
    for (w, ht) in [(80, 24), (120, 40)] {
        h.send(Action::Resize(w, ht));
        let screen = h.screen(w, ht);
        insta::assert_snapshot!(format!("{name}_{w}x{ht}"), screen);
    }
}

#[test]
fn snapshot_queue() {
    let mut h = open();
    snap(&mut h, "queue");
}

#[test]
fn snapshot_queue_filtered() {
    let mut h = open();
    // Cancellations for a compromised key, then the surname of one of them
    // typed in the filter as an analyst would: lowercase, no accents.
    let t = h.first(|t| t.is_urgent());
    let surname = t.applicants[0].full_name.split_whitespace().nth(1).unwrap();
    h.key(KeyCode::Char('u'));
    h.key(KeyCode::Char('/'));
    h.typ(&mesa::domain::query::fold(surname));
    assert!(h.visible_ids().contains(&t.id));
    snap(&mut h, "queue_filtered");
}

#[test]
fn snapshot_ticket() {
    let mut h = open();
    let t = h.first(|t| t.status == Status::Programado);
    h.find(&t.id);
    h.key(KeyCode::Enter);
    snap(&mut h, "ticket");
}

#[test]
fn snapshot_help() {
    let mut h = open();
    h.key(KeyCode::Char('?'));
    snap(&mut h, "help");
}

#[test]
fn snapshot_palette() {
    let mut h = open();
    h.key(KeyCode::Char(':'));
    h.typ("pro");
    snap(&mut h, "palette");
}

#[test]
fn snapshot_confirm_schedule() {
    let mut h = open();
    let t = h.first(|t| {
        matches!(t.status, Status::Nuevo | Status::Observado)
            && t.kind.is_batched()
            && passes_checks(t)
    });
    h.find(&t.id);
    h.key(KeyCode::Char('t'));
    h.key(KeyCode::Char('p'));
    assert!(matches!(h.app.modal, Some(Modal::Confirm(_))));
    snap(&mut h, "confirm_schedule");
}

#[test]
fn snapshot_observe_dialog() {
    let mut h = open();
    let t = h.first(|t| t.status == Status::Observado);
    h.find(&t.id);
    h.key(KeyCode::Char('t'));
    h.key(KeyCode::Char('o'));
    h.key(KeyCode::Char(' '));
    snap(&mut h, "observe_dialog");
}

#[test]
fn snapshot_form() {
    let mut h = open();
    h.key(KeyCode::Char('n'));
    h.key(KeyCode::Tab);
    h.typ("a");
    h.key(KeyCode::Tab);
    h.typ("Rosa Huamán");
    h.key(KeyCode::Tab);
    h.typ("123");
    snap(&mut h, "form");
}

#[test]
fn a_terminal_too_small_says_so() {
    let mut h = open();
    h.send(Action::Resize(70, 20));
    let screen = h.screen(70, 20);
    assert!(screen.contains("muy pequeña (70×20)"), "{screen}");
    insta::assert_snapshot!("too_small_70x20", screen);
}

#[test]
fn sorting_by_a_column_and_back_to_arrival_order() {
    let mut h = open();
    h.key(KeyCode::Char('s'));
    h.key(KeyCode::Char('s'));
    let names: Vec<String> = h
        .visible_ids()
        .iter()
        .map(|id| mesa::domain::query::fold(&h.app.queue.get(id).unwrap().applicants))
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "by applicant");
    let screen = h.screen(80, 24);
    assert!(screen.contains("Orden: Solicitante↑"), "{screen}");
    h.send(Action::Key(KeyEvent::new(
        KeyCode::Char('S'),
        KeyModifiers::SHIFT,
    )));
    let first = h.visible_ids()[0].clone();
    let name = mesa::domain::query::fold(&h.app.queue.get(&first).unwrap().applicants);
    assert_eq!(&name, sorted.last().unwrap());
    h.key(KeyCode::Esc);
    let ids = h.visible_ids();
    let mut arrival = ids.clone();
    arrival.sort();
    assert_eq!(ids, arrival);
}

#[test]
fn a_saved_view_comes_back_with_its_number_key_for_its_analyst_only() {
    let mut h = open();
    h.key(KeyCode::Char('3'));
    h.key(KeyCode::Char('f'));
    h.key(KeyCode::Char('f'));
    h.key(KeyCode::Char('s'));
    h.key(KeyCode::Char('v'));
    h.key(KeyCode::Down);
    h.key(KeyCode::Char('g'));
    h.typ("Reemisiones observadas");
    h.key(KeyCode::Enter);
    assert!(h.status_text().contains("tecla 2"), "{}", h.status_text());
    let wanted = h.app.filters.clone();
    let shown = h.visible_ids();
    h.key(KeyCode::Esc);
    assert!(h.app.filters.is_empty());
    h.key(KeyCode::Char('v'));
    h.key(KeyCode::Char('2'));
    assert_eq!(h.app.filters, wanted);
    assert_eq!(h.visible_ids(), shown);
    // An empty key says so.
    h.key(KeyCode::Char('v'));
    h.key(KeyCode::Char('7'));
    assert_eq!(h.app.status.as_ref().unwrap().level, Level::Error);
    // Kept in the store, per analyst.
    let mine: Vec<(u8, mesa::tui::saved::SavedView)> = h.desk.store.saved_views("beto").unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].0, 2);
    assert_eq!(mine[0].1.name, "Reemisiones observadas");
    let theirs: Vec<(u8, mesa::tui::saved::SavedView)> = h.desk.store.saved_views("ana").unwrap();
    assert!(theirs.is_empty());
    let mut again = App::new(
        h.desk.now(),
        h.desk.config.dispatch.clone(),
        h.desk.config.validation.clone(),
        "beto",
    );
    let start = again.start();
    h.app = again;
    h.run(start);
    assert_eq!(h.app.views.len(), 1);
}

#[test]
fn columns_can_be_hidden_and_shown() {
    let mut h = open();
    assert!(h.screen(80, 24).contains("Trámite"));
    h.key(KeyCode::Char('e'));
    h.key(KeyCode::Down);
    h.key(KeyCode::Char(' '));
    h.key(KeyCode::Esc);
    let screen = h.screen(80, 24);
    assert!(!screen.contains("Trámite"), "{screen}");
    assert!(screen.contains("Solicitante"));
}

#[test]
fn snapshot_views_dialog() {
    let mut h = open();
    h.key(KeyCode::Char('1'));
    h.key(KeyCode::Char('v'));
    h.key(KeyCode::Char('g'));
    h.typ("Nuevos");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('v'));
    h.key(KeyCode::Down);
    snap(&mut h, "views_dialog");
}

#[test]
fn snapshot_refusal_in_the_status_line() {
    let mut h = open();
    let bad = h.first(|t| t.status == Status::Observado && !passes_checks(t));
    h.find(&bad.id);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('t'));
    h.key(KeyCode::Char('p'));
    h.key(KeyCode::Char('s'));
    let screen = h.screen(80, 24);
    assert!(screen.contains("verificaciones"), "{screen}");
    snap(&mut h, "refusal");
}

/// Foreground colors used anywhere on the screen.
fn colors(h: &H, w: u16, ht: u16) -> Vec<ratatui::style::Color> {
    let mut t = Terminal::new(TestBackend::new(w, ht)).unwrap();
    t.draw(|f| views::draw(&h.app, f)).unwrap();
    let mut out: Vec<_> = t
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.fg)
        .filter(|c| *c != ratatui::style::Color::Reset)
        .collect();
    out.dedup();
    out
}

#[test]
fn urgent_cancellations_stand_out_in_red_and_no_color_keeps_a_text_mark() {
    let mut h = open();
    h.key(KeyCode::Char('u'));
    h.app.color = true;
    assert!(colors(&h, 120, 40).contains(&ratatui::style::Color::Red));
    h.app.color = false;
    assert!(colors(&h, 120, 40).is_empty(), "NO_COLOR: no color at all");
    let screen = h.screen(120, 40);
    let urgent_rows = screen.lines().filter(|l| l.starts_with("\" ! T-")).count();
    assert_eq!(urgent_rows, h.visible_ids().len());
}

#[test]
fn a_click_on_a_status_tab_switches_to_it() {
    let mut h = open();
    let screen = h.screen(80, 24);
    let line = screen.lines().nth(1).unwrap();
    let column = line.find("3 Observado").unwrap();
    // The capture quotes each line; columns count characters, not bytes.
    let column = line[..column].chars().count() as u16 - 1;
    h.send(Action::Click {
        column: column + 2,
        row: 1,
    });
    assert_eq!(h.app.filters.status, Some(Status::Observado));
    h.send(Action::Click { column: 0, row: 1 });
    assert_eq!(h.app.filters.status, None);
}

#[test]
fn observing_from_the_ticket_offers_the_failed_checks_already_marked() {
    let mut h = open();
    let bad = h.first(|t| t.status == Status::Observado && !passes_checks(t));
    h.find(&bad.id);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('t'));
    h.key(KeyCode::Char('o'));
    let Some(Modal::Reason(r)) = &h.app.modal else {
        panic!("observe asks for reasons");
    };
    let marked: Vec<String> = r.reasons();
    assert!(!marked.is_empty());
    assert!(marked.iter().all(|m| m.starts_with("foto:")), "{marked:?}");
    h.key(KeyCode::Enter);
    let stored = h.desk.ticket(&bad.id).unwrap();
    assert_eq!(stored.status, Status::Observado);
    assert_eq!(stored.observations, marked);
}

#[test]
fn the_receipt_fields_appear_only_for_a_paid_motive() {
    let mut h = open();
    h.key(KeyCode::Char('n'));
    h.key(KeyCode::Tab);
    h.typ("a");
    let has_payment = |h: &H| {
        h.app
            .form
            .as_ref()
            .unwrap()
            .fields()
            .iter()
            .any(|f| f.column == "payment_operation")
    };
    assert!(!has_payment(&h), "emission a) is free");
    h.key(KeyCode::Backspace);
    h.typ("c");
    assert!(has_payment(&h), "emission c) is paid");
    let today = "2026-11-23".parse().unwrap();
    let problems = h
        .app
        .form
        .as_ref()
        .unwrap()
        .problems(today, &Default::default());
    assert!(
        problems
            .iter()
            .any(|(f, p)| f.column == "payment_operation" && p.contains("constancia de pago")),
        "{problems:?}"
    );
}

#[test]
fn the_header_counts_down_live_and_marks_a_dispatch_moved_by_a_holiday() {
    let mut h = open();
    assert!(
        h.screen(80, 24)
            .contains("vie 27/11 16:30 · faltan 4 d 7 h")
    );
    // The first tick also says who is here (the header changes once).
    h.send(Action::Tick(now()));
    h.app.dirty = false;
    h.send(Action::Tick(now() + chrono::Duration::seconds(20)));
    assert!(!h.app.dirty, "nothing on screen changed within the minute");
    h.send(Action::Tick(now() + chrono::Duration::hours(2)));
    assert!(h.app.dirty);
    assert!(h.screen(80, 24).contains("faltan 4 d 5 h"));
    // Monday of Holy Week 2026: Thursday and Friday are holidays.
    let holy_monday = DateTime::parse_from_rfc3339("2026-03-30T09:00:00-05:00")
        .unwrap()
        .with_timezone(&Utc);
    h.send(Action::Tick(holy_monday));
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("mié 01/04 16:30 · faltan 2 d 7 h · por feriado"),
        "{screen}"
    );
}

#[test]
fn brackets_walk_the_queue_from_the_ticket_screen() {
    let mut h = open();
    h.key(KeyCode::Char('1'));
    let new = h.visible_ids();
    assert!(new.len() >= 2);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char(']'));
    assert_eq!(h.app.detail.as_ref().unwrap().id, new[1]);
    let loaded = h.app.detail.as_ref().unwrap().loaded.as_ref().unwrap();
    assert_eq!(loaded.ticket.id, new[1]);
    h.key(KeyCode::Char('['));
    h.key(KeyCode::Char('['));
    assert_eq!(
        h.app.detail.as_ref().unwrap().id,
        new[0],
        "stops at the top"
    );
    h.key(KeyCode::Esc);
    assert_eq!(h.app.current_row().unwrap().id, new[0]);
}
