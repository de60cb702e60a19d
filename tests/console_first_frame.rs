//! The console's first frame: drawn from the store's first queue rows and
//! stored counts before the whole queue is read, it shows what the whole
//! queue then shows.

mod console_harness;

use console_harness::{H, now};
use mesa::clock::Clock;
use mesa::config::Config;
use mesa::desk::Desk;
use mesa::store::Store;
use mesa::tui::action::Action;
use mesa::tui::app::{App, update};
use mesa::tui::effects;

/// More tickets than the first page holds, so the page is really partial.
const TICKETS: u64 = 450;

fn opened(tickets: u64) -> (H, Vec<mesa::tui::app::Effect>) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("store")).unwrap();
    let mut desk = Desk::new(store, Config::default(), Clock::Fixed(now()));
    mesa::demo::generate(&mut desk, tickets, 3).unwrap();
    let mut app = App::new(
        desk.now(),
        desk.config.dispatch.clone(),
        desk.config.validation.clone(),
        "beto",
    );
    app.color = false;
    // As `tui::run` does: the first page, then the loads.
    update(
        &mut app,
        Action::QueueLoaded(Ok(effects::first_page(&desk).unwrap())),
    );
    let start = app.start();
    (
        H {
            _dir: dir,
            desk,
            app,
        },
        start,
    )
}

/// Every line but the footer (which says background work is under way).
fn without_footer(screen: &str) -> Vec<String> {
    let lines: Vec<String> = screen.lines().map(String::from).collect();
    lines[..lines.len() - 1].to_vec()
}

#[test]
fn the_first_frame_shows_the_rows_and_counts_of_the_whole_queue() {
    let (mut h, start) = opened(TICKETS);
    assert!(h.app.loading && h.app.queue.is_partial());
    assert_eq!(h.app.queue.len(), TICKETS as usize);
    let first = [(80, 24), (120, 40), (120, 70)].map(|(w, ht)| h.screen(w, ht));
    assert!(first[0].contains("T-20"), "rows are drawn:\n{}", first[0]);
    insta::assert_snapshot!("first_frame_80x24", first[0]);
    insta::assert_snapshot!("first_frame_120x40", first[1]);

    h.run(start);
    assert!(!h.app.loading && !h.app.queue.is_partial());
    let stored: Vec<mesa::domain::Ticket> = h.desk.list(&Default::default()).unwrap();
    assert_eq!(h.app.queue.len(), stored.len());
    // The first frame says the rest is loading (whole or short, never
    // cut); once loaded, it is the same screen without that note.
    let notes = [
        format!(" · {}", mesa::strings::speed::loading_rest()),
        format!(" · {}", mesa::strings::speed::loading_short()),
    ];
    assert!(first[1].contains(&notes[0]), "{}", first[1]);
    assert!(first[0].contains(&notes[1]), "{}", first[0]);
    for (before, (w, ht)) in first.iter().zip([(80, 24), (120, 40), (120, 70)]) {
        let after = h.screen(w, ht);
        assert!(
            notes.iter().all(|n| !after.contains(n.as_str())),
            "{w}x{ht}: loaded, no note"
        );
        let (b, a) = (without_footer(before), without_footer(&after));
        // Below the title line, the very same screen.
        assert_eq!(b[1..], a[1..], "{w}x{ht}");
        let title = |l: &str| {
            notes
                .iter()
                .fold(l.to_string(), |l, n| l.replace(n.as_str(), ""))
                .replace([' ', '"'], "")
        };
        assert_eq!(title(&b[0]), title(&a[0]), "{w}x{ht}");
    }
    // The counts are the records' own.
    for s in mesa::domain::Status::ALL {
        let n = stored.iter().filter(|t| t.status == s).count();
        assert_eq!(h.app.queue.count(s), n, "{s:?}");
    }
}

#[test]
fn keys_pressed_before_the_queue_is_read_apply_once_it_is() {
    let (mut h, start) = opened(TICKETS);
    let first_id = h.app.queue.visible_row(0).unwrap().id;
    h.key(crossterm::event::KeyCode::Char('2'));
    assert!(
        h.screen(80, 24).contains("Cargando"),
        "a filtered view waits for the whole queue"
    );
    h.run(start);
    let en_atencion = h.desk.list(&mesa::domain::Query {
        statuses: vec![mesa::domain::Status::EnAtencion],
        ..Default::default()
    });
    let want: Vec<String> = en_atencion.unwrap().into_iter().map(|t| t.id).collect();
    assert_eq!(h.visible_ids(), want);
    h.key(crossterm::event::KeyCode::Char('0'));
    // The first page starts at the oldest open ticket, where the queue opens.
    let all: Vec<mesa::domain::Ticket> = h.desk.list(&Default::default()).unwrap();
    let first_open = all.iter().find(|t| !t.status.is_final()).unwrap();
    assert_eq!(first_id, first_open.id);
    assert_eq!(
        h.visible_ids(),
        all.iter().map(|t| t.id.clone()).collect::<Vec<_>>()
    );
}

#[test]
fn an_empty_store_opens_on_an_empty_queue() {
    let (mut h, start) = opened(0);
    h.run(start);
    assert_eq!(h.app.queue.len(), 0);
    assert!(!h.screen(80, 24).contains("Cargando"));
}
