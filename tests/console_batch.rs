//! The batch screen without a terminal: keys in, store and state out (seal,
//! export, mark sent, RENIEC's answer), snapshots at 80×24 and 120×40; and
//! the dialog that closes an installation with its medium.

mod console_harness;

use chrono::{DateTime, Utc};
use crossterm::event::KeyCode;

use console_harness::{H, open};
use mesa::clock::Clock;
use mesa::domain::certificate::Medium;
use mesa::domain::{Kind, Status};
use mesa::tui::action::Action;
use mesa::tui::app::{Level, Modal, Screen};
use mesa::tui::batch::{Ask, Pane};

/// The first dispatch after the harness's now (Monday 23/11/2026 09:00).
const FRIDAY: &str = "LOTE-2026-11-27";
/// The demo's last batch: sealed and sent, its tickets awaiting RENIEC's
/// answer at the harness's now.
const LAST_WEEK: &str = "LOTE-2026-11-20";

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// Moves the desk's clock and the console's to `now`.
fn set_now(h: &mut H, now: &str) {
    h.desk.clock = Clock::Fixed(at(now));
    h.send(Action::Tick(at(now)));
}

/// The demo at Friday 17:00, after the 16:30 dispatch: its two scheduled
/// tickets are due for sealing.
fn after_cut_off() -> H {
    let mut h = open();
    set_now(&mut h, "2026-11-27T17:00:00-05:00");
    h
}

fn friday_tickets(h: &H) -> Vec<String> {
    let rules = &h.desk.config.dispatch;
    let friday = rules.next_dispatch(at("2026-11-23T09:00:00-05:00"));
    h.desk
        .batch_candidates(&friday)
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect()
}

/// `b` at the harness's now: the board opens on last week's batch, which
/// still awaits RENIEC's answers; the next dispatch is the row below.
fn open_next_dispatch(h: &mut H) {
    h.key(KeyCode::Char('b'));
    assert_eq!(h.app.batch.current().unwrap().id(), LAST_WEEK);
    h.key(KeyCode::Down);
    assert_eq!(h.app.batch.current().unwrap().id(), FRIDAY);
}

fn is_error(h: &H) -> bool {
    h.app
        .status
        .as_ref()
        .is_some_and(|s| s.level == Level::Error)
}

/// `b`, `s` and the "yes" answer: the selected (past) dispatch sealed.
fn seal_past(h: &mut H) {
    h.key(KeyCode::Char('b'));
    h.key(KeyCode::Char('s'));
    h.key(KeyCode::Char('s'));
    assert!(
        h.desk.store.batch(FRIDAY).unwrap().is_some(),
        "{}",
        h.status_text()
    );
}

fn sealed_and_sent(h: &mut H) {
    seal_past(h);
    h.key(KeyCode::Char('m'));
    h.key(KeyCode::Char('s'));
    assert!(
        h.desk
            .store
            .batch(FRIDAY)
            .unwrap()
            .unwrap()
            .sent_at
            .is_some(),
        "{}",
        h.status_text()
    );
}

fn dialog_ask(h: &H) -> Option<Ask> {
    match &h.app.modal {
        Some(Modal::Batch(d)) => Some(d.ask.clone()),
        _ => None,
    }
}

fn dialog_text(h: &H) -> String {
    match &h.app.modal {
        Some(Modal::Batch(d)) => d.text.lines().join("\n"),
        _ => panic!("no batch dialog is open"),
    }
}

/// Empties the dialog's text (Home, then Ctrl-k deletes to the end).
fn clear_dialog(h: &mut H) {
    h.key(KeyCode::Home);
    h.ctrl('k');
    assert_eq!(dialog_text(h), "");
}

