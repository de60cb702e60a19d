//! The footers an analyst reads all day, from the keymap, and the way from
//! a registry screen (mail, certificates, people) to the ticket behind the
//! chosen item and back. Keys in, state out; snapshots at 80×24 and
//! 120×40. The registry is the demo's own, made through the desk.

mod console_harness;

use crossterm::event::KeyCode;

use console_harness::{H, open};
use mesa::domain::Kind;
use mesa::domain::certificate::{CertStatus, Certificate};
use mesa::store::outbox::OutboxStatus;
use mesa::tui::app::Screen;
use mesa::tui::keymap::{self, Scope};

/// The footer: the screen's last line, trimmed.
fn footer(h: &H, w: u16, ht: u16) -> String {
    let screen = h.screen(w, ht);
    let last = screen.lines().last().unwrap().trim_matches('"').trim_end();
    last.to_string()
}

/// Each hint of a footer line is whole: "key:word" pairs of the keymap.
fn assert_whole_hints(line: &str, scope: Scope) {
    let mut rest = line;
    for h in keymap::footer(scope, |_| true) {
        let hint = format!("{}:{}", h.key, mesa::strings::tui::hint(h.command));
        if let Some(at) = rest.find(&hint) {
            rest = &rest[at + hint.len()..];
        } else {
            assert!(!h.always, "{hint:?} always shows: {line:?}");
        }
    }
    assert!(
        rest.trim().is_empty(),
        "a cut hint is left: {rest:?} in {line:?}"
    );
}

#[test]
fn the_queue_footer_offers_the_batch_screen_and_drops_whole_hints_when_narrow() {
    let mut h = open();
    let narrow = footer(&h, 80, 24);
    assert!(narrow.contains("b:lotes"), "{narrow}");
    assert!(
        narrow.starts_with("Enter:abrir /:filtrar t:atender"),
        "{narrow}"
    );
    assert!(narrow.ends_with("?:ayuda q:salir"), "{narrow}");
    assert_whole_hints(&narrow, Scope::Queue);
    let wide = footer(&h, 120, 40);
    for hint in [
        "b:lotes",
        "x:anular",
        "c:cerrar",
        "n:nuevo",
        "Espacio:marcar",
    ] {
        assert!(wide.contains(hint), "{hint}: {wide}");
    }
    assert_whole_hints(&wide, Scope::Queue);
    // Marked tickets take room: the least needed hints go, whole; the way
    // out stays.
    h.key(KeyCode::Char(' '));
    h.key(KeyCode::Char(' '));
    let marked = footer(&h, 80, 24);
    assert!(marked.starts_with("2 marcados · Enter:abrir"), "{marked}");
    assert!(marked.ends_with("?:ayuda q:salir"), "{marked}");
    assert!(marked.chars().count() <= 80);
    assert!(!marked.contains("b:lotes"), "{marked}");
    assert_whole_hints(marked.trim_start_matches("2 marcados · "), Scope::Queue);
    // What the footer offers works: b opens the batch screen.
    h.key(KeyCode::Char('b'));
    assert_eq!(h.app.screen, Screen::Batch);
}

#[test]
fn the_help_and_the_registry_footers_name_the_ticket_key() {
    let mut h = open();
    let help: Vec<String> = mesa::tui::views::help::lines(None)
        .iter()
        .map(|l| l.to_string())
        .collect();
    let opens = |key: &str| {
        help.iter()
            .filter(|l| l.trim_start().starts_with(key) && l.contains("Abrir su ticket"))
            .count()
    };
    assert_eq!(opens("Enter T"), 2, "mail and certificates: {help:#?}");
    assert_eq!(opens("T "), 1, "people: {help:#?}");
    for (key, scope, hint) in [
        ('M', Scope::Outbox, "Enter:ticket"),
        ('C', Scope::Certs, "Enter:ticket"),
        ('P', Scope::People, "T:ticket"),
    ] {
        h.key(KeyCode::Char(key));
        for (w, ht) in [(80, 24), (120, 40)] {
            let line = footer(&h, w, ht);
            assert!(line.contains(hint), "{key}: {line}");
            // q goes back here like Esc: only the queue offers quitting.
            assert!(line.ends_with("Esc:volver ?:ayuda"), "{line}");
            assert_whole_hints(&line, scope);
        }
    }
}

