//! A new desk's queue says how to get the first tickets, not «nothing
//! matches»; a filter that hides every ticket of a full store still says
//! how to clear it.

mod console_harness;

use console_harness::{H, now};
use crossterm::event::KeyCode;
use mesa::clock::Clock;
use mesa::config::Config;
use mesa::desk::Desk;
use mesa::store::Store;
use mesa::tui::app::App;

#[test]
fn an_empty_store_explains_how_to_begin() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("store")).unwrap();
    let desk = Desk::new(store, Config::default(), Clock::Fixed(now()));
    desk.init_supervisor_with_password("ana", mesa::demo::PASSWORD)
        .unwrap();
    let mut app = App::new(
        desk.now(),
        desk.config.dispatch.clone(),
        desk.config.validation.clone(),
        "ana",
    );
    app.color = false;
    let start = app.start();
    let mut h = H {
        _dir: dir,
        desk,
        app,
    };
    h.run(start);
    for (w, ht) in [(120, 40), (80, 24)] {
        let screen = h.screen(w, ht);
        assert!(screen.contains("todavía no tiene tickets"), "{screen}");
        assert!(screen.contains("mesa import"), "{screen}");
        assert!(screen.contains("mesa demo"), "{screen}");
        assert!(!screen.contains("coincidan"), "{screen}");
    }
}

#[test]
fn a_filter_hiding_every_ticket_still_says_how_to_clear_it() {
    let mut h = console_harness::open();
    h.key(KeyCode::Char('/'));
    h.typ("zzzz-nadie");
    let screen = h.screen(120, 40);
    assert!(screen.contains("Esc limpia los filtros"), "{screen}");
    assert!(!screen.contains("todavía no tiene tickets"), "{screen}");
}