#[test]
fn b_opens_the_next_eight_dispatches_with_counts_and_the_holiday_marked() {
    let mut h = open();
    h.key(KeyCode::Char('b'));
    assert_eq!(h.app.screen, Screen::Batch);
    let board = h.app.batch.board.as_ref().expect("loaded");
    let days: Vec<String> = board
        .slots
        .iter()
        .map(|s| s.slot.dispatch.on.format("%d/%m").to_string())
        .collect();
    // Last week's batch first: sent, its tickets still awaiting RENIEC.
    assert_eq!(
        days,
        [
            "20/11", "27/11", "04/12", "11/12", "18/12", "24/12", "31/12", "08/01", "15/01"
        ]
    );
    let last = &board.slots[0].slot;
    assert!(last.batch.as_ref().is_some_and(|b| b.sent_at.is_some()));
    assert!(!last.tickets.is_empty());
    assert!(last.tickets.iter().all(|t| t.status == Status::Enviado));
    // Friday 25 Dec is Christmas: that week's dispatch is Thursday 24.
    let xmas = &board.slots[5].slot.dispatch;
    assert!(xmas.moved());
    assert_eq!(xmas.nominal.format("%d/%m/%Y").to_string(), "25/12/2026");
    // Each moment lists exactly the tickets scheduled for it (once
    // sealed, those of its batch).
    for s in &board.slots {
        let expected: Vec<String> = match &s.slot.batch {
            Some(b) => b.tickets.clone(),
            None => h
                .desk
                .batch_candidates(&s.slot.dispatch)
                .unwrap()
                .into_iter()
                .map(|t| t.id)
                .collect(),
        };
        let shown: Vec<&str> = s.slot.tickets.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(shown, expected);
    }
    assert_eq!(h.app.batch.slot, 0, "the work left is selected");
    h.key(KeyCode::Down);
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("jue 24/12/2026 16:30 feriado vie 25/12"),
        "{screen}"
    );
    assert!(screen.contains("Emisión b) 1 · Reemisión b) 1"), "{screen}");
    assert!(screen.contains("corte en 4 d 7 h"), "{screen}");
    // Arrival order in the lower pane.
    let ids = friday_tickets(&h);
    let first = screen.find(&ids[0]).unwrap();
    let second = screen.find(&ids[1]).unwrap();
    assert!(first < second);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::Queue);
}

#[test]
fn the_palette_and_the_help_know_the_batch_screen() {
    let mut h = open();
    let help: Vec<String> = mesa::tui::views::help::lines(None)
        .iter()
        .map(|l| l.to_string())
        .collect();
    let queue_b = help
        .iter()
        .position(|l| l.trim_start().starts_with("b ") && l.contains("Lotes de envío a RENIEC"));
    assert!(queue_b.is_some(), "{help:#?}");
    for (key, what) in [
        ("s", "Sellar el lote"),
        ("e", "Exportar"),
        ("m", "Marcar el lote"),
        ("a", "RENIEC aprobó"),
        ("r", "RENIEC rechazó"),
        ("i", "Importar la respuesta"),
    ] {
        assert!(
            help.iter()
                .any(|l| l.trim_start().starts_with(&format!("{key} ")) && l.contains(what)),
            "{key}: {what}"
        );
    }
    h.key(KeyCode::Char(':'));
    h.typ("lotes");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Batch);
    assert!(h.app.batch.board.is_some());
}

