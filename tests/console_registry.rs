//! The console's registry screens without a terminal: the outbox, people,
//! certificates and reports. Keys in, state and store out; snapshots of
//! every screen at 80×24 and 120×40. The mail and the certificates a
//! screen shows are made through the real desk (moves, a real SMTP server
//! on 127.0.0.1, RENIEC's batch and answer), never written by hand.

mod console_harness;
mod support;
mod tmux_harness;

use crossterm::event::KeyCode;

use console_harness::{H, now, open};
use mesa::domain::certificate::CertStatus;
use mesa::domain::{Move, Status, Ticket};
use mesa::mail::{MailSettings, Transport, sender};
use mesa::store::outbox::OutboxStatus;
use mesa::tui::app::Screen;
use mesa::tui::outbox::Tab;
use support::SmtpServer;

fn smtp(port: u16) -> MailSettings {
    let mut m = MailSettings::default();
    m.smtp.host = Some("127.0.0.1".into());
    m.smtp.port = Some(port);
    m.smtp.tls = mesa::mail::settings::Tls::None;
    m
}

/// One pass of deliveries to `server` at the desk's now.
fn deliver(h: &H, server: &SmtpServer) {
    let settings = smtp(server.port);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let transport = Transport::new(&settings, h.desk.store_dir()).unwrap();
        sender::flush_due(&h.desk.store, &transport, &settings, h.desk.now())
            .await
            .unwrap();
    });
}

/// Emissions and re-emissions waiting to be scheduled whose checks all
/// pass today, in arrival order.
fn ready_tickets(h: &H) -> Vec<Ticket> {
    let today = h.desk.today();
    h.desk
        .list(&Default::default())
        .unwrap()
        .into_iter()
        .filter(|t| {
            matches!(t.status, Status::Nuevo | Status::EnAtencion)
                && t.kind.is_batched()
                && t.failed_problems(today, &Default::default()).is_empty()
        })
        .collect()
}

/// Takes (if new) and schedules a ticket; returns the mail it enqueued.
fn schedule(h: &H, t: &Ticket) -> Vec<String> {
    if t.status == Status::Nuevo {
        h.desk.act(&t.id, Move::Take, "beto", &[]).unwrap();
    }
    h.desk
        .act_and_notify(&t.id, Move::Schedule, "beto", &[])
        .unwrap()
        .1
}

/// Two tickets scheduled (one email each), the first one's recipient
/// refused by the server with a 5xx: one failed, one sent (with whatever
/// the demo left waiting). Returns the failed recipient's address.
fn mail_one_failed_one_sent(h: &mut H) -> String {
    let ready: Vec<Ticket> = ready_tickets(h)
        .into_iter()
        .filter(|t| t.applicants.len() == 1)
        .take(2)
        .collect();
    assert_eq!(ready.len(), 2, "the demo has two tickets ready to schedule");
    for t in &ready {
        assert_eq!(schedule(h, t).len(), 1);
    }
    let refused = ready[0].applicants[0].email.clone();
    let accepted = ready[1].applicants[0].email.clone();
    let server = SmtpServer::start();
    server.refuse_recipients_containing(Some(&refused));
    deliver(h, &server);
    let to: Vec<Vec<String>> = server.messages().into_iter().map(|m| m.to).collect();
    assert!(to.contains(&vec![accepted]), "the other one was accepted");
    assert!(!to.contains(&vec![refused.clone()]));
    refused
}

/// The outbox in the store: (pending, failed, sent).
fn counts(h: &H) -> (usize, usize, usize) {
    let all = h.desk.store.outbox().unwrap();
    let n = |s: OutboxStatus| all.iter().filter(|e| e.status == s).count();
    (
        n(OutboxStatus::Pending),
        n(OutboxStatus::Failed),
        n(OutboxStatus::Sent),
    )
}

fn status_of(h: &H, to: &str) -> OutboxStatus {
    h.desk
        .store
        .outbox()
        .unwrap()
        .into_iter()
        .find(|e| e.to == to)
        .unwrap()
        .status
}

