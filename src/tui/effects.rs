//! Runs the effects `update` asks for, against the desk, and turns each
//! result into an action. The loop calls this on a blocking thread; tests
//! call it directly.

use std::path::Path;

use super::action::{Action, Loaded};
use super::app::Effect;
use super::form::SaveProblem;
use super::queue_index::QueueIndex;
use super::saved::SavedView;
use crate::desk::Desk;
use crate::desk::import::ImportFailure;

pub fn run(desk: &Desk, actor: &str, effect: Effect) -> Action {
    match effect {
        Effect::LoadQueue => Action::QueueLoaded(load_queue(desk)),
        Effect::LoadTicket(id) => Action::TicketLoaded(load_ticket(desk, &id).map(Box::new)),
        Effect::Act {
            ids,
            action,
            reasons,
        } => {
            let outcomes = ids
                .into_iter()
                .map(|id| {
                    let r = desk
                        .act(&id, action, actor, &reasons)
                        .map_err(|e| e.to_string());
                    if let Err(e) = &r {
                        tracing::info!(%id, ?action, error = %e, "action refused");
                    } else {
                        tracing::info!(%id, ?action, "action done");
                    }
                    (id, r)
                })
                .collect();
            Action::Acted { action, outcomes }
        }
        Effect::Register(draft) => {
            let base = std::env::current_dir().unwrap_or_else(|_| Path::new(".").to_path_buf());
            let result = match desk.register_fields(&draft.rows, &base, actor) {
                Ok(ids) => match ids.first().map(|id| desk.ticket(id)) {
                    Some(Ok(t)) => Ok(Box::new(t)),
                    Some(Err(e)) => Err(vec![general(e.to_string())]),
                    None => Err(vec![general(String::new())]),
                },
                Err(ImportFailure::Rows(rows)) => Err(rows
                    .into_iter()
                    .map(|r| SaveProblem {
                        line: r.line,
                        column: r.column,
                        message: crate::strings::rule_text(&r.rule),
                    })
                    .collect()),
                Err(ImportFailure::Store(e)) => Err(vec![general(e.to_string())]),
            };
            Action::Registered(result)
        }
        Effect::LoadViews => Action::ViewsLoaded(
            desk.store
                .saved_views::<SavedView>(actor)
                .map_err(|e| e.to_string()),
        ),
        Effect::SaveView { slot, view } => Action::ViewSaved(
            desk.store
                .save_view(actor, slot, &view)
                .map(|()| (slot, view))
                .map_err(|e| e.to_string()),
        ),
    }
}

fn general(message: String) -> SaveProblem {
    SaveProblem {
        line: 0,
        column: None,
        message,
    }
}

/// The whole queue, from the store's queue rows (never the full records).
pub fn load_queue(desk: &Desk) -> Result<Box<QueueIndex>, String> {
    let started = std::time::Instant::now();
    let index = super::queue_load::read_all(&desk.store).map_err(|e| e.to_string())?;
    tracing::info!(tickets = index.len(), elapsed = ?started.elapsed(), "queue loaded");
    Ok(Box::new(index))
}

/// Rows read for the first frame: more than any terminal shows.
pub const FIRST_PAGE: usize = 200;

/// The first rows of the queue and the store's counts: the first frame,
/// drawn while [`load_queue`] reads the rest.
pub fn first_page(desk: &Desk) -> Result<Box<QueueIndex>, String> {
    let rows = desk
        .store
        .queue_rows()
        .take(FIRST_PAGE)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    let counts = desk.store.status_counts().map_err(|e| e.to_string())?;
    Ok(Box::new(QueueIndex::first_page(rows, counts)))
}

pub fn load_ticket(desk: &Desk, id: &str) -> Result<Loaded, String> {
    let ticket = desk.ticket(id).map_err(|e| e.to_string())?;
    let history = desk.history(id).map_err(|e| e.to_string())?;
    let mut receipts = Vec::new();
    for op in ticket
        .applicants
        .iter()
        .filter_map(|a| a.payment_operation.as_deref())
    {
        if let Some(r) = desk.receipt(op).map_err(|e| e.to_string())? {
            receipts.push(r);
        }
    }
    Ok(Loaded {
        ticket,
        history,
        receipts,
    })
}
