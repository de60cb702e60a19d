//! The console's registry screens without a terminal: the outbox, people,
//! certificates and reports. Keys in, state and store out; snapshots of
//! every screen at 80×24 and 120×40. The mail and the certificates a
//! screen shows are made through the real desk (moves, a real SMTP server
//! on 127.0.0.1, RENIEC's batch and answer), never written by hand.

mod console_harness;
mod support;

use crossterm::event::KeyCode;

use console_harness::{H, now, open};
use mesa::domain::{Move, Status, Ticket};
use mesa::mail::{MailSettings, Transport, sender};
use mesa::store::outbox::OutboxStatus;
use mesa::tui::app::Screen;
use mesa::tui::outbox::Tab;
use support::SmtpServer;

fn passes_checks(t: &Ticket) -> bool {
    let today = "2026-11-23".parse().unwrap();
    t.failed_problems(today, &Default::default()).is_empty()
}

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

/// Two tickets scheduled (one email each), the first one's recipient
/// refused by the server with a 5xx: one failed, one sent. Returns the
/// failed recipient's address.
fn mail_one_failed_one_sent(h: &mut H) -> String {
    let ready: Vec<Ticket> = h
        .desk
        .list(&Default::default())
        .unwrap()
        .into_iter()
        .filter(|t| {
            matches!(t.status, Status::Nuevo | Status::EnAtencion)
                && t.kind.is_batched()
                && passes_checks(t)
                && t.applicants.len() == 1
        })
        .take(2)
        .collect();
    assert_eq!(ready.len(), 2, "the demo has two tickets ready to schedule");
    for t in &ready {
        if t.status == Status::Nuevo {
            h.desk.act(&t.id, Move::Take, "beto", &[]).unwrap();
        }
        let (_, queued) = h
            .desk
            .act_and_notify(&t.id, Move::Schedule, "beto", &[])
            .unwrap();
        assert_eq!(queued.len(), 1);
    }
    let refused = ready[0].applicants[0].email.clone();
    let server = SmtpServer::start();
    server.refuse_recipients_containing(Some(&refused));
    deliver(h, &server);
    assert_eq!(server.messages().len(), 1, "the other one was accepted");
    refused
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
    let refused = mail_one_failed_one_sent(&mut h);
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
        (0, 1, 1)
    );
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
    assert_eq!((o.count(Tab::Pending), o.count(Tab::Failed)), (1, 0));

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
    use console_harness::tmux::{MESA, Tmux};
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let waiting = {
        let desk = mesa::desk::Desk::new(
            mesa::store::Store::open(&store).unwrap(),
            mesa::config::Config::default(),
            mesa::clock::Clock::Fixed(now()),
        );
        mesa::demo::generate(&desk, 60, 1).unwrap();
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
                "beto",
                &["Firma en tinta negra".into()],
            )
            .unwrap();
        assert_eq!(queued.len(), 1);
        t.applicants[0].email.clone()
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
    tmux.type_text(&format!("'{MESA}'"));
    tmux.key("Enter");
    tmux.wait_for("Próximo envío a RENIEC");
    // Nobody asks for it: the console's sender delivers what was waiting.
    let start = std::time::Instant::now();
    while server.messages().is_empty() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(30),
            "the console did not deliver the waiting message"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(server.messages()[0].to, [waiting]);
    tmux.key("M");
    let screen = tmux.wait_for("Enviados 1");
    assert!(screen.contains("SMTP 127.0.0.1"), "{screen}");
    tmux.key("q");
    tmux.wait_for_shell();
}

/// Three people of the demo's tickets in the directory, through the
/// people import; returns their DNIs.
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
    h.desk.import_people(csv.as_bytes()).unwrap();
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
    assert_eq!(h.app.screens.people.visible.len(), 3);
    h.key(KeyCode::Char('/'));
    // Incremental, accents and case ignored: the folded first name and
    // surname of the person.
    let words: Vec<&str> = name.split_whitespace().take(2).collect();
    h.typ(&mesa::domain::query::fold(&words.join(" ")).to_uppercase());
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