#[test]
fn the_outbox_shows_each_status_and_retry_puts_a_failed_message_back_in_line() {
    let mut h = open();
    let (_, failed_before, _) = counts(&h);
    let refused = mail_one_failed_one_sent(&mut h);
    let (pending, failed, sent) = counts(&h);
    assert_eq!(
        (pending, failed),
        (0, failed_before + 1),
        "what waited went out too"
    );
    h.key(KeyCode::Char('M'));
    assert_eq!(h.app.screen, Screen::Outbox);
    let o = &h.app.screens.outbox;
    assert_eq!(o.tab, Tab::Pending);
    assert_eq!(
        (
            o.count(Tab::Pending),
            o.count(Tab::Failed),
            o.count(Tab::Sent)
        ),
        (0, failed, sent)
    );
    // The newest failure first.
    h.key(KeyCode::Tab);
    let e = h.app.screens.outbox.current().unwrap().clone();
    assert_eq!(e.to, refused);
    assert_eq!(e.status, OutboxStatus::Failed);
    assert_eq!(e.attempts, 1);
    let reply = e.last_error.clone().unwrap();
    assert!(reply.contains("550"), "{reply}");
    assert!(h.screen(120, 40).contains("Buzon inexistente"));

    h.key(KeyCode::Char('r'));
    assert_eq!(status_of(&h, &refused), OutboxStatus::Pending);
    let stored = h.desk.store.outbox_entry(&e.id).unwrap().unwrap();
    assert_eq!(stored.next_attempt_at, now(), "due at once");
    assert!(
        h.status_text().contains("de nuevo en cola"),
        "{}",
        h.status_text()
    );
    let o = &h.app.screens.outbox;
    assert_eq!(
        (o.count(Tab::Pending), o.count(Tab::Failed)),
        (1, failed - 1)
    );

    // A sent message is never sent twice.
    h.key(KeyCode::Tab);
    assert_eq!(h.app.screens.outbox.tab, Tab::Sent);
    let sent = h.app.screens.outbox.current().unwrap().id.clone();
    h.key(KeyCode::Char('r'));
    assert!(
        h.status_text().contains("ya fue enviado"),
        "{}",
        h.status_text()
    );
    assert_eq!(
        h.desk.store.outbox_entry(&sent).unwrap().unwrap().status,
        OutboxStatus::Sent
    );

    // Esc goes back to the queue.
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::Queue);
}

#[test]
fn the_smtp_password_never_shows_even_when_a_server_echoes_it() {
    let mut h = open();
    let refused = mail_one_failed_one_sent(&mut h);
    let secret = "hunter2-secreto";
    h.desk.config.mail.smtp.password = Some(mesa::mail::settings::Secret::new(secret));
    let id = h
        .desk
        .store
        .outbox()
        .unwrap()
        .into_iter()
        .find(|e| e.to == refused)
        .unwrap()
        .id;
    h.desk
        .store
        .outbox_change(&id, |e| {
            let mut e = e.clone();
            e.last_error = Some(format!("535 autenticación fallida para mesa:{secret}"));
            e
        })
        .unwrap();
    h.key(KeyCode::Char('M'));
    h.key(KeyCode::Tab);
    for (w, ht) in [(80, 24), (120, 40)] {
        let screen = h.screen(w, ht);
        assert!(!screen.contains(secret), "{screen}");
        assert!(screen.contains("oculta"), "{screen}");
    }
}

#[test]
fn snapshots_of_the_outbox() {
    let mut h = open();
    mail_one_failed_one_sent(&mut h);
    // One more, waiting for its first attempt.
    let t = h.first(|t| t.status == Status::EnAtencion);
    h.desk
        .act(
            &t.id,
            Move::Observe,
            "beto",
            &["Firma en tinta negra".into()],
        )
        .unwrap();
    h.key(KeyCode::Char('M'));
    h.key(KeyCode::Tab);
    insta::assert_snapshot!("outbox_failed_80x24", h.screen(80, 24));
    insta::assert_snapshot!("outbox_failed_120x40", h.screen(120, 40));
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    insta::assert_snapshot!("outbox_all_80x24", h.screen(80, 24));
    insta::assert_snapshot!("outbox_all_120x40", h.screen(120, 40));
}