#[test]
fn sealing_before_the_cut_off_names_the_date_and_needs_a_typed_reason() {
    let mut h = open();
    let ids = friday_tickets(&h);
    open_next_dispatch(&mut h);
    h.key(KeyCode::Char('s'));
    assert!(matches!(dialog_ask(&h), Some(Ask::EarlyReason { .. })));
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("El envío del vie 27/11/2026 16:30 aún no llega"),
        "{screen}"
    );
    // No reason, no seal.
    h.key(KeyCode::Enter);
    let Some(Modal::Batch(d)) = &h.app.modal else {
        panic!("the dialog stays open");
    };
    assert!(d.error.as_deref().unwrap().contains("motivo"));
    // Letters are text here: 's' and 'q' neither seal nor quit.
    h.typ("Viaje del supervisor el viernes; sale el jueves");
    assert!(!h.app.quit);
    h.key(KeyCode::Enter);
    let Some(Modal::Confirm(c)) = &h.app.modal else {
        panic!("sealing asks to confirm");
    };
    assert!(!c.yes, "the default answer is No");
    assert!(
        c.lines.iter().any(|l| l.contains("Viaje del supervisor")),
        "{:?}",
        c.lines
    );
    assert!(
        c.lines.iter().any(|l| l.contains("vie 27/11/2026 16:30")),
        "{:?}",
        c.lines
    );
    h.key(KeyCode::Enter);
    assert!(
        h.desk.store.batch(FRIDAY).unwrap().is_none(),
        "Enter took the No"
    );
    // Again, and yes.
    h.key(KeyCode::Char('s'));
    h.typ("Viaje del supervisor");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('s'));
    let batch = h.desk.store.batch(FRIDAY).unwrap().expect("sealed");
    assert_eq!(batch.tickets, ids);
    assert_eq!(batch.early_reason.as_deref(), Some("Viaje del supervisor"));
    assert_eq!(batch.sealed_by, "beto");
    for id in &ids {
        assert_eq!(h.desk.ticket(id).unwrap().batch.as_deref(), Some(FRIDAY));
    }
    assert!(h.status_text().contains("sellado"), "{}", h.status_text());
    // A second seal is refused on screen and changes nothing.
    h.key(KeyCode::Char('s'));
    assert!(is_error(&h));
    assert!(
        h.status_text().contains("ya está sellado"),
        "{}",
        h.status_text()
    );
    assert!(h.app.modal.is_none());
}

#[test]
fn after_the_cut_off_sealing_asks_no_reason_and_defaults_to_no() {
    let mut h = after_cut_off();
    let ids = friday_tickets(&h);
    h.key(KeyCode::Char('b'));
    let current = h.app.batch.current().unwrap();
    assert_eq!(current.id(), FRIDAY, "the past dispatch is selected");
    assert!(h.screen(80, 24).contains("por sellar"));
    h.key(KeyCode::Char('s'));
    let Some(Modal::Confirm(c)) = &h.app.modal else {
        panic!("no reason asked: straight to the confirmation");
    };
    assert!(!c.yes);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('s'));
    h.key(KeyCode::Char('n'));
    h.key(KeyCode::Char('s'));
    h.key(KeyCode::Esc);
    assert!(h.desk.store.batch(FRIDAY).unwrap().is_none());
    h.key(KeyCode::Char('s'));
    h.key(KeyCode::Right);
    h.key(KeyCode::Enter);
    let batch = h.desk.store.batch(FRIDAY).unwrap().expect("sealed");
    assert_eq!(batch.tickets, ids);
    assert_eq!(batch.early_reason, None);
    assert_eq!(h.app.status.as_ref().map(|s| s.level), Some(Level::Info));
}

#[test]
fn a_readiness_problem_blocks_sealing_and_enter_opens_its_ticket() {
    let mut h = after_cut_off();
    let ids = friday_tickets(&h);
    // The photo file of the second ticket disappears from the store.
    let t = h.desk.ticket(&ids[1]).unwrap();
    let sha = t.applicants[0].photo.as_ref().unwrap().sha256.clone();
    std::fs::remove_file(h.desk.store.attachment_path(&sha)).unwrap();
    h.key(KeyCode::Char('b'));
    let slot = h.app.batch.current().unwrap();
    assert_eq!(slot.blockers.len(), 1);
    assert_eq!(slot.blockers[0].ticket, ids[1]);
    let screen = h.screen(80, 24);
    assert!(screen.contains("foto: falta el archivo"), "{screen}");
    h.key(KeyCode::Char('s'));
    assert!(h.app.modal.is_none(), "nothing to confirm");
    assert!(is_error(&h));
    assert!(
        h.status_text().contains("No se puede sellar"),
        "{}",
        h.status_text()
    );
    // The cursor went to the problem: Enter opens that ticket.
    assert_eq!(h.app.batch.pane, Pane::Items);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Ticket);
    assert_eq!(h.app.detail.as_ref().unwrap().id, ids[1]);
    assert!(h.app.detail.as_ref().unwrap().loaded.is_some());
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::Batch, "Esc comes back to the batch");
    assert!(h.desk.store.batch(FRIDAY).unwrap().is_none());
    // A ticket row opens its ticket too.
    h.key(KeyCode::Home);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.detail.as_ref().unwrap().id, ids[0]);
}

