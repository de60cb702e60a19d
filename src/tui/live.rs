//! Live consoles on the shared store: what other analysts commit reaches
//! this console as it happens (the store's `watch`, LISTEN/NOTIFY
//! underneath), and the rows, counts and an open ticket follow. A lost
//! database is said on the status line; once it is back, the whole queue is
//! read again (notifications sent meanwhile are not replayed).

use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;

use super::action::Action;
use super::app::{App, Effect, Screen};
use crate::desk::Desk;
use crate::domain::QueueRow;
use crate::strings::shared as s;

/// Starts forwarding the store's changes to the console (nothing on the
/// embedded store: no other process can change it).
pub fn start(desk: &Arc<Desk>, tx: &UnboundedSender<Action>) {
    let Some((changes, reachable)) = desk.store.watch() else {
        return;
    };
    let (d, t) = (desk.clone(), tx.clone());
    std::thread::spawn(move || {
        while let Ok(change) = changes.recv() {
            let rows = change.map(|ids| {
                ids.iter()
                    .filter_map(|id| d.store.ticket(id).ok().flatten())
                    .map(|t| QueueRow::of(&t))
                    .collect()
            });
            if t.send(Action::Changed(rows)).is_err() {
                return;
            }
        }
    });
    let t = tx.clone();
    std::thread::spawn(move || {
        while let Ok(up) = reachable.recv() {
            if t.send(Action::Reachable(up)).is_err() {
                return;
            }
        }
    });
}

/// Rows another process changed (or `None`: read the whole queue again).
pub fn changed(app: &mut App, rows: Option<Vec<QueueRow>>) -> Vec<Effect> {
    // Everything, or a change that may have missed the full read under
    // way: the whole queue again.
    let mut effects = batch_again(app);
    let Some(rows) = rows.filter(|_| !app.loading) else {
        app.busy += 1;
        effects.push(Effect::LoadQueue);
        return effects;
    };
    for mut row in rows {
        // A move does not change the certificate's window.
        row.download_until = app.queue.get(&row.id).and_then(|r| r.download_until);
        let id = row.id.clone();
        app.queue.upsert(row, &app.filters);
        let showing =
            app.screen == Screen::Ticket && app.detail.as_ref().is_some_and(|d| d.id == id);
        if showing {
            app.busy += 1;
            effects.push(Effect::LoadTicket(id));
        }
    }
    app.refilter();
    effects
}

/// The batch screen, when open, reads its board again: other consoles'
/// moves change which tickets each dispatch holds and what blocks sealing.
fn batch_again(app: &mut App) -> Vec<Effect> {
    if app.screen != Screen::Batch {
        return Vec::new();
    }
    app.busy += 1;
    vec![Effect::Batch(super::batch::BatchEffect::Load)]
}

/// The shared database was lost, or is back.
pub fn reachable(app: &mut App, up: bool) -> Vec<Effect> {
    // The store says "up" only after it said "down".
    if up {
        app.info(s::live_back().to_string());
    } else {
        app.error(s::live_lost().to_string());
    }
    Vec::new()
}