#[test]
fn the_console_delivers_mail_while_it_is_open() {
    use tmux_harness::{MESA, Tmux};
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let (waiting, pending, sent) = {
        let mut desk = mesa::desk::Desk::new(
            mesa::store::Store::open(&store).unwrap(),
            mesa::config::Config::default(),
            mesa::clock::Clock::Fixed(now()),
        );
        mesa::demo::generate(&mut desk, 60, 1).unwrap();
        let t = desk
            .list(&Default::default())
            .unwrap()
            .into_iter()
            .find(|t| t.status == Status::EnAtencion)
            .unwrap();
        let (_, queued) = desk
            .act_and_notify(
                &t.id,
                Move::Observe,
                mesa::demo::SUPERVISOR,
                &["Firma en tinta negra".into()],
            )
            .unwrap();
        assert_eq!(queued.len(), 1);
        let all = desk.store.outbox().unwrap();
        let n = |s: OutboxStatus| all.iter().filter(|e| e.status == s).count();
        (
            t.applicants[0].email.clone(),
            n(OutboxStatus::Pending),
            n(OutboxStatus::Sent),
        )
    };
    let server = SmtpServer::start();
    let port = server.port.to_string();
    let tmux = Tmux::start(
        &store,
        console_harness::NOW,
        &[
            ("MESA_SMTP_HOST", "127.0.0.1"),
            ("MESA_SMTP_PORT", &port),
            ("MESA_SMTP_TLS", "none"),
        ],
    );
    tmux.wait_for("$");
    tmux.type_text(&format!("'{MESA}' --as {}", mesa::demo::SUPERVISOR));
    tmux.key("Enter");
    tmux.give_password();
    tmux.wait_for("Próximo envío a RENIEC");
    // Nobody asks for it: the console's sender delivers what was waiting
    // (the observation, and what the demo left waiting).
    let start = std::time::Instant::now();
    while server.messages().len() < pending {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(30),
            "the console did not deliver the waiting messages"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(
        server.messages().iter().any(|m| m.to == [waiting.clone()]),
        "{waiting}"
    );
    tmux.key("M");
    let screen = tmux.wait_for(&format!("Enviados {}", sent + pending));
    assert!(screen.contains("SMTP 127.0.0.1"), "{screen}");
    // q on the outbox goes back to the queue; q there quits.
    tmux.key("q");
    tmux.wait_for("Próximo envío a RENIEC");
    tmux.key("q");
    tmux.wait_for_shell();
}

/// Three people of the demo's tickets (already in its directory) imported
/// again with known posts; returns their DNIs.
fn directory(h: &H) -> Vec<String> {
    let mut seen: Vec<(String, String, String)> = Vec::new();
    for t in h.desk.list(&Default::default()).unwrap() {
        let a = &t.applicants[0];
        if t.kind.is_batched() && !seen.iter().any(|(d, _, _)| *d == a.dni) {
            seen.push((a.dni.clone(), a.full_name.clone(), a.email.clone()));
        }
        if seen.len() == 3 {
            break;
        }
    }
    let units = [
        (
            "Especialista administrativo",
            "Oficina de Tecnologías de la Información",
            "Sede central",
        ),
        (
            "Asistente legal",
            "Procuraduría Pública Regional",
            "Sede central",
        ),
        (
            "Ingeniera agrónoma",
            "Dirección Regional de Agricultura",
            "Agencia Agraria Jaén",
        ),
    ];
    let mut csv = String::from("dni,full_name,email,job_title,unit,dependency,started_on\n");
    for ((dni, name, email), (job, unit, dep)) in seen.iter().zip(units) {
        csv += &format!("{dni},{name},{email},{job},{unit},{dep},2024-03-01\n");
    }
    h.desk.import_people(csv.as_bytes(), "beto").unwrap();
    seen.into_iter().map(|(d, _, _)| d).collect()
}

fn person(h: &H, dni: &str) -> mesa::domain::person::Person {
    h.desk.store.person(dni).unwrap().unwrap()
}

/// Opens the people screen and the card of the person whose name starts
/// the search typed.
fn find_person(h: &mut H, dni: &str) {
    let name = person(h, dni).full_name;
    h.key(KeyCode::Char('P'));
    assert_eq!(h.app.screen, Screen::People);
    assert_eq!(
        h.app.screens.people.visible.len(),
        h.desk.store.people().unwrap().len(),
        "the whole directory"
    );
    h.key(KeyCode::Char('/'));
    // Incremental, accents and case ignored: the person's folded name.
    h.typ(&mesa::domain::query::fold(&name).to_uppercase());
    assert_eq!(h.app.screens.people.current().unwrap().dni, dni);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter);
    let card = h.app.screens.people.card.as_ref().unwrap();
    assert_eq!(card.dni, dni);
    assert!(
        !card.details.as_ref().unwrap().tickets.is_empty(),
        "the card lists the person's tickets"
    );
}