#[test]
fn export_writes_folder_zip_and_manifest_into_the_default_folder_or_a_typed_one() {
    let mut h = after_cut_off();
    h.key(KeyCode::Char('b'));
    h.key(KeyCode::Char('e'));
    assert!(h.app.modal.is_none());
    assert!(
        h.status_text().contains("séllelo primero"),
        "{}",
        h.status_text()
    );
    h.key(KeyCode::Char('s'));
    h.key(KeyCode::Char('s'));
    h.key(KeyCode::Char('e'));
    let default = h.desk.store_dir().join("exportes");
    assert_eq!(dialog_text(&h), default.display().to_string());
    h.key(KeyCode::Enter);
    let folder = default.join(FRIDAY);
    for f in [
        "MANIFEST.sha256",
        "solicitudes.csv",
        "solicitudes.xlsx",
        "pagos.csv",
    ] {
        assert!(folder.join(f).is_file(), "{f}");
    }
    assert!(default.join(format!("{FRIDAY}.zip")).is_file());
    let manifest = std::fs::read_to_string(folder.join("MANIFEST.sha256")).unwrap();
    assert!(manifest.contains("  solicitudes.csv\n"), "{manifest}");
    assert!(manifest.contains("  fotos/"), "{manifest}");
    assert!(
        h.status_text().contains(&folder.display().to_string()),
        "where it went: {}",
        h.status_text()
    );
    // Another folder, typed.
    let other = tempfile::tempdir().unwrap();
    h.key(KeyCode::Char('e'));
    clear_dialog(&mut h);
    h.typ(&other.path().display().to_string());
    h.key(KeyCode::Enter);
    assert!(other.path().join(FRIDAY).join("MANIFEST.sha256").is_file());
    assert!(other.path().join(format!("{FRIDAY}.zip")).is_file());
    // An empty folder is refused in the dialog.
    h.key(KeyCode::Char('e'));
    clear_dialog(&mut h);
    h.key(KeyCode::Enter);
    assert!(matches!(dialog_ask(&h), Some(Ask::ExportTo { .. })));
}

#[test]
fn marking_sent_confirms_with_no_by_default_and_moves_the_tickets_to_enviado() {
    let mut h = after_cut_off();
    let ids = friday_tickets(&h);
    h.key(KeyCode::Char('b'));
    h.key(KeyCode::Char('m'));
    assert!(is_error(&h), "an unsealed batch cannot be sent");
    seal_past(&mut h);
    h.key(KeyCode::Char('m'));
    let Some(Modal::Confirm(c)) = &h.app.modal else {
        panic!("marking sent asks first");
    };
    assert!(!c.yes);
    h.key(KeyCode::Enter);
    for id in &ids {
        assert_eq!(h.desk.ticket(id).unwrap().status, Status::Programado);
    }
    h.key(KeyCode::Char('m'));
    h.key(KeyCode::Char('s'));
    for id in &ids {
        assert_eq!(h.desk.ticket(id).unwrap().status, Status::Enviado);
    }
    let batch = h.desk.store.batch(FRIDAY).unwrap().unwrap();
    assert!(batch.sent_at.is_some());
    assert_eq!(batch.sent_by.as_deref(), Some("beto"));
    let sent_mail = h
        .desk
        .store
        .outbox()
        .unwrap()
        .into_iter()
        .filter(|m| m.event == "enviado" && ids.contains(&m.ticket))
        .count();
    assert!(sent_mail >= ids.len(), "each applicant is told");
    // The queue shows it too (it was read again).
    assert_eq!(h.app.queue.get(&ids[0]).unwrap().status, Status::Enviado);
    assert!(h.screen(80, 24).contains("enviado"));
    h.key(KeyCode::Char('m'));
    assert!(is_error(&h), "{}", h.status_text());
}

