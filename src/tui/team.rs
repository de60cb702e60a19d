//! The team in the console: the next free ticket (`N`) and the owner
//! filter (`m`: every ticket, «míos», «libres»).

use super::action::Action;
use super::app::{App, Effect, run_effect};
use super::queue_index::OwnerFilter;
use crate::desk::Desk;
use crate::domain::Move;
use crate::strings::team as s;

pub(super) fn take_next(app: &mut App) -> Vec<Effect> {
    app.info(crate::strings::tui::working(Move::Take, 1));
    run_effect(app, Effect::TakeNext)
}

/// Runs on the effect thread: the desk takes the oldest free ticket.
pub fn run_next(desk: &Desk, actor: &str) -> Action {
    let outcomes = match desk.take_next(actor) {
        Ok(Some(t)) => vec![(t.id.clone(), Ok(t))],
        Ok(None) => vec![(String::new(), Err(s::none_free().to_string()))],
        Err(e) => vec![(String::new(), Err(e.to_string()))],
    };
    tracing::info!(ok = outcomes.iter().all(|(_, r)| r.is_ok()), "take next");
    Action::Acted {
        action: Move::Take,
        outcomes,
    }
}

/// Every ticket → «míos» → «libres» → every ticket.
pub(super) fn cycle_owner(app: &mut App) {
    app.filters.owner = match app.filters.owner {
        None => Some(OwnerFilter::Mine(app.actor.clone())),
        Some(OwnerFilter::Mine(_)) => Some(OwnerFilter::Free),
        Some(OwnerFilter::Free) => None,
    };
    app.refilter();
    app.info(s::owner_filter_set(label(app)));
}

/// The owner filter's word for the title and status line.
pub fn label(app: &App) -> &'static str {
    s::owner_filter(match &app.filters.owner {
        None => None,
        Some(OwnerFilter::Mine(_)) => Some(true),
        Some(OwnerFilter::Free) => Some(false),
    })
}

/// A move on the open ticket carries the version shown (see
/// `domain::team`): if it changed since, the desk refuses it.
pub(super) fn mark_seen(app: &App, e: &mut Effect) {
    if let Effect::Act { ids, seen, .. } = e
        && let [id] = ids.as_slice()
        && app.screen == super::app::Screen::Ticket
        && let Some(d) = &app.detail
        && d.id == *id
        && let Some(l) = &d.loaded
    {
        *seen = Some(l.ticket.version);
    }
}

/// A refusal in words; a stale one also says what changed (who, what,
/// when) since the version shown.
pub fn explain(desk: &Desk, id: &str, e: crate::store::StoreError) -> String {
    use crate::domain::MoveRefused;
    use crate::domain::team::TeamRefused;
    use crate::store::StoreError;
    if let StoreError::Refused(MoveRefused::Team(TeamRefused::Stale { seen, .. })) = &e
        && let Ok(changes) = desk.changes_since(id, *seen)
        && !changes.is_empty()
    {
        return format!("{e} — {}", s::what_changed(&changes).replace('\n', " · "));
    }
    e.to_string()
}

/// The queue row of a ticket just read, as it is now.
pub(super) fn refresh_row(app: &mut App, t: &crate::domain::Ticket) {
    if app.queue.get(&t.id).is_none() {
        return;
    }
    let mut row = crate::domain::QueueRow::of(t);
    row.download_until = app.queue.get(&t.id).and_then(|r| r.download_until);
    app.queue.upsert(row, &app.filters);
}

/// How often a console says it is here.
const BEAT_SECS: i64 = 20;

/// This console's key among the heartbeats: its PC and process.
pub fn console_key() -> String {
    format!("{}\u{0}{}", pc(), std::process::id())
}

fn pc() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|s| s.trim().to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_default()
}

/// On the clock's tick: every ~20 s, once signed in, the heartbeat.
pub(super) fn heartbeat(app: &mut App) -> Vec<Effect> {
    let due = app
        .last_beat
        .is_none_or(|t| (app.now - t).num_seconds() >= BEAT_SECS || app.now < t);
    if app.login.is_some() || app.actor.is_empty() || !due {
        return Vec::new();
    }
    // In the background: no busy mark on screen for it.
    app.last_beat = Some(app.now);
    vec![Effect::Heartbeat]
}

/// Runs on the effect thread: writes the heartbeat, counts who is here.
pub fn run_heartbeat(desk: &Desk, actor: &str) -> Action {
    let n = desk.here(&console_key(), actor, &pc());
    if let Err(e) = &n {
        tracing::warn!(error = %e, "heartbeat not written");
    }
    let late = desk.overdue_requests(desk.now());
    if let Err(e) = &late {
        tracing::warn!(error = %e, "overdue requests not counted");
    }
    Action::Present(n.ok(), late.ok())
}

/// The header's «· 3 analistas trabajando», once known.
pub fn here(app: &App) -> String {
    app.present
        .map(|n| format!(" · {}", s::working_now(n)))
        .unwrap_or_default()
}

/// The header's «· 2 solicitudes vencidas (O)», when some are.
pub fn late(app: &App) -> String {
    app.overdue_requests
        .filter(|n| *n > 0)
        .map(|n| format!(" · {}", crate::strings::families::overdue_in_header(n)))
        .unwrap_or_default()
}
