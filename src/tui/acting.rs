//! Moves from the console: on the row, the selection or the open ticket,
//! with the confirmation or reason they need, and what the analyst is told
//! when the desk answers.

use chrono::Utc;

use super::action::{Command, Outcome};
use tui_textarea::TextArea;

use super::app::{App, Confirm, Detail, Effect, Modal, ReasonDialog, run_effect};
use super::queue_index::QueueRow;
use crate::domain::lifecycle::transition;
use crate::domain::{Kind, Move, Status};
use crate::strings::tui as s;

pub(super) fn move_of(c: Command) -> Move {
    match c {
        Command::Take => Move::Take,
        Command::Observe => Move::Observe,
        Command::Schedule => Move::Schedule,
        Command::Withdraw => Move::Withdraw,
        _ => Move::Close,
    }
}

/// Take or schedule: the selection if there is one, else the row under the
/// cursor.
pub(super) fn act_on_many(app: &mut App, c: Command) -> Vec<Effect> {
    let ids: Vec<String> = if app.selected.is_empty() {
        app.current_row()
            .map(|r| r.id.clone())
            .into_iter()
            .collect()
    } else {
        // Arrival order, whatever order they were picked in.
        let mut v: Vec<(chrono::DateTime<Utc>, String)> = app
            .selected
            .iter()
            .filter_map(|id| app.queue.get(id).map(|r| (r.registered_at, id.clone())))
            .collect();
        v.sort();
        v.into_iter().map(|(_, id)| id).collect()
    };
    match ids.as_slice() {
        [] => {
            app.error(s::nothing_selected());
            Vec::new()
        }
        [one] => {
            let Some(row) = app.queue.get(one) else {
                return Vec::new();
            };
            let (id, kind, status) = (row.id.clone(), row.kind, row.status);
            act_on_one(app, c, id, kind, status)
        }
        _ if c == Command::Take => run_effect(
            app,
            Effect::Act {
                ids,
                seen: None,
                action: Move::Take,
                reasons: Vec::new(),
            },
        ),
        _ => {
            let lines = ids.iter().map(|id| schedule_line(app, id)).collect();
            app.modal = Some(Modal::Confirm(Confirm {
                title: s::confirm_schedule_many(ids.len()),
                lines,
                yes: true,
                then: Effect::Act {
                    ids,
                    seen: None,
                    action: Move::Schedule,
                    reasons: Vec::new(),
                },
            }));
            Vec::new()
        }
    }
}

/// "T-2026-000042: vie 27/11/2026 16:30 — el próximo envío tras programarlo".
pub(super) fn schedule_line(app: &App, id: &str) -> String {
    let Some(row) = app.queue.get(id) else {
        return id.to_string();
    };
    if !row.kind.is_batched() {
        return format!("{id}: {}", s::not_batched(row.kind));
    }
    let d = app
        .rules
        .dispatch_for(row.registered_at, app.now, row.cert_expires_on);
    format!(
        "{id}: {} — {}",
        crate::cli::view::moment(d.dispatch.at, app.rules.timezone),
        crate::cli::view::dispatch_why(&d.reason, &d.dispatch, &app.rules)
    )
}

pub(super) fn act_on_one(
    app: &mut App,
    c: Command,
    id: String,
    kind: Kind,
    status: Status,
) -> Vec<Effect> {
    let mv = move_of(c);
    if let Err(e) = transition(kind, status, mv) {
        app.error(format!("{id}: {e}"));
        return Vec::new();
    }
    match mv {
        Move::Take => run_effect(
            app,
            Effect::Act {
                ids: vec![id],
                seen: None,
                action: mv,
                reasons: Vec::new(),
            },
        ),
        Move::Schedule => {
            let line = schedule_line(app, &id);
            app.modal = Some(Modal::Confirm(Confirm {
                title: s::confirm_schedule_title(&id),
                lines: vec![line],
                yes: true,
                then: Effect::Act {
                    ids: vec![id],
                    seen: None,
                    action: mv,
                    reasons: Vec::new(),
                },
            }));
            Vec::new()
        }
        Move::Close if kind == Kind::Instalacion => super::close::open(app, id),
        Move::Close => {
            app.modal = Some(Modal::Confirm(Confirm {
                title: s::confirm_close_title(&id),
                lines: vec![s::confirm_close_line(kind).to_string()],
                yes: false,
                then: Effect::Act {
                    ids: vec![id],
                    seen: None,
                    action: mv,
                    reasons: Vec::new(),
                },
            }));
            Vec::new()
        }
        _ => {
            // Checks that fail on the ticket come first, already marked:
            // an observation says which check failed.
            let mut items: Vec<(String, bool)> = Vec::new();
            if mv == Move::Observe
                && let Some(Detail {
                    loaded: Some(l), ..
                }) = &app.detail
                && l.ticket.id == id
            {
                let today = app.now.with_timezone(&app.rules.timezone).date_naive();
                for p in l.ticket.failed_problems(today, &app.validation) {
                    let text = crate::strings::problem(&p);
                    if !items.iter().any(|(t, _)| *t == text) {
                        items.push((text, true));
                    }
                }
            }
            let common = if mv == Move::Observe {
                s::observe_reasons()
            } else {
                s::withdraw_reasons()
            };
            items.extend(common.iter().map(|r| (r.to_string(), false)));
            let mut text = TextArea::default();
            text.set_placeholder_text(s::other_reason_placeholder());
            app.modal = Some(Modal::Reason(Box::new(ReasonDialog {
                action: mv,
                id,
                items,
                cursor: 0,
                on_text: false,
                text,
                error: None,
            })));
            Vec::new()
        }
    }
}

pub(super) fn acted(app: &mut App, action: Move, outcomes: Vec<Outcome>) -> Vec<Effect> {
    app.busy = app.busy.saturating_sub(1);
    let mut effects = Vec::new();
    let mut done = Vec::new();
    let mut refused = Vec::new();
    for (id, result) in outcomes {
        match result {
            Ok(t) => {
                app.selected.remove(&id);
                // A move does not change the certificate's window.
                let mut row = QueueRow::of(&t);
                row.download_until = app.queue.get(&id).and_then(|r| r.download_until);
                app.queue.upsert(row, &app.filters);
                if let Some(d) = &mut app.detail
                    && d.id == id
                {
                    if let Some(l) = &mut d.loaded {
                        l.ticket = t.clone();
                    }
                    app.busy += 1;
                    effects.push(Effect::LoadTicket(id.clone()));
                }
                done.push(t);
            }
            Err(e) => {
                // Refused on the open ticket (taken, changed): show it as
                // it is now before the analyst tries again.
                if app.detail.as_ref().is_some_and(|d| d.id == id) {
                    app.busy += 1;
                    effects.push(Effect::LoadTicket(id.clone()));
                }
                refused.push(if id.is_empty() {
                    e
                } else {
                    format!("{id}: {e}")
                })
            }
        }
    }
    app.refilter();
    let mut text = match done.as_slice() {
        [] => String::new(),
        [t] => {
            let mut line = s::moved(&t.id, t.status);
            if let (Move::Schedule, Some(d)) = (action, &t.dispatch) {
                line.push_str(&s::will_dispatch(&crate::cli::view::moment(
                    d.dispatch.at,
                    app.rules.timezone,
                )));
            }
            line
        }
        many => s::moved_many(many.len(), many[0].status),
    };
    if refused.is_empty() {
        app.info(text);
    } else {
        if !text.is_empty() {
            text.push_str(" · ");
        }
        text.push_str(&refused.join(" · "));
        app.error(text);
    }
    effects
}