#[test]
fn reniec_answers_are_recorded_per_ticket_approve_with_a_date_reject_with_a_reason() {
    let mut h = after_cut_off();
    let ids = friday_tickets(&h);
    h.key(KeyCode::Char('b'));
    sealed_and_sent(&mut h);
    // On the moments pane there is no ticket to answer for.
    h.key(KeyCode::Char('a'));
    assert!(is_error(&h));
    h.key(KeyCode::Tab);
    assert_eq!(h.app.batch.pane, Pane::Items);
    h.key(KeyCode::Char('a'));
    assert_eq!(
        dialog_ask(&h),
        Some(Ask::Approve {
            ticket: ids[0].clone()
        })
    );
    assert_eq!(dialog_text(&h), "27/11/2026", "today by default");
    clear_dialog(&mut h);
    h.typ("30/11/2026");
    h.key(KeyCode::Enter);
    let Some(Modal::Batch(d)) = &h.app.modal else {
        panic!("a future date is refused in the dialog");
    };
    assert!(d.error.as_deref().unwrap().contains("fecha de aprobación"));
    clear_dialog(&mut h);
    h.typ("2026-11-27");
    h.key(KeyCode::Enter);
    let approved = h.desk.ticket(&ids[0]).unwrap();
    assert_eq!(approved.status, Status::Aprobado);
    assert_eq!(approved.approved_on, "2026-11-27".parse().ok());
    // Answered already: no second answer.
    h.key(KeyCode::Char('r'));
    assert!(is_error(&h));
    assert!(h.status_text().contains("Aprobado"), "{}", h.status_text());
    h.key(KeyCode::Down);
    h.key(KeyCode::Char('r'));
    h.key(KeyCode::Enter);
    assert!(
        matches!(dialog_ask(&h), Some(Ask::Reject { .. })),
        "a reason is required"
    );
    h.typ("Los datos del DNI no coinciden con RENIEC");
    h.key(KeyCode::Enter);
    let rejected = h.desk.ticket(&ids[1]).unwrap();
    assert_eq!(rejected.status, Status::Rechazado);
    let last = h.desk.history(&ids[1]).unwrap().pop().unwrap();
    assert_eq!(last.reasons, ["Los datos del DNI no coinciden con RENIEC"]);
    assert_eq!(last.by, "beto");
    assert!(
        h.status_text().contains("1 rechazado."),
        "{}",
        h.status_text()
    );
}

#[test]
fn an_outcomes_csv_typed_by_path_is_imported_all_or_nothing() {
    let mut h = after_cut_off();
    let ids = friday_tickets(&h);
    h.key(KeyCode::Char('b'));
    sealed_and_sent(&mut h);
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("malo.csv");
    std::fs::write(
        &bad,
        format!(
            "ticket,result,date,reason\n{},aprobado,27/11/2026,\n{},rechazado,27/11/2026,\n",
            ids[0], ids[1]
        ),
    )
    .unwrap();
    h.key(KeyCode::Char('i'));
    assert_eq!(dialog_ask(&h), Some(Ask::Import));
    h.typ(&bad.display().to_string());
    h.key(KeyCode::Enter);
    assert!(is_error(&h));
    assert!(
        h.status_text().contains("línea 3, columna reason"),
        "{}",
        h.status_text()
    );
    assert_eq!(
        h.desk.ticket(&ids[0]).unwrap().status,
        Status::Enviado,
        "nothing recorded"
    );
    let good = dir.path().join("respuesta.csv");
    std::fs::write(
        &good,
        format!(
            "ticket,result,date,reason\n{},aprobado,27/11/2026,\n{},rechazado,27/11/2026,Foto no válida\n",
            ids[0], ids[1]
        ),
    )
    .unwrap();
    h.key(KeyCode::Char('i'));
    h.typ(&good.display().to_string());
    h.key(KeyCode::Enter);
    assert_eq!(h.desk.ticket(&ids[0]).unwrap().status, Status::Aprobado);
    assert_eq!(h.desk.ticket(&ids[1]).unwrap().status, Status::Rechazado);
    assert!(
        h.status_text().contains("1 aprobado, 1 rechazado."),
        "{}",
        h.status_text()
    );
}

