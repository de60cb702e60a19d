//! `mesa demo` and the registry: a small demo lives its last weeks through
//! the desk, so the people, certificate and mail screens have something to
//! show, consistent with the domain's rules; the same seed and now build
//! the same store; a demo past the registry limit stays bulk-only.

mod console_harness;

use crossterm::event::KeyCode;

use console_harness::{now, open};
use mesa::clock::Clock;
use mesa::config::Config;
use mesa::desk::Desk;
use mesa::domain::certificate::CertStatus;
use mesa::domain::{Kind, Move, Status};
use mesa::store::Store;
use mesa::store::outbox::OutboxStatus;
use mesa::tui::app::Screen;

fn demo(dir: &std::path::Path, tickets: u64, seed: u64) -> Desk {
    let store = Store::open(&dir.join("store")).unwrap();
    let mut desk = Desk::new(store, Config::default(), Clock::Fixed(now()));
    mesa::demo::generate(&mut desk, tickets, seed).unwrap();
    desk
}

#[test]
fn a_fresh_demo_lists_people_certificates_and_mail_on_the_registry_screens() {
    let mut h = open();
    let tickets = h.desk.list(&Default::default()).unwrap();
    assert_eq!(tickets.len(), 60, "--tickets still counts the tickets");

    h.key(KeyCode::Char('P'));
    assert_eq!(h.app.screen, Screen::People);
    let people = &h.app.screens.people;
    assert!(people.visible.len() >= 50, "{}", people.visible.len());
    let screen = h.screen(80, 24);
    assert!(
        screen.contains(&format!(
            "Directorio de personas · {} personas",
            people.people.len()
        )),
        "{screen}"
    );
    // Whoever the queue names is in it.
    for a in tickets.iter().flat_map(|t| t.applicants.iter()) {
        let p = people.person(&a.dni).expect("in the directory");
        assert_eq!((&p.full_name, &p.email), (&a.full_name, &a.email));
    }

    h.key(KeyCode::Char('C'));
    let c = &h.app.screens.certs;
    use mesa::tui::certs::Tab;
    assert!(c.count(Tab::Download) > 0);
    assert!(c.count(Tab::All) > c.count(Tab::Download));
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    let screen = h.screen(80, 24);
    for what in ["quedan", "vence en", "cancelado"] {
        assert!(screen.contains(what), "{what}:\n{screen}");
    }

    h.key(KeyCode::Char('M'));
    use mesa::tui::outbox::Tab as Mail;
    let o = &h.app.screens.outbox;
    let (pending, failed, sent) = (
        o.count(Mail::Pending),
        o.count(Mail::Failed),
        o.count(Mail::Sent),
    );
    assert!(
        pending > 0 && failed > 0 && sent > failed,
        "{pending} {failed} {sent}"
    );
    let screen = h.screen(80, 24);
    assert!(
        screen.contains(&format!(
            "Pendientes {pending}  Fallidos {failed}  Enviados {sent}"
        )),
        "{screen}"
    );
    h.key(KeyCode::Tab);
    assert!(
        h.screen(120, 40).contains("550 5.1.1"),
        "the server's reply"
    );
}