#[test]
fn enter_on_a_mail_opens_its_ticket_and_esc_comes_back_to_the_same_mail() {
    let mut h = open();
    h.key(KeyCode::Char('M'));
    assert_eq!(h.app.screen, Screen::Outbox);
    // The failed ones, the second of them.
    h.key(KeyCode::Tab);
    h.key(KeyCode::Down);
    let o = &h.app.screens.outbox;
    let (tab, cursor) = (o.tab, o.cursor);
    let mail = o.current().unwrap().clone();
    assert_eq!(mail.status, OutboxStatus::Failed);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Ticket);
    let d = h.app.detail.as_ref().unwrap();
    assert_eq!(d.id, mail.ticket);
    let loaded = d.loaded.as_ref().expect("the ticket is read");
    assert!(
        loaded.ticket.applicants.iter().any(|a| a.email == mail.to),
        "the mail went to the ticket's applicant"
    );
    assert!(h.screen(120, 40).contains(&mail.ticket));
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::Outbox, "back where it came from");
    let o = &h.app.screens.outbox;
    assert_eq!((o.tab, o.cursor), (tab, cursor));
    assert_eq!(o.current().unwrap().id, mail.id, "the same mail");
    // T does the same.
    h.key(KeyCode::Char('T'));
    assert_eq!(h.app.detail.as_ref().unwrap().id, mail.ticket);
}

/// An installed certificate of the demo: its approval and its installation.
fn installed(h: &H) -> Certificate {
    let today = h.desk.today();
    h.desk
        .store
        .certificates()
        .unwrap()
        .into_iter()
        .find(|c| c.status(today) == CertStatus::Instalado && c.tickets.len() == 2)
        .expect("the demo installs certificates")
}

/// Opens the certificates' "all" tab on `id`.
fn choose_cert(h: &mut H, id: &str) {
    h.key(KeyCode::Char('C'));
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    let c = &h.app.screens.certs;
    assert_eq!(c.tab, mesa::tui::certs::Tab::All);
    let pos = c
        .visible
        .iter()
        .position(|i| c.rows[*i].cert.id == id)
        .unwrap();
    for _ in 0..pos {
        h.key(KeyCode::Down);
    }
    assert_eq!(h.app.screens.certs.current().unwrap().cert.id, id);
}

#[test]
fn a_certificate_opens_its_latest_ticket_the_installation_then_its_renewal() {
    let mut h = open();
    let cert = installed(&h);
    let installation = cert.tickets[1].clone();
    assert_eq!(
        h.desk.ticket(&installation).unwrap().kind,
        Kind::Instalacion
    );
    choose_cert(&mut h, &cert.id);
    let cursor = h.app.screens.certs.cursor;
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Ticket);
    assert_eq!(h.app.detail.as_ref().unwrap().id, installation);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::Certs);
    let c = &h.app.screens.certs;
    assert_eq!(c.tab, mesa::tui::certs::Tab::All);
    assert_eq!(c.cursor, cursor);
    assert_eq!(c.current().unwrap().cert.id, cert.id);

    // Once a renewal is registered, that is the ticket to work next.
    h.key(KeyCode::Char('n'));
    let renewal = h
        .app
        .screens
        .certs
        .current()
        .unwrap()
        .renewal
        .clone()
        .expect("the renewal shows on the row");
    h.key(KeyCode::Char('T'));
    assert_eq!(h.app.detail.as_ref().unwrap().id, renewal.id);
    assert_eq!(renewal.kind, Kind::Reemision);
}