// ---- Closing an installation ------------------------------------------------

/// An installation ticket being attended, whose certificate awaits download.
fn installation(h: &mut H) -> String {
    let t = h.first(|t| {
        t.kind == Kind::Instalacion && matches!(t.status, Status::Nuevo | Status::EnAtencion)
    });
    h.find(&t.id);
    if t.status == Status::Nuevo {
        h.key(KeyCode::Char('t'));
    }
    t.id
}

#[test]
fn closing_an_installation_asks_the_medium_and_never_a_password() {
    let mut h = open();
    let id = installation(&mut h);
    let cert = h.desk.ticket(&id).unwrap().certificate;
    h.key(KeyCode::Char('c'));
    let Some(Modal::Close(_)) = &h.app.modal else {
        panic!("closing an installation opens the medium dialog");
    };
    let screen = h.screen(80, 24);
    for medium in ["PC", "token", "tarjeta inteligente"] {
        assert!(screen.contains(medium), "{screen}");
    }
    assert!(!screen.to_lowercase().contains("contraseña"), "{screen}");
    // No medium picked: refused in the dialog.
    h.key(KeyCode::Enter);
    let Some(Modal::Close(d)) = &h.app.modal else {
        panic!("still open");
    };
    assert!(d.error.as_deref().unwrap().starts_with("medio:"));
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Tab);
    h.typ("31/02/2029");
    h.key(KeyCode::Enter);
    let Some(Modal::Close(d)) = &h.app.modal else {
        panic!("an impossible date is refused");
    };
    assert!(d.error.as_deref().unwrap().starts_with("vencimiento:"));
    for _ in 0.."31/02/2029".len() {
        h.key(KeyCode::Backspace);
    }
    h.typ("30/11/2028");
    h.key(KeyCode::Enter);
    let Some(Modal::Confirm(c)) = &h.app.modal else {
        panic!("then the usual confirmation");
    };
    assert!(!c.yes, "closing defaults to No");
    assert!(
        c.lines
            .iter()
            .any(|l| l.contains("token") && l.contains("30/11/2028"))
    );
    h.key(KeyCode::Enter);
    assert_ne!(h.desk.ticket(&id).unwrap().status, Status::Cerrado);
    // Again, to the end.
    h.key(KeyCode::Char('c'));
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    h.key(KeyCode::Up);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('s'));
    assert_eq!(
        h.desk.ticket(&id).unwrap().status,
        Status::Cerrado,
        "{}",
        h.status_text()
    );
    if let Some(cert) = cert
        && let Some(c) = h.desk.store.certificate(&cert).unwrap()
    {
        assert_eq!(c.medium, Some(Medium::Token));
        assert!(c.installed_on.is_some());
    }
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
fn snapshot_batch_before_seal() {
    let mut h = open();
    open_next_dispatch(&mut h);
    snap(&mut h, "batch_before_seal");
}

#[test]
fn snapshot_batch_sealed() {
    let mut h = after_cut_off();
    seal_past(&mut h);
    h.key(KeyCode::Tab);
    snap(&mut h, "batch_sealed");
}

#[test]
fn snapshot_batch_readiness_problems() {
    let mut h = after_cut_off();
    let ids = friday_tickets(&h);
    let t = h.desk.ticket(&ids[0]).unwrap();
    let sha = t.applicants[0].signature.as_ref().unwrap().sha256.clone();
    std::fs::remove_file(h.desk.store.attachment_path(&sha)).unwrap();
    h.key(KeyCode::Char('b'));
    h.key(KeyCode::Char('s'));
    snap(&mut h, "batch_readiness");
}

#[test]
fn snapshot_batch_early_reason() {
    let mut h = open();
    open_next_dispatch(&mut h);
    h.key(KeyCode::Char('s'));
    h.typ("Viaje del supervisor");
    snap(&mut h, "batch_early_reason");
}

#[test]
fn snapshot_close_installation() {
    let mut h = open();
    installation(&mut h);
    h.key(KeyCode::Char('c'));
    h.key(KeyCode::Char('3'));
    snap(&mut h, "close_installation");
}
