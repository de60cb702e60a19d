//! The console's first frame after a sign-in (ratatui `TestBackend`, real
//! sled store): drawn from the first page read while the sign-in was on
//! screen, with the stored counts, before the whole queue has loaded; and
//! the sign-in neither decodes ticket records nor walks the record tree.
//! One test in this file: the counters are per process.

mod console_harness;

use console_harness::now;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mesa::clock::Clock;
use mesa::config::Config;
use mesa::desk::Desk;
use mesa::store::Store;
use mesa::tui::action::Action;
use mesa::tui::app::{App, Effect, Screen, update};
use mesa::tui::{effects, views};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Runs effects as the console would, except the whole-queue load, which
/// is held back (returned) as if still under way.
fn run_holding_queue(desk: &Desk, app: &mut App, mut todo: Vec<Effect>) -> Vec<Effect> {
    let mut held = Vec::new();
    while let Some(e) = todo.pop() {
        if matches!(e, Effect::LoadQueue) {
            held.push(e);
            continue;
        }
        let actor = app.actor.clone();
        let result = effects::run(desk, &actor, e);
        todo.extend(update(app, result));
    }
    held
}

fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| views::draw(app, f)).unwrap();
    t.backend().to_string()
}

#[test]
fn the_first_frame_after_the_sign_in_has_rows_and_counts_before_the_queue_loads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let total = {
        let mut desk = Desk::new(
            Store::open(&path).unwrap(),
            Config::default(),
            Clock::Fixed(now()),
        );
        mesa::demo::generate(&mut desk, 300, 7).unwrap();
        desk.store.status_counts().unwrap().iter().sum::<u64>()
    };
    assert_eq!(total, 300);

    // As `mesa` starts: the store opened, the sign-in on screen (name given
    // by --as / MESA_ANALYST), the first page read behind it.
    let desk = Desk::new(
        Store::open(&path).unwrap(),
        Config::default(),
        Clock::Fixed(now()),
    );
    let (decoded, walks) = (mesa::store::records_decoded(), mesa::store::full_walks());
    let mut app = App::login(
        desk.now(),
        desk.config.dispatch.clone(),
        desk.config.validation.clone(),
        false,
        mesa::demo::SUPERVISOR,
    );
    app.color = false;
    update(&mut app, Action::QueueLoaded(effects::first_page(&desk)));
    let start = app.start();
    let held = run_holding_queue(&desk, &mut app, start);
    assert!(held.is_empty());
    assert_eq!(app.screen, Screen::Login);

    // The password typed, Enter: the desk signs in; the whole queue is
    // asked for and held back, as if it were still being read.
    let mut todo = Vec::new();
    for c in mesa::demo::PASSWORD.chars() {
        todo.extend(update(
            &mut app,
            Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        ));
    }
    todo.extend(update(
        &mut app,
        Action::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    ));
    let held = run_holding_queue(&desk, &mut app, todo);
    assert_eq!(app.screen, Screen::Queue, "{:?}", app.login);
    assert_eq!(
        held.len(),
        1,
        "the whole queue is asked for after the sign-in"
    );

    // Nothing on the way decoded a ticket record or walked every key.
    assert_eq!(mesa::store::records_decoded() - decoded, 0);
    assert_eq!(mesa::store::full_walks() - walks, 0);

    // The first frame: the oldest open tickets are on screen (where the
    // queue opens), the counts are the stored ones, and the title says the
    // rest is still loading.
    let first = desk
        .store
        .queue_rows()
        .map(Result::unwrap)
        .find(|r| !r.status.is_final())
        .unwrap();
    let frame = screen(&app);
    assert!(frame.contains(&first.id), "{frame}");
    assert!(!app.queue.visible.is_empty());
    assert!(
        frame.contains(mesa::strings::speed::loading_rest()),
        "{frame}"
    );
    assert!(frame.contains(&format!("Todos {total}")), "{frame}");

    // The whole queue arrives: the same first rows, the loading note gone.
    for e in held {
        let actor = app.actor.clone();
        let result = effects::run(&desk, &actor, e);
        update(&mut app, result);
    }
    let frame = screen(&app);
    assert!(frame.contains(&first.id), "{frame}");
    assert!(
        !frame.contains(mesa::strings::speed::loading_rest()),
        "{frame}"
    );
    assert_eq!(app.queue.len(), 300);
}
