//! The registry's list screens with tabs (certificates, outbox): the rows
//! under the chosen tab, a cursor, and the same keys on each. Written once
//! here; each screen says how its rows are chosen and ordered.

use super::action::Command;
use super::app::{App, Effect, Screen};
use super::screens::{Cursor, cycle};

/// A list screen with tabs.
pub trait TabbedList {
    type Tab: Copy + PartialEq + 'static;
    const TABS: &'static [Self::Tab];
    /// The tab, the cursor and the rows shown (positions in the screen's
    /// own list, in the tab's order).
    fn parts(&mut self) -> (&mut Self::Tab, &mut Cursor, &mut Vec<usize>);
    /// Recomputes the rows under the tab, keeping the chosen one.
    fn refresh_view(&mut self, page: usize);
}

/// Movement, tabs, back to the queue and reload: the keys every tabbed
/// list answers the same way. `reload` asks for a fresh read.
pub fn command<L: TabbedList>(
    app: &mut App,
    c: Command,
    page: usize,
    list: fn(&mut App) -> &mut L,
    reload: fn(&mut App) -> Vec<Effect>,
) -> Vec<Effect> {
    let o = list(app);
    let (tab, cursor, shown) = o.parts();
    if let Some(delta) = Cursor::step(c, page) {
        *cursor = cursor.moved(delta, shown.len(), page);
    } else if matches!(c, Command::NextTab | Command::PrevTab) {
        // Another tab starts at its top, keeping nothing of the one before.
        *tab = cycle(L::TABS, *tab, c == Command::NextTab);
        *cursor = Cursor::default();
        shown.clear();
        o.refresh_view(page);
    } else {
        match c {
            Command::Back => app.screen = Screen::Queue,
            Command::Reload => return reload(app),
            _ => {}
        }
    }
    Vec::new()
}

/// The wheel or the page keys: `n` rows down (up if negative).
pub fn scroll<L: TabbedList>(app: &mut App, n: i64, page: usize, list: fn(&mut App) -> &mut L) {
    let (_, cursor, shown) = list(app).parts();
    *cursor = cursor.moved(n, shown.len(), page);
}

/// After the rows changed: the cursor on the row that was chosen (`found`,
/// its new position, if it is still shown), within the `len` rows.
pub fn keep(cursor: &mut Cursor, found: Option<usize>, len: usize, page: usize) {
    if let Some(pos) = found {
        cursor.at = pos;
    }
    *cursor = cursor.clamped(len, page);
}
