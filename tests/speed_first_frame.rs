//! The analyst's path, as fast as it is honest: after the sign-in the first
//! queue frame has rows and the stored counts (read while the sign-in was on
//! screen), never an empty queue that reads as an empty store; and neither
//! the sign-in nor a DNI or free-text listing decodes the whole store.
//! One test: the records-decoded counter is per process.

use chrono::{DateTime, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use mesa::clock::Clock;
use mesa::config::Config;
use mesa::desk::Desk;
use mesa::domain::{Query, Status};
use mesa::store::{Store, records_decoded};
use mesa::tui::action::Action;
use mesa::tui::app::{App, update};
use mesa::tui::effects::{FIRST_PAGE, first_page};
use mesa::tui::login::{LoginEffect, SignInOutcome};
use mesa::tui::{login_effects, views};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T09:00:00-05:00")
        .unwrap()
        .with_timezone(&Utc)
}

fn screen(app: &App) -> String {
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    term.draw(|f| views::draw(app, f)).unwrap();
    let buf = term.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

#[test]
fn sign_in_shows_the_first_page_at_once_and_no_path_walks_every_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::new(
        Store::open(&dir.path().join("store")).unwrap(),
        Config::default(),
        Clock::Fixed(now()),
    );
    let total = 3 * FIRST_PAGE as u64;
    mesa::demo::generate(&mut desk, total, 7).unwrap();

    // The console at its sign-in; the first page is read behind it.
    let mut app = App::login(
        desk.now(),
        desk.config.dispatch.clone(),
        desk.config.validation.clone(),
        false,
        mesa::demo::SUPERVISOR,
    );
    app.color = false;
    let before = records_decoded();
    let page = first_page(&desk).unwrap();
    assert_eq!(
        records_decoded(),
        before,
        "the first page is read from the queue rows"
    );
    update(&mut app, Action::QueueLoaded(Ok(page)));

    // The real sign-in, password and audit entry included.
    let before = records_decoded();
    let outcome = login_effects::run(
        &desk,
        LoginEffect::SignIn {
            name: mesa::demo::SUPERVISOR.into(),
            password: mesa::demo::PASSWORD.into(),
        },
    );
    assert!(matches!(outcome, SignInOutcome::In(_)), "{outcome:?}");
    assert!(
        records_decoded() - before < 5,
        "the sign-in decoded {} records of {total}",
        records_decoded() - before
    );
    // The full load it asks for has not finished: the frame drawn now is
    // the one the analyst sees first.
    let _effects = update(&mut app, Action::SignedIn(outcome));
    let first = screen(&app);
    let shown_rows = app.queue.visible.len();
    assert!(
        shown_rows > 0 && shown_rows <= FIRST_PAGE,
        "{shown_rows} rows"
    );
    // The queue opens on its oldest open ticket.
    let oldest = desk.find_ids(&Query::default()).unwrap();
    let oldest_open = desk
        .find_rows(&Query::default())
        .unwrap()
        .into_iter()
        .find(|r| !r.status.is_final())
        .unwrap();
    assert!(
        first.contains(&oldest_open.id),
        "the first open ticket is on screen:\n{first}"
    );
    assert!(first.contains("cargando el resto de la cola"), "{first}");
    // The counts are the stored ones, not the page's.
    let open = desk
        .list(&Query {
            statuses: vec![Status::Nuevo],
            ..Default::default()
        })
        .unwrap()
        .len();
    assert_eq!(app.queue.count(Status::Nuevo), open);
    let sum: usize = Status::ALL.iter().map(|s| app.queue.count(*s)).sum();
    assert_eq!(sum as u64, total);

    // A DNI: the index, a handful of records.
    let some = desk.ticket(&oldest[total as usize / 2]).unwrap();
    let dni = some.applicants[0].dni.clone();
    let before = records_decoded();
    let by_dni = desk
        .list(&Query {
            text: dni.clone(),
            ..Default::default()
        })
        .unwrap();
    assert!(by_dni.iter().any(|t| t.id == some.id));
    assert!(records_decoded() - before <= 2 * by_dni.len() as u64 + 2);
    // The same answer as reading everything.
    let everything: Vec<String> = desk
        .list(&Query::default())
        .unwrap()
        .into_iter()
        .filter(|t| t.applicants.iter().any(|a| a.dni == dni))
        .map(|t| t.id)
        .collect();
    assert_eq!(
        by_dni.iter().map(|t| t.id.clone()).collect::<Vec<_>>(),
        everything
    );

    // Free words: found in the queue rows, nothing decoded; listing them
    // decodes only the matches.
    let name_word = some.applicants[0]
        .full_name
        .split_whitespace()
        .last()
        .unwrap()
        .to_string();
    let q = Query {
        text: name_word,
        ..Default::default()
    };
    let before = records_decoded();
    let ids = desk.find_ids(&q).unwrap();
    assert_eq!(records_decoded(), before, "rows answer free words");
    assert!(ids.contains(&some.id));
    let before = records_decoded();
    let listed = desk.list(&q).unwrap();
    assert_eq!(records_decoded() - before, listed.len() as u64);
    assert_eq!(listed.iter().map(|t| t.id.clone()).collect::<Vec<_>>(), ids);
}
