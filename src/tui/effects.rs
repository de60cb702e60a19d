//! Runs the effects `update` asks for, against the desk, and turns each
//! result into an action. The loop calls this on a blocking thread; tests
//! call it directly.

use std::path::Path;

use super::action::{Action, Loaded};
use super::app::Effect;
use super::audit::AuditPage;
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
            seen,
            action,
            reasons,
        } => {
            let outcomes = ids
                .into_iter()
                .map(|id| {
                    let r = desk
                        .act_seen(
                            id.as_str(),
                            action,
                            actor,
                            &reasons,
                            &Default::default(),
                            seen,
                        )
                        .map(|(t, _)| t)
                        .map_err(|e| super::team::explain(desk, &id, e));
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
        Effect::CheckFile { field, path } => super::form_files::check(field, path),
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
        Effect::CloseWith { id, details } => {
            let r = desk
                .act_with(&id, crate::domain::Move::Close, actor, &[], &details)
                .map(|(t, _)| t)
                .map_err(|e| e.to_string());
            tracing::info!(%id, medium = ?details.medium, ok = r.is_ok(), "close with details");
            Action::Acted {
                action: crate::domain::Move::Close,
                outcomes: vec![(id, r)],
            }
        }
        Effect::Batch(e) => super::batch::run(desk, actor, e),
        Effect::TakeNext => super::team::run_next(desk, actor),
        Effect::LoadAssignees(id) => super::reassign::load(desk, &id),
        Effect::Assign { id, to } => super::reassign::run(desk, actor, &id, &to),
        Effect::Heartbeat => super::team::run_heartbeat(desk, actor),
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
        Effect::Screen(e) => super::screens::run(desk, actor, e),
        Effect::Login(e) => Action::SignedIn(super::login_effects::run(desk, e)),
        Effect::LoadAudit { dni } => {
            Action::AuditLoaded(load_audit(desk, actor, dni).map(Box::new))
        }
        Effect::FilterHistory(save) => Action::FilterHistory(
            match save {
                None => desk.store.filter_history(actor),
                Some(items) => desk
                    .store
                    .save_filter_history(actor, &items)
                    .map(|()| items),
            }
            .map_err(|e| e.to_string()),
        ),
    }
}

/// The audit screen's page: refused unless `actor` is a supervisor.
fn load_audit(desk: &Desk, actor: &str, dni: Option<String>) -> Result<AuditPage, String> {
    use crate::domain::role::Capability;
    let err = |e: &dyn std::fmt::Display| e.to_string();
    let who = desk
        .authorize(actor, Capability::ReadAudit)
        .map_err(|e| err(&e))?;
    let tz = desk.config.dispatch.timezone;
    let verified = match desk.store.audit_verify().map_err(|e| err(&e))? {
        Ok(v) => Ok((v.entries, v.head.hash)),
        Err(b) => Err(crate::strings::trust::broken(&b, tz)),
    };
    let entries = match &dni {
        Some(d) => {
            let mut found = desk.store.audit_about(d).map_err(|e| err(&e))?;
            found.reverse();
            desk.record_read(
                &who.name,
                crate::domain::audit::READ,
                &format!("consola: auditoría del DNI {d}"),
                vec![d.clone()],
                crate::strings::trust::read_detail(found.len(), 1),
            )
            .map_err(|e| err(&e))?;
            found
        }
        None => desk.store.audit_last(500).map_err(|e| err(&e))?,
    };
    Ok(AuditPage {
        verified,
        entries,
        dni,
    })
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
    // The first frame is drawn: from here memory goes back as it is freed.
    crate::memory::give_back_promptly();
    let started = std::time::Instant::now();
    let mut index = super::queue_load::read_all(&desk.store).map_err(|e| e.to_string())?;
    index.set_downloads(desk.download_until_by_ticket().map_err(|e| e.to_string())?);
    tracing::info!(tickets = index.len(), elapsed = ?started.elapsed(), "queue loaded");
    Ok(Box::new(index))
}

/// Rows read for the first frame: more than any terminal shows.
pub const FIRST_PAGE: usize = 200;

/// Closed rows the first page looks past for the first open one: a store
/// whose oldest tickets are all closed shows its first frame without rows
/// rather than wait for a long scan (the whole queue follows).
pub const FIRST_PAGE_SCAN: usize = 20_000;

/// The queue's rows from its first open ticket (arrival order), where the
/// console opens, and the store's counts: the first frame, drawn while
/// [`load_queue`] reads the rest.
pub fn first_page(desk: &Desk) -> Result<Box<QueueIndex>, String> {
    let mut rows = Vec::new();
    let mut skipped = 0;
    for row in desk.store.queue_rows() {
        let row = row.map_err(|e| e.to_string())?;
        if rows.is_empty() && row.status.is_final() {
            skipped += 1;
            if skipped >= FIRST_PAGE_SCAN {
                break;
            }
            continue;
        }
        rows.push(row);
        if rows.len() == FIRST_PAGE {
            break;
        }
    }
    let counts = desk.store.status_counts().map_err(|e| e.to_string())?;
    let mut page = QueueIndex::first_page(rows, counts);
    page.skipped = skipped;
    Ok(Box::new(page))
}

pub fn load_ticket(desk: &Desk, id: &str) -> Result<Loaded, String> {
    let ticket = desk.ticket(id).map_err(|e| e.to_string())?;
    super::photo::prepare(desk, &ticket);
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