#[test]
fn a_person_found_by_search_is_edited_and_the_change_survives_a_reopen() {
    let mut h = open();
    let dnis = directory(&h);
    let dni = dnis[1].clone();
    find_person(&mut h, &dni);
    h.key(KeyCode::Char('e'));
    assert!(h.app.screens.people.form.is_some());
    // Name, email, then the job title.
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.ctrl('u');
    h.typ("Jefa de la Oficina de Tecnologías");
    h.key(KeyCode::Tab);
    h.ctrl('u');
    h.typ("Oficina de Tecnologías de la Información");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.ctrl('u');
    h.typ("15/10/2026");
    h.ctrl('s');
    assert!(h.app.screens.people.form.is_none(), "{}", h.status_text());
    assert!(
        h.status_text().starts_with("Se guardaron los datos de"),
        "{}",
        h.status_text()
    );
    let H { _dir, desk, app } = h;
    drop(app);
    drop(desk);
    let store = mesa::store::Store::open(&_dir.path().join("store")).unwrap();
    let p = store.person(&dni).unwrap().unwrap();
    assert_eq!(p.job_title, "Jefa de la Oficina de Tecnologías");
    assert_eq!(p.unit, "Oficina de Tecnologías de la Información");
    assert_eq!(
        p.started_on,
        "2026-10-15".parse::<chrono::NaiveDate>().unwrap()
    );
    assert_eq!(p.dependency, "Sede central", "a field not touched stays");
}

#[test]
fn a_personal_email_is_refused_naming_the_field_and_nothing_is_saved() {
    let mut h = open();
    let dnis = directory(&h);
    let before = person(&h, &dnis[0]);
    find_person(&mut h, &dnis[0]);
    h.key(KeyCode::Char('e'));
    h.key(KeyCode::Tab);
    h.ctrl('u');
    h.typ("rosa.quispe@gmail.com");
    let form = &h.app.screens.people.form.as_ref().unwrap().1;
    assert!(
        form.shown_problem("email")
            .unwrap()
            .contains("gmail.com es un correo personal"),
        "{:?}",
        form.problems
    );
    h.ctrl('s');
    let text = h.status_text();
    assert!(text.starts_with("No se guardó nada."), "{text}");
    assert!(
        text.contains("Correo institucional: gmail.com es un correo personal"),
        "{text}"
    );
    assert!(
        h.app.screens.people.form.is_some(),
        "the form stays to be corrected"
    );
    assert_eq!(person(&h, &dnis[0]), before, "nothing saved");
    insta::assert_snapshot!("person_edit_refused_80x24", h.screen(80, 24));
    insta::assert_snapshot!("person_edit_refused_120x40", h.screen(120, 40));
    h.key(KeyCode::Esc);
    assert!(h.app.screens.people.form.is_none());
    assert!(
        h.status_text().contains("no se guardó nada"),
        "{}",
        h.status_text()
    );
    assert_eq!(person(&h, &dnis[0]), before);
}

#[test]
fn snapshots_of_the_people_screen() {
    let mut h = open();
    let dnis = directory(&h);
    h.key(KeyCode::Char('P'));
    insta::assert_snapshot!("people_80x24", h.screen(80, 24));
    insta::assert_snapshot!("people_120x40", h.screen(120, 40));
    find_person(&mut h, &dnis[2]);
    insta::assert_snapshot!("person_card_80x24", h.screen(80, 24));
    insta::assert_snapshot!("person_card_120x40", h.screen(120, 40));
}

fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(s)
        .unwrap()
        .with_timezone(&chrono::Utc)
}

/// Moves the desk's clock and the console's to `when`.
fn set_now(h: &mut H, when: &str) {
    let t = at(when);
    h.desk.clock = mesa::clock::Clock::Fixed(t);
    h.send(mesa::tui::action::Action::Tick(t));
}

/// Seals the batch of the dispatch just past, marks it sent, and records
/// RENIEC's approval of every ticket in it on `approved`, the next morning.
fn batch_approved(h: &mut H, sealed_at: &str, approved: &str, answered_at: &str) -> Vec<String> {
    set_now(h, sealed_at);
    let batch = match h.desk.seal(None, None, "beto").unwrap() {
        mesa::store::Sealed::New(b) => b,
        mesa::store::Sealed::Already(b) => panic!("{} was sealed already", b.id),
    };
    h.desk.mark_sent(&batch.id, None, "beto").unwrap();
    set_now(h, answered_at);
    let on: chrono::NaiveDate = approved.parse().unwrap();
    let outcomes: Vec<(String, mesa::domain::batch::Outcome)> = batch
        .tickets
        .iter()
        .map(|id| (id.clone(), mesa::domain::batch::Outcome::Approved { on }))
        .collect();
    h.desk.record_outcomes(&outcomes, "beto").unwrap();
    batch.tickets
}

