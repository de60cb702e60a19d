//! Where the queue opens and how it says where the analyst is: on the
//! oldest open ticket (not the oldest closed ones), a closed ticket's
//! «Espera» empty, «N de M» with a Spanish thousands separator, and a
//! scrollbar beside the rows.

mod console_harness;

use console_harness::{H, now};
use crossterm::event::KeyCode;
use mesa::clock::Clock;
use mesa::config::Config;
use mesa::desk::Desk;
use mesa::domain::Ticket;
use mesa::store::Store;
use mesa::tui::action::Action;
use mesa::tui::app::{App, update};
use mesa::tui::effects;

/// A demo store of `tickets`, opened as `tui::run` does (first page, then
/// the whole queue).
fn opened(tickets: u64) -> H {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("store")).unwrap();
    let mut desk = Desk::new(store, Config::default(), Clock::Fixed(now()));
    mesa::demo::generate(&mut desk, tickets, 1).unwrap();
    let mut app = App::new(
        desk.now(),
        desk.config.dispatch.clone(),
        desk.config.validation.clone(),
        "beto",
    );
    app.color = false;
    update(
        &mut app,
        Action::QueueLoaded(Ok(effects::first_page(&desk).unwrap())),
    );
    let start = app.start();
    let mut h = H {
        _dir: dir,
        desk,
        app,
    };
    h.run(start);
    h
}

fn all(h: &H) -> Vec<Ticket> {
    h.desk.list(&Default::default()).unwrap()
}

/// The table's data lines (below the title, tabs and header).
fn row_line<'a>(screen: &'a str, id: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(id))
        .unwrap_or_else(|| panic!("{id} on screen:\n{screen}"))
}

#[test]
fn the_queue_opens_on_the_oldest_open_ticket_at_the_top_of_the_table() {
    let h = opened(6_000);
    let tickets = all(&h);
    let first_open = tickets.iter().position(|t| !t.status.is_final()).unwrap();
    assert!(
        first_open > 0,
        "the demo's oldest tickets are closed, or this proves nothing"
    );
    let cursor = h.app.current_row().unwrap();
    assert_eq!(cursor.id, tickets[first_open].id);
    let screen = h.screen(120, 40);
    // The first data line of the table is that ticket: no closed ones
    // fill the screen above it.
    let lines: Vec<&str> = screen.lines().collect();
    let header = lines
        .iter()
        .position(|l| l.contains("Solicitante"))
        .unwrap();
    assert!(
        lines[header + 1].contains(&cursor.id),
        "the oldest open ticket tops the table:\n{screen}"
    );
    // Where the analyst is, in Spanish numbers.
    let n = tickets.len();
    let want = format!("{} de {}.{:03}", first_open + 1, n / 1000, n % 1000);
    let above = lines[..header].join("\n");
    assert!(above.contains(&want), "«{want}» above the table:\n{above}");
    // Closed tickets are one ↑ away.
    let mut h = h;
    h.key(KeyCode::Up);
    assert_eq!(h.app.current_row().unwrap().id, tickets[first_open - 1].id);
    let screen = h.screen(120, 40);
    assert!(
        screen.contains(&format!(" {first_open} de {}.", n / 1000)),
        "{screen}"
    );
}

#[test]
fn the_first_frame_already_opens_where_the_loaded_queue_does() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("store")).unwrap();
    let mut desk = Desk::new(store, Config::default(), Clock::Fixed(now()));
    mesa::demo::generate(&mut desk, 6_000, 1).unwrap();
    let page = effects::first_page(&desk).unwrap();
    assert!(page.is_partial());
    let tickets = desk.list(&Default::default()).unwrap();
    let first_open = tickets.iter().find(|t| !t.status.is_final()).unwrap();
    assert_eq!(page.row(0).id, first_open.id);
}

#[test]
fn a_closed_ticket_no_longer_waits() {
    let mut h = opened(6_000);
    let tickets = all(&h);
    let first_open = tickets.iter().position(|t| !t.status.is_final()).unwrap();
    let closed = &tickets[first_open - 1];
    let open = &tickets[first_open];
    h.key(KeyCode::Up);
    let screen = h.screen(120, 40);
    let header = screen.lines().find(|l| l.contains("Solicitante")).unwrap();
    let espera = header.find("Espera").expect("Espera column at 120 wide");
    let cell = |line: &str| -> String {
        line.chars()
            .skip(header[..espera].chars().count())
            .take(6)
            .collect::<String>()
            .trim()
            .to_string()
    };
    assert_eq!(cell(row_line(&screen, &closed.id)), "", "{screen}");
    assert!(
        cell(row_line(&screen, &open.id)).ends_with(" d"),
        "an open ticket still counts its wait:\n{screen}"
    );
}

#[test]
fn a_scrollbar_shows_when_the_rows_do_not_fit_and_moves_with_them() {
    let mut h = opened(6_000);
    let thumb = |h: &H| -> Vec<usize> {
        let screen = h.screen(120, 40);
        screen
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim_end_matches('"').ends_with('█'))
            .map(|(n, _)| n)
            .collect()
    };
    let middle = thumb(&h);
    assert!(!middle.is_empty(), "{}", h.screen(120, 40));
    h.key(KeyCode::Home);
    let top = thumb(&h);
    h.key(KeyCode::End);
    let bottom = thumb(&h);
    assert!(top[0] < middle[0] || middle[0] < bottom[0]);
    assert!(top[0] < bottom[0], "{top:?} {bottom:?}");
    // Few rows: no scrollbar.
    h.key(KeyCode::Char('/'));
    h.typ(&all(&h)[0].id.clone());
    h.key(KeyCode::Enter);
    assert!(thumb(&h).is_empty(), "{}", h.screen(120, 40));
}
