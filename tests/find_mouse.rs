//! The mouse on the registry's list screens, as on the queue: a click on a
//! tab shows it, a click on a row chooses it, the wheel scrolls.

mod console_harness;

use console_harness::{H, open};
use crossterm::event::KeyCode;
use mesa::tui::action::Action;
use mesa::tui::app::Screen;
use mesa::tui::{certs, outbox};

fn column_of(h: &H, line: usize, text: &str) -> u16 {
    let screen = h.screen(120, 40);
    let l = screen
        .lines()
        .nth(line)
        .unwrap()
        .trim_start_matches('"')
        .to_string();
    let byte = l
        .find(text)
        .unwrap_or_else(|| panic!("«{text}» on line {line}:\n{screen}"));
    l[..byte].chars().count() as u16
}

#[test]
fn a_click_on_a_tab_shows_it_and_on_a_row_chooses_it() {
    let mut h = open();
    h.send(Action::Resize(120, 40));
    h.key(KeyCode::Char('C'));
    assert_eq!(h.app.screen, Screen::Certs);
    assert_eq!(h.app.screens.certs.tab, certs::Tab::Expiring);
    let all = mesa::strings::screens::certs_tab(certs::Tab::All);
    let x = column_of(&h, 1, all);
    h.send(Action::Click {
        column: x + 1,
        row: 1,
    });
    assert_eq!(h.app.screens.certs.tab, certs::Tab::All);
    assert!(h.app.screens.certs.rows.len() > 3);
    // Title, tabs, header: the screen's line 5 is the third row.
    h.send(Action::Click { column: 10, row: 5 });
    assert_eq!(h.app.screens.certs.cursor.at, 2);
    h.send(Action::Scroll(3));
    assert_eq!(h.app.screens.certs.cursor.at, 5, "the wheel scrolls");

    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('M'));
    assert_eq!(h.app.screen, Screen::Outbox);
    let sent = mesa::strings::screens::outbox_tab(outbox::Tab::All);
    let x = column_of(&h, 1, sent);
    h.send(Action::Click { column: x, row: 1 });
    assert_eq!(h.app.screens.outbox.tab, outbox::Tab::All);
    let rows = h.app.screens.outbox.current().is_some();
    if rows {
        h.send(Action::Click { column: 10, row: 4 });
        assert_eq!(h.app.screens.outbox.cursor.at, 1);
        let chosen = h.app.screens.outbox.current().unwrap().ticket.clone();
        let screen = h.screen(120, 40);
        assert!(screen.lines().nth(4).unwrap().contains(&chosen), "{screen}");
    }
}

#[test]
fn a_click_past_the_last_row_leaves_the_cursor() {
    let mut h = open();
    h.send(Action::Resize(120, 40));
    h.key(KeyCode::Char('P'));
    assert_eq!(h.app.screen, Screen::People);
    let n = h.app.screens.people.visible.len();
    assert!(n > 3);
    h.send(Action::Click { column: 10, row: 4 });
    assert_eq!(h.app.screens.people.cursor.at, 1);
    if n < 30 {
        h.send(Action::Click {
            column: 10,
            row: 3 + n as u16 + 2,
        });
        assert_eq!(h.app.screens.people.cursor.at, 1);
    }
}