/// Registers an installation or cancellation of `cert` for its holder, as
/// the intake form does; returns the new ticket.
fn register_for(h: &H, cert: &str, kind: &str, motive: &str) -> String {
    let c = h.desk.certificate(cert).unwrap();
    let row: std::collections::BTreeMap<&'static str, String> = [
        ("ticket", "1".to_string()),
        ("kind", kind.to_string()),
        ("motive", motive.to_string()),
        ("full_name", c.holder.clone()),
        ("dni", c.dni.clone()),
        ("email", c.email.clone()),
        ("certificate", c.id.clone()),
    ]
    .into_iter()
    .collect();
    h.desk
        .register_fields(&[row], std::path::Path::new("."), "beto")
        .map_err(|e| format!("{e:?}"))
        .unwrap()
        .remove(0)
}

/// The same, then taken and closed, as an analyst would.
fn close_on(
    h: &H,
    cert: &str,
    kind: &str,
    motive: &str,
    details: mesa::domain::certificate::CloseDetails,
) -> String {
    let id = register_for(h, cert, kind, motive);
    h.desk.act(&id, Move::Take, "beto", &[]).unwrap();
    h.desk
        .act_with(&id, Move::Close, "beto", &[], &details)
        .unwrap();
    id
}

/// Takes and schedules the first `n` tickets whose checks all pass.
fn schedule_ready(h: &mut H, n: usize) {
    let ready: Vec<Ticket> = ready_tickets(h).into_iter().take(n).collect();
    assert_eq!(ready.len(), n, "the demo has {n} ready tickets");
    for t in &ready {
        schedule(h, t);
    }
}

/// What the registry holds on Wednesday 30/12/2026 09:00.
struct Registry {
    /// Installed on 01/12 in a token, expiring on 20/01/2027 (in 21 days).
    installed: String,
    /// Cancelled on 01/12 with motive c (keyCompromise).
    cancelled: String,
    /// Approved on 27/11: the window closed on 27/12.
    lapsed: Vec<String>,
    /// Approved on 04/12: 4 days left (until 03/01/2027).
    awaiting: Vec<String>,
    /// The tickets approved on 27/11 and on 04/12.
    approved_first: Vec<String>,
    approved_second: Vec<String>,
}

/// The demo's scheduled tickets go in the batch of Friday 27/11 and are
/// approved; two more are scheduled on Monday 30/11 for Friday 04/12 and
/// approved; of the first certificates one is installed and one cancelled.
fn registry(h: &mut H) -> Registry {
    schedule_ready(h, 2);
    let approved_first = batch_approved(
        h,
        "2026-11-27T16:30:00-05:00",
        "2026-11-27",
        "2026-11-28T09:00:00-05:00",
    );
    set_now(h, "2026-11-30T09:00:00-05:00");
    schedule_ready(h, 1);
    set_now(h, "2026-12-01T09:00:00-05:00");
    // The demo's own certificates aside: those this approval created.
    let made_by = |h: &H, tickets: &[String]| -> Vec<String> {
        h.desk
            .store
            .certificates()
            .unwrap()
            .into_iter()
            .filter(|c| tickets.contains(&c.origin))
            .map(|c| c.id)
            .collect()
    };
    let first = made_by(h, &approved_first);
    assert!(first.len() >= 4, "{first:?}");
    use mesa::domain::certificate::{CloseDetails, Medium};
    close_on(
        h,
        &first[0],
        "instalacion",
        "",
        CloseDetails {
            medium: Some(Medium::Token),
            expires_on: Some("2027-01-20".parse().unwrap()),
        },
    );
    close_on(h, &first[1], "cancelacion", "c", CloseDetails::default());
    let approved_second = batch_approved(
        h,
        "2026-12-04T16:30:00-05:00",
        "2026-12-04",
        "2026-12-05T09:00:00-05:00",
    );
    set_now(h, "2026-12-30T09:00:00-05:00");
    let awaiting = made_by(h, &approved_second);
    assert!(!awaiting.is_empty());
    // The queue re-read at the new day.
    h.key(KeyCode::Char('r'));
    Registry {
        installed: first[0].clone(),
        cancelled: first[1].clone(),
        lapsed: first[2..].to_vec(),
        awaiting,
        approved_first,
        approved_second,
    }
}