#[test]
fn a_person_opens_their_latest_ticket_from_the_list_and_from_the_card() {
    let mut h = open();
    let cert = installed(&h);
    let latest = cert.tickets[1].clone();
    h.key(KeyCode::Char('P'));
    h.key(KeyCode::Char('/'));
    h.typ(&cert.dni);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screens.people.current().unwrap().dni, cert.dni);
    h.key(KeyCode::Char('T'));
    assert_eq!(h.app.screen, Screen::Ticket);
    assert_eq!(h.app.detail.as_ref().unwrap().id, latest, "the latest");
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::People);
    let p = &h.app.screens.people;
    assert_eq!(p.search, cert.dni, "the search is kept");
    assert_eq!(p.current().unwrap().dni, cert.dni);
    assert!(p.card.is_none());
    // From the card, the same; Esc comes back to the card.
    h.key(KeyCode::Enter);
    assert!(h.app.screens.people.card.is_some());
    h.key(KeyCode::Char('T'));
    assert_eq!(h.app.detail.as_ref().unwrap().id, latest);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::People);
    assert_eq!(
        h.app.screens.people.card.as_ref().unwrap().dni,
        cert.dni,
        "the card is still open"
    );
}

/// A person of the directory who never had a ticket.
fn newcomer(h: &H) -> &'static str {
    let csv = "dni,full_name,email,job_title,unit,dependency,started_on\n\
               47700123,Gladys Díaz Zamora,gdiaz@regioncajamarca.gob.pe,Analista de sistemas,\
               Oficina de Tecnologías de la Información,Sede central,2026-10-01\n";
    h.desk.import_people(csv.as_bytes(), "beto").unwrap();
    "47700123"
}

#[test]
fn no_ticket_is_said_in_the_status_line_and_nothing_opens() {
    let mut h = open();
    let dni = newcomer(&h);
    h.key(KeyCode::Char('P'));
    h.key(KeyCode::Char('/'));
    h.typ(dni);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('T'));
    assert_eq!(h.app.screen, Screen::People);
    assert_eq!(
        h.status_text(),
        "Gladys Díaz Zamora (DNI 47700123) no tiene tickets en la mesa."
    );
    // The same from the card, which already knows.
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('T'));
    assert_eq!(h.app.screen, Screen::People);
    assert!(h.status_text().contains("no tiene tickets"));

    // A certificate whose latest ticket was purged: the certificate keeps
    // its id, the store no longer has it.
    let cert = installed(&h);
    let gone = cert.tickets[1].clone();
    // Five years on (the legal minimum), the purge takes it; the console
    // still runs at today.
    let today = h.desk.clock;
    h.desk.clock = mesa::clock::Clock::Fixed(h.desk.now() + chrono::Duration::days(6 * 366));
    h.desk
        .purge(
            "beto",
            Some(mesa::domain::retention::Period::Years(5)),
            false,
        )
        .unwrap();
    h.desk.clock = today;
    assert!(h.desk.store.ticket(&gone).unwrap().is_none());
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::Queue);
    h.key(KeyCode::Char('r'));
    choose_cert(&mut h, &cert.id);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Certs);
    assert_eq!(
        h.status_text(),
        format!("El ticket {gone} ya no está en el almacén (se depuró o no existe).")
    );
}

#[test]
fn snapshots_of_the_links() {
    let mut h = open();
    // The queue's footer.
    insta::assert_snapshot!("queue_footer_80x24", footer(&h, 80, 24));
    insta::assert_snapshot!("queue_footer_120x40", footer(&h, 120, 40));
    // A certificate's installation, opened from the certificates.
    let cert = installed(&h);
    choose_cert(&mut h, &cert.id);
    insta::assert_snapshot!("certs_all_80x24", h.screen(80, 24));
    insta::assert_snapshot!("certs_all_120x40", h.screen(120, 40));
    h.key(KeyCode::Enter);
    insta::assert_snapshot!("ticket_from_certs_80x24", h.screen(80, 24));
    insta::assert_snapshot!("ticket_from_certs_120x40", h.screen(120, 40));
    // Someone with no ticket.
    let dni = newcomer(&h);
    h.key(KeyCode::Char('P'));
    h.key(KeyCode::Char('r'));
    h.key(KeyCode::Char('/'));
    h.typ(dni);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('T'));
    insta::assert_snapshot!("person_without_ticket_80x24", h.screen(80, 24));
    insta::assert_snapshot!("person_without_ticket_120x40", h.screen(120, 40));
}
