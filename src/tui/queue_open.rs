//! Where the queue opens: on the oldest ticket still open (arrival order),
//! at the top of the screen, not on the oldest closed ones. Closed tickets
//! before it stay one ↑ or Inicio away.

use super::app::App;
use crate::domain::Status;

/// Puts the cursor on the first visible open ticket, drawn on the table's
/// first line; with none open, on the first row.
pub fn open_on_first_open(app: &mut App) {
    let q = &app.queue;
    let first = q
        .visible
        .iter()
        .position(|i| q.status_of(*i).is_some_and(|s| !s.is_final()))
        .unwrap_or(0);
    app.cursor = first;
    app.offset = first;
    app.clamp();
}

/// Where the screen is in the list: the first row drawn, the cursor's row
/// and how many rows there are. The first page counts the closed rows it
/// skipped and the whole queue, so its frame reads as the loaded one.
pub fn place(app: &App) -> (usize, usize, usize) {
    let q = &app.queue;
    if q.is_partial() {
        (q.skipped + app.offset, q.skipped + app.cursor, q.total)
    } else {
        (app.offset, app.cursor, q.visible.len())
    }
}

/// Shows a status tab (`None`: every status). The row under the cursor
/// stays under it when the tab holds it; otherwise the tab opens as the
/// queue does, on its first open ticket.
pub fn switch_tab(app: &mut App, status: Option<Status>) {
    let keep = app.queue.visible.get(app.cursor).copied();
    app.filters.status = status;
    app.refilter();
    if keep.is_none_or(|row| !app.queue.visible.contains(&row)) {
        open_on_first_open(app);
    }
}