#[test]
fn the_expiry_tab_renews_an_installed_certificate_with_the_10_days_rule() {
    let mut h = open();
    let reg = registry(&mut h);
    h.key(KeyCode::Char('C'));
    assert_eq!(h.app.screen, Screen::Certs);
    let c = &h.app.screens.certs;
    assert_eq!(c.tab, mesa::tui::certs::Tab::Expiring);
    assert_eq!(c.visible.len(), 1);
    let row = c.current().unwrap();
    assert_eq!(row.cert.id, reg.installed);
    assert_eq!(row.days_to_expiry, Some(21));
    assert!(row.renewal.is_none());

    h.key(KeyCode::Char('n'));
    let text = h.status_text();
    assert!(text.contains("(Reemisión a))"), "{text}");
    assert!(
        text.contains(
            "Si se programa hoy, sale a RENIEC el vie 08/01/2027 16:30 — regla de los 10 días"
        ),
        "{text}"
    );
    let row = h.app.screens.certs.current().unwrap();
    let t = row
        .renewal
        .clone()
        .expect("the certificate shows its renewal");
    assert_eq!(t.kind, mesa::domain::Kind::Reemision);
    assert_eq!(t.motive, Some('a'));
    assert_eq!(t.status, Status::Nuevo);
    assert_eq!(t.certificate.as_deref(), Some(reg.installed.as_str()));
    assert!(h.app.queue.get(&t.id).is_some(), "the queue has it at once");
    // Scheduled, it leaves when the status line said.
    h.desk.act(&t.id, Move::Take, "beto", &[]).unwrap();
    let t = h.desk.act(&t.id, Move::Schedule, "beto", &[]).unwrap();
    assert_eq!(
        t.dispatch.unwrap().dispatch.at,
        at("2027-01-08T16:30:00-05:00")
    );
    // A second renewal is refused.
    h.key(KeyCode::Char('r'));
    h.key(KeyCode::Char('n'));
    assert!(
        h.status_text().contains("ya tiene el ticket de renovación"),
        "{}",
        h.status_text()
    );
}

#[test]
fn a_lapsed_download_offers_the_paid_re_emission_g_and_takes_its_receipt() {
    let mut h = open();
    let reg = registry(&mut h);
    h.key(KeyCode::Char('C'));
    h.key(KeyCode::Tab);
    let c = &h.app.screens.certs;
    assert_eq!(c.tab, mesa::tui::certs::Tab::Download);
    // Ours and the demo's, which lapsed meanwhile too.
    let today = h.desk.today();
    let download = h
        .desk
        .store
        .certificates()
        .unwrap()
        .into_iter()
        .filter(|c| {
            matches!(
                c.status(today),
                CertStatus::PorDescargar | CertStatus::CaducadoDescarga
            )
        })
        .count();
    assert!(download > reg.lapsed.len() + reg.awaiting.len());
    assert_eq!(c.visible.len(), download);
    let row = c.current().unwrap();
    assert_eq!(
        row.status,
        CertStatus::CaducadoDescarga,
        "lapsed ones first"
    );
    assert_eq!(row.offer, Some((mesa::domain::Kind::Reemision, 'g')));
    let cert = row.cert.id.clone();
    let until = row.cert.download_until();
    let screen = h.screen(120, 40);
    assert!(
        screen.contains(&format!("✗ plazo venció {}", until.format("%d/%m"))),
        "{screen}"
    );
    assert!(
        screen.contains(&format!(
            "Venció el plazo de descarga el {}",
            until.format("%d/%m/%Y")
        )),
        "{screen}"
    );

    h.key(KeyCode::Char('n'));
    let pay = h.app.screens.certs.pay.as_ref().expect("the receipt form");
    assert_eq!(pay.form.value("payment_amount"), "8.10");
    // Saving without the receipt registers nothing.
    let before = h.desk.list(&Default::default()).unwrap().len();
    h.ctrl('s');
    assert!(
        h.status_text().starts_with("No se registró nada."),
        "{}",
        h.status_text()
    );
    assert!(
        h.status_text().contains("Número de operación"),
        "{}",
        h.status_text()
    );
    assert_eq!(h.desk.list(&Default::default()).unwrap().len(), before);
    h.typ("7654321");
    h.key(KeyCode::Tab);
    h.typ("29/12/2026");
    h.ctrl('s');
    assert!(h.app.screens.certs.pay.is_none(), "{}", h.status_text());
    let text = h.status_text();
    assert!(text.contains("(Reemisión g))"), "{text}");
    assert!(
        text.contains("jue 31/12/2026 16:30 — el próximo envío"),
        "{text}"
    );
    let t = h
        .desk
        .ticket(text.split_whitespace().nth(2).unwrap())
        .unwrap();
    assert_eq!(
        (t.kind, t.motive),
        (mesa::domain::Kind::Reemision, Some('g'))
    );
    assert_eq!(t.certificate.as_deref(), Some(cert.as_str()));
    assert_eq!(
        t.applicants[0].payment_operation.as_deref(),
        Some("7654321")
    );
    assert!(h.desk.receipt("7654321").unwrap().is_some());
}

