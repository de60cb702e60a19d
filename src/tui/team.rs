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
