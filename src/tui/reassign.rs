//! `R`, a supervisor's key: give the ticket under the cursor (or the open
//! one) to another analyst, chosen from the active analysts of the desk.
//! The desk checks everything again (`Desk::assign`): who may, to whom,
//! and that the ticket is still being worked.

use super::action::{Action, Command};
use super::app::{App, Effect, Modal, Screen, run_effect};
use crate::desk::Desk;
use crate::domain::{Move, Status};
use crate::strings::team as s;

/// The ticket `A` acts on: the open one, else the queue's cursor row.
fn target(app: &App) -> Option<(String, Status)> {
    if app.screen == Screen::Ticket
        && let Some(d) = &app.detail
    {
        let status = d
            .loaded
            .as_ref()
            .map(|l| l.ticket.status)
            .or_else(|| app.queue.get(&d.id).map(|r| r.status))?;
        return Some((d.id.clone(), status));
    }
    app.current_row().map(|r| (r.id.clone(), r.status))
}

/// The key: only a ticket being worked can change hands; the list of
/// analysts comes from the desk.
pub(super) fn start(app: &mut App) -> Vec<Effect> {
    let Some((id, status)) = target(app) else {
        app.error(crate::strings::tui::nothing_selected());
        return Vec::new();
    };
    if status != Status::EnAtencion {
        app.error(s::reassign_not_worked(&id));
        return Vec::new();
    }
    vec![Effect::LoadAssignees(id)]
}

/// Runs on the effect thread: the active analysts, the owner marked.
pub fn load(desk: &Desk, id: &str) -> Action {
    let result = desk
        .analysts()
        .map(|all| {
            all.into_iter()
                .filter(|a| a.active)
                .map(|a| a.name)
                .collect::<Vec<_>>()
        })
        .map_err(|e| e.to_string());
    let owner = desk.ticket(id).ok().and_then(|t| t.assignee);
    Action::Assignees {
        id: id.to_string(),
        owner,
        names: result,
    }
}

/// The analysts arrived: the picker opens on the first one who is not the
/// owner.
pub(super) fn loaded(
    app: &mut App,
    id: String,
    owner: Option<String>,
    names: Result<Vec<String>, String>,
) {
    match names {
        Ok(names) if names.iter().any(|n| Some(n) != owner.as_ref()) => {
            let cursor = names
                .iter()
                .position(|n| Some(n) != owner.as_ref())
                .unwrap_or(0);
            app.modal = Some(Modal::Assign {
                id,
                owner,
                names,
                cursor,
            });
        }
        Ok(_) => app.error(s::reassign_nobody_else()),
        Err(e) => app.error(e),
    }
}

/// A key in the picker: move, choose (Enter), or leave (Esc, q).
pub(super) fn command(
    app: &mut App,
    id: String,
    owner: Option<String>,
    names: Vec<String>,
    mut cursor: usize,
    c: Command,
) -> Vec<Effect> {
    match c {
        Command::Back => return Vec::new(),
        Command::Up => cursor = cursor.saturating_sub(1),
        Command::Down => cursor = (cursor + 1).min(names.len().saturating_sub(1)),
        Command::Home => cursor = 0,
        Command::End => cursor = names.len().saturating_sub(1),
        Command::Accept => {
            let Some(to) = names.get(cursor).cloned() else {
                return Vec::new();
            };
            if Some(&to) == owner.as_ref() {
                app.error(s::reassign_same(&id, &to));
            } else {
                return run_effect(app, Effect::Assign { id, to });
            }
        }
        _ => {}
    }
    app.modal = Some(Modal::Assign {
        id,
        owner,
        names,
        cursor,
    });
    Vec::new()
}

/// Runs on the effect thread: the desk reassigns, as `mesa assign` does.
pub fn run(desk: &Desk, actor: &str, id: &str, to: &str) -> Action {
    let result = desk
        .assign(id, to, actor)
        .map_err(|e| super::team::explain(desk, id, e));
    Action::Acted {
        action: Move::Assign,
        outcomes: vec![(id.to_string(), result)],
    }
}