#[test]
fn snapshots_of_the_certificates_screen() {
    let mut h = open();
    let reg = registry(&mut h);
    h.key(KeyCode::Char('C'));
    insta::assert_snapshot!("certs_expiring_80x24", h.screen(80, 24));
    insta::assert_snapshot!("certs_expiring_120x40", h.screen(120, 40));
    h.key(KeyCode::Tab);
    insta::assert_snapshot!("certs_download_80x24", h.screen(80, 24));
    insta::assert_snapshot!("certs_download_120x40", h.screen(120, 40));
    h.key(KeyCode::Char('n'));
    h.typ("7654321");
    insta::assert_snapshot!("certs_receipt_form_80x24", h.screen(80, 24));
    insta::assert_snapshot!("certs_receipt_form_120x40", h.screen(120, 40));
    h.key(KeyCode::Esc);
    h.key(KeyCode::Tab);
    assert_eq!(
        h.app.screens.certs.cursor.at, 0,
        "a new tab starts at its top"
    );
    let cancelled = h
        .app
        .screens
        .certs
        .visible
        .iter()
        .position(|i| h.app.screens.certs.rows[*i].cert.id == reg.cancelled)
        .unwrap();
    for _ in 0..cancelled {
        h.key(KeyCode::Down);
    }
    let screen = h.screen(80, 24);
    assert!(screen.contains("c) keyCompromise"), "{screen}");
    insta::assert_snapshot!("certs_all_cancelled_80x24", screen);
    insta::assert_snapshot!("certs_all_cancelled_120x40", h.screen(120, 40));
}

#[test]
fn a_persons_card_shows_their_certificate_and_the_renewal_it_needs() {
    let mut h = open();
    let reg = registry(&mut h);
    let c = h.desk.certificate(&reg.installed).unwrap();
    let csv = format!(
        "dni,full_name,email,job_title,unit,dependency,started_on\n{},{},{},Especialista,Oficina de Tecnologías de la Información,Sede central,2024-03-01\n",
        c.dni, c.holder, c.email
    );
    h.desk.import_people(csv.as_bytes(), "beto").unwrap();
    find_person(&mut h, &c.dni);
    let card = h.app.screens.people.card.as_ref().unwrap();
    let d = card.details.as_ref().unwrap();
    assert_eq!(d.certs.len(), 1);
    assert_eq!(d.certs[0].cert.id, reg.installed);
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("Sin ticket de renovación → Reemisión a) (renovación): en Certificados (C), n la registra"),
        "{screen}"
    );
    insta::assert_snapshot!("person_card_certificate_80x24", h.screen(80, 24));
    insta::assert_snapshot!("person_card_certificate_120x40", screen);
}

#[test]
fn the_queue_shows_the_days_left_to_download_for_tickets_whose_certificate_awaits_it() {
    let mut h = open();
    let reg = registry(&mut h);
    let until: chrono::NaiveDate = "2027-01-03".parse().unwrap();
    for id in &reg.approved_second {
        let row = h.app.queue.get(id).unwrap();
        assert_eq!(row.status, Status::Aprobado);
        assert_eq!(row.download_until, Some(until), "{id}");
    }
    for id in &reg.approved_first {
        // Lapsed, installed or cancelled: nothing to count down.
        assert_eq!(h.app.queue.get(id).unwrap().download_until, None, "{id}");
    }
    // An installation of a certificate still awaiting download counts too,
    // and keeps its mark through a move.
    let inst = register_for(&h, &reg.awaiting[0], "instalacion", "");
    h.key(KeyCode::Char('r'));
    assert_eq!(h.app.queue.get(&inst).unwrap().download_until, Some(until));
    h.find(&inst);
    h.key(KeyCode::Char('t'));
    let row = h.app.queue.get(&inst).unwrap();
    assert_eq!(row.status, Status::EnAtencion);
    assert_eq!(row.download_until, Some(until));
    assert!(h.screen(80, 24).contains("↓4d"));
    assert!(h.screen(120, 40).contains("↓ quedan 4 d"));

    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('6'));
    insta::assert_snapshot!("queue_approved_download_80x24", h.screen(80, 24));
    insta::assert_snapshot!("queue_approved_download_120x40", h.screen(120, 40));
}