#[test]
fn the_demo_registry_follows_the_desk_s_rules() {
    let dir = tempfile::tempdir().unwrap();
    let desk = demo(dir.path(), 60, 1);
    let today = desk.today();
    let certs = desk.store.certificates().unwrap();
    assert!(certs.len() >= 5, "{}", certs.len());
    for c in &certs {
        // Created by RENIEC's approval, recorded by the supervisor, of a
        // ticket that went in a sealed batch marked sent.
        let origin = desk.ticket(&c.origin).unwrap();
        assert!(origin.kind.is_batched());
        assert!(matches!(origin.status, Status::Aprobado | Status::Cerrado));
        assert_eq!(origin.approved_on, Some(c.approved_on));
        let batch = desk
            .store
            .batch(origin.batch.as_deref().expect("in a batch"))
            .unwrap()
            .unwrap();
        assert!(batch.sent_at.is_some() && batch.tickets.contains(&origin.id));
        let history = desk.history(&origin.id).unwrap();
        let approval = history
            .iter()
            .find(|e| e.action == Some(Move::Approve))
            .unwrap();
        assert_eq!(approval.by, mesa::demo::SUPERVISOR);
        assert_eq!(desk.today_at(approval.at), c.approved_on);
        // Installed or cancelled by a ticket of its holder, closed after
        // the approval.
        if matches!(
            c.status(today),
            CertStatus::Instalado | CertStatus::Cancelado
        ) {
            let last = desk.ticket(c.tickets.last().unwrap()).unwrap();
            let kind = match c.status(today) {
                CertStatus::Instalado => Kind::Instalacion,
                _ => Kind::Cancelacion,
            };
            assert_eq!(last.kind, kind, "{}", c.id);
            assert_eq!(last.status, Status::Cerrado);
            assert_eq!(last.applicants[0].dni, c.dni);
            assert_eq!(last.certificate.as_deref(), Some(c.id.as_str()));
            assert!(desk.today_at(last.registered_at) >= c.approved_on);
        }
        if c.status(today) == CertStatus::Instalado {
            assert!(c.medium.is_some() && c.expires_on.is_some());
        }
    }
    assert!(
        certs
            .iter()
            .any(|c| c.status(today) == CertStatus::Instalado)
    );
    assert!(
        certs
            .iter()
            .any(|c| c.status(today) == CertStatus::PorDescargar)
    );
    // Every message is about one of its tickets, to one of its applicants.
    for m in desk.store.outbox().unwrap() {
        let t = desk.ticket(&m.ticket).unwrap();
        assert!(t.applicants.iter().any(|a| a.email == m.to), "{}", m.id);
        match m.status {
            OutboxStatus::Sent => assert!(m.sent_at.is_some() && m.attempts == 1),
            OutboxStatus::Failed => assert!(m.last_error.is_some()),
            OutboxStatus::Pending => assert!(m.created_at > now() - chrono::Duration::days(2)),
        }
    }
    // The audit chain holds, and its clock never runs backwards.
    assert!(desk.store.audit_verify().unwrap().is_ok());
    let times: Vec<_> = desk.store.audit_entries().map(|e| e.unwrap().at).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]));
    assert!(times.len() > 100, "every move is recorded: {}", times.len());
}

/// Everything a user can list, as text.
fn contents(desk: &Desk) -> Vec<String> {
    let tickets = desk.list(&Default::default()).unwrap();
    let mut out: Vec<String> = tickets
        .iter()
        .map(|t| format!("{t:?} {:?}", desk.history(&t.id).unwrap()))
        .collect();
    out.push(format!("{:?}", desk.store.certificates().unwrap()));
    out.push(format!("{:?}", desk.store.people().unwrap()));
    out.push(format!("{:?}", desk.store.outbox().unwrap()));
    out.push(format!("{:?}", desk.store.batches().unwrap()));
    out.push(format!("{:?}", desk.store.audit_head().unwrap()));
    out
}

#[test]
fn the_same_seed_and_now_build_the_same_store() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (x, y) = (demo(a.path(), 60, 1), demo(b.path(), 60, 1));
    assert_eq!(contents(&x), contents(&y));
    assert_eq!(x.now(), now(), "the desk's clock is given back");
    let c = tempfile::tempdir().unwrap();
    assert_ne!(
        contents(&x),
        contents(&demo(c.path(), 60, 2)),
        "another seed, another store"
    );
}

#[test]
fn a_demo_past_the_registry_limit_is_written_in_bulk_alone() {
    let dir = tempfile::tempdir().unwrap();
    let desk = demo(dir.path(), mesa::demo::REGISTRY_MAX_TICKETS + 1, 1);
    assert_eq!(
        desk.store.count() as u64,
        mesa::demo::REGISTRY_MAX_TICKETS + 1
    );
    assert!(desk.store.certificates().unwrap().is_empty());
    assert!(desk.store.people().unwrap().is_empty());
    assert!(desk.store.outbox().unwrap().is_empty());
    assert!(desk.store.batches().unwrap().is_empty());
    // Its staff and one entry per lot of generated tickets, nothing per move.
    assert_eq!(desk.store.audit_len(), 4 + 2);
}