/// The weekly counts the report screen shows, summed.
fn weekly_total(h: &H) -> usize {
    let lines = h.app.screens.reports.lines.as_ref().unwrap();
    lines
        .iter()
        .skip_while(|l| !l.starts_with("Tickets por semana"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| {
            l.split_whitespace()
                .last()
                .unwrap()
                .parse::<usize>()
                .unwrap()
        })
        .sum()
}

#[test]
fn the_report_screen_gives_mesa_reports_figures_for_a_typed_range() {
    let mut h = open();
    registry(&mut h);
    h.key(KeyCode::Char('I'));
    assert_eq!(h.app.screen, Screen::Reports);
    let all = h.desk.list(&Default::default()).unwrap();
    assert_eq!(weekly_total(&h), all.len(), "the whole registry by default");
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("Informe de la Mesa de Servicio (todo el registro)"),
        "{screen}"
    );
    h.key(KeyCode::End);
    let screen = h.screen(80, 24);
    assert!(screen.contains("hasta la aprobación"), "{screen}");
    // The installed certificate expires on 20/01/2027.
    assert!(screen.contains("  01/2027     1"), "{screen}");

    // A range typed backwards is refused, naming the field; nothing changes.
    h.key(KeyCode::Char('f'));
    h.typ("22/11/2026");
    h.key(KeyCode::Tab);
    h.typ("2026-11-16");
    h.key(KeyCode::Enter);
    assert!(
        h.status_text()
            .starts_with("El rango no cambió. Hasta: debe ser igual o posterior"),
        "{}",
        h.status_text()
    );
    assert_eq!(
        (h.app.screens.reports.from, h.app.screens.reports.to),
        (None, None)
    );
    insta::assert_snapshot!("report_range_refused_80x24", h.screen(80, 24));
    insta::assert_snapshot!("report_range_refused_120x40", h.screen(120, 40));
    h.ctrl('u');
    h.typ("28/11/2026");
    h.key(KeyCode::BackTab);
    h.ctrl('u');
    h.typ("2026-11-16");
    h.key(KeyCode::Enter);
    let (from, to): (chrono::NaiveDate, chrono::NaiveDate) =
        ("2026-11-16".parse().unwrap(), "2026-11-28".parse().unwrap());
    assert_eq!(
        (h.app.screens.reports.from, h.app.screens.reports.to),
        (Some(from), Some(to))
    );
    let tz = h.desk.config.dispatch.timezone;
    let inside = all
        .iter()
        .filter(|t| {
            let day = t.registered_at.with_timezone(&tz).date_naive();
            day >= from && day <= to
        })
        .count();
    assert!(inside > 0 && inside < all.len());
    assert_eq!(weekly_total(&h), inside);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Informe de la Mesa de Servicio del 16/11/2026 al 28/11/2026"),
        "{screen}"
    );
    insta::assert_snapshot!("report_80x24", screen);
    insta::assert_snapshot!("report_120x40", h.screen(120, 40));
}

#[test]
fn the_registry_screens_open_from_any_screen_and_the_help_lists_their_keys() {
    let mut h = open();
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Ticket);
    for (key, screen) in [
        ('M', Screen::Outbox),
        ('P', Screen::People),
        ('C', Screen::Certs),
        ('I', Screen::Reports),
    ] {
        h.key(KeyCode::Char(key));
        assert_eq!(h.app.screen, screen, "{key}");
    }
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::Queue);
    let help: Vec<String> = mesa::tui::views::help::lines(None)
        .iter()
        .map(|l| l.to_string())
        .collect();
    for want in [
        "Bandeja de correo",
        "Reintentar el correo elegido",
        "Editar los datos de la persona",
        "Registrar la renovación que necesita el certificado",
        "Elegir el rango de fechas del informe",
    ] {
        assert!(help.iter().any(|l| l.contains(want)), "{want}: {help:#?}");
    }
}

#[test]
fn the_outbox_on_view_picks_up_new_and_delivered_messages_by_itself() {
    let mut h = open();
    h.key(KeyCode::Char('M'));
    let (pending, _, sent) = counts(&h);
    assert!(pending > 0, "the demo leaves the last days' mail waiting");
    let o = &h.app.screens.outbox;
    assert_eq!(o.count(Tab::All), h.desk.store.outbox().unwrap().len());
    assert_eq!(o.count(Tab::Pending), pending);
    let t = h.first(|t| t.status == Status::EnAtencion);
    h.desk
        .act(
            &t.id,
            Move::Observe,
            "beto",
            &["Firma en tinta negra".into()],
        )
        .unwrap();
    // The clock ticks each second; a couple of ticks re-read what is pending.
    for _ in 0..2 {
        h.send(mesa::tui::action::Action::Tick(now()));
    }
    assert_eq!(h.app.screens.outbox.count(Tab::Pending), pending + 1);
    let server = SmtpServer::start();
    deliver(&h, &server);
    for _ in 0..2 {
        h.send(mesa::tui::action::Action::Tick(now()));
    }
    let o = &h.app.screens.outbox;
    assert_eq!(
        (o.count(Tab::Pending), o.count(Tab::Sent)),
        (0, sent + pending + 1)
    );
}
