//! The weekly batch: seal, mark sent, record RENIEC's answer.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::Desk;
use crate::desk::table::{RowError, read_rows};
use crate::domain::batch::{self, Batch, Outcome};
use crate::domain::calendar::Dispatch;
use crate::domain::role::Capability;
use crate::domain::ticket::MoveContext;
use crate::domain::{Move, MoveRefused, Problem, Query, Status, Ticket};
use crate::store::{Sealed, StoreError};
use crate::strings;

#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("{}", strings::batch::nothing_to_seal())]
    NothingPast,
    #[error("{}", strings::batch::no_dispatch_on(*.0))]
    NoDispatchOn(NaiveDate),
    #[error("{}", strings::batch::early_needs_reason(.0))]
    EarlyNeedsReason(String),
    /// Marking sent before the dispatch moment, without saying why.
    #[error("{}", strings::rules::sent_early_needs_reason(.0, .1))]
    SentEarlyNeedsReason(String, String),
    #[error("{}", strings::batch::empty(.0))]
    Empty(String),
    #[error("{}", strings::batch::not_ready(.0))]
    NotReady(Vec<Blocker>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Something that stops a batch from being sealed, with the ticket to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocker {
    pub ticket: String,
    pub problem: BlockerKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockerKind {
    Check(Problem),
    FileMissing { field: &'static str, sha256: String },
    ReceiptMissing { operation: String },
}

/// One dispatch moment as the batch screen and `mesa batch list` show it:
/// its sealed batch, if any, and its tickets in arrival order (the batch's
/// content once sealed, else the scheduled tickets it would take now).
#[derive(Debug, Clone)]
pub struct Slot {
    pub dispatch: Dispatch,
    pub batch: Option<Batch>,
    pub tickets: Vec<Ticket>,
}

impl Desk {
    fn scheduled(&self) -> Result<Vec<Ticket>, StoreError> {
        self.list(&Query {
            statuses: vec![Status::Programado],
            ..Query::default()
        })
    }

    fn slot_from(&self, dispatch: Dispatch, scheduled: &[Ticket]) -> Result<Slot, StoreError> {
        let batch = self.store.batch_at(dispatch.at)?;
        let tickets = match &batch {
            Some(b) => b
                .tickets
                .iter()
                .map(|id| self.ticket(id))
                .collect::<Result<Vec<_>, _>>()?,
            None => batch::content(scheduled, &dispatch)
                .into_iter()
                .cloned()
                .collect(),
        };
        Ok(Slot {
            dispatch,
            batch,
            tickets,
        })
    }

    /// A scheduled, unsealed ticket's dispatch under today's calendar: the
    /// dispatch of the same week (a holiday or día no laborable added after
    /// scheduling moves it), or the next unsealed one when that moment's
    /// batch was sealed without it. Every other ticket is returned as stored.
    pub fn current(&self, mut ticket: Ticket) -> Result<Ticket, StoreError> {
        if ticket.status != Status::Programado || ticket.batch.is_some() {
            return Ok(ticket);
        }
        let Some(mut decision) = ticket.dispatch else {
            return Ok(ticket);
        };
        let rules = &self.config.dispatch;
        decision.dispatch = rules.rederive(decision.dispatch);
        for _ in 0..52 {
            match self.store.batch_at(decision.dispatch.at)? {
                Some(b) if !b.tickets.contains(&ticket.id) => {
                    decision.dispatch =
                        rules.next_dispatch(decision.dispatch.at + Duration::seconds(1));
                }
                _ => break,
            }
        }
        ticket.dispatch = Some(decision);
        Ok(ticket)
    }

    /// The next `count` dispatch moments from `now`.
    pub fn upcoming_slots(
        &self,
        now: DateTime<Utc>,
        count: usize,
    ) -> Result<Vec<Slot>, StoreError> {
        let scheduled = self.scheduled()?;
        self.config
            .dispatch
            .upcoming(now, count)
            .into_iter()
            .map(|d| self.slot_from(d, &scheduled))
            .collect()
    }

    /// The past dispatch moments with work left (scheduled tickets not yet
    /// sealed, a batch not yet sent, sent tickets awaiting RENIEC's answer),
    /// then the next `count`; oldest first.
    pub fn board(&self, now: DateTime<Utc>, count: usize) -> Result<Vec<Slot>, StoreError> {
        let scheduled = self.scheduled()?;
        let awaiting: Vec<String> = self
            .list(&Query {
                statuses: vec![Status::Enviado],
                ..Query::default()
            })?
            .into_iter()
            .filter_map(|t| t.batch)
            .collect();
        let mut moments: std::collections::BTreeMap<DateTime<Utc>, Dispatch> = Default::default();
        for t in &scheduled {
            if let Some(d) = t.dispatch
                && t.batch.is_none()
                && d.dispatch.at <= now
            {
                moments.insert(d.dispatch.at, d.dispatch);
            }
        }
        for b in self.store.batches()? {
            if b.dispatch.at <= now && (b.sent_at.is_none() || awaiting.contains(&b.id)) {
                moments.insert(b.dispatch.at, b.dispatch);
            }
        }
        for d in self.config.dispatch.upcoming(now, count) {
            moments.insert(d.at, d);
        }
        moments
            .into_values()
            .map(|d| self.slot_from(d, &scheduled))
            .collect()
    }

    /// The dispatch a ticket scheduled `now` gets: its calendar moment, or
    /// the following ones while that moment's batch is already sealed.
    pub fn dispatch_rolled(
        &self,
        ticket: &Ticket,
        now: DateTime<Utc>,
    ) -> crate::domain::DispatchDecision {
        let mut decision = self.dispatch_for(ticket, now);
        for _ in 0..52 {
            match self.store.batch_at(decision.dispatch.at) {
                Ok(Some(_)) => {
                    let after = decision.dispatch.at + Duration::seconds(1);
                    decision = self.config.dispatch.dispatch_known(
                        ticket.registered_at,
                        after,
                        self.known_expiry(ticket),
                    );
                }
                _ => break,
            }
        }
        decision
    }

    /// The dispatch on a given day (the day it happens or its nominal Friday).
    pub fn dispatch_on(&self, day: NaiveDate) -> Option<Dispatch> {
        let rules = &self.config.dispatch;
        let start = day - Duration::days(7);
        let from =
            chrono::TimeZone::from_local_datetime(&rules.timezone, &start.and_hms_opt(0, 0, 0)?)
                .earliest()?
                .with_timezone(&Utc);
        rules
            .upcoming(from, 3)
            .into_iter()
            .find(|d| d.on == day || d.nominal == day)
    }

    /// The latest dispatch moment at or before `now`.
    pub fn last_dispatch(&self, now: DateTime<Utc>) -> Dispatch {
        let rules = &self.config.dispatch;
        rules
            .upcoming(now - Duration::days(8), 3)
            .into_iter()
            .rfind(|d| d.at <= now)
            .unwrap_or_else(|| rules.next_dispatch(now - Duration::days(7)))
    }

    /// The tickets a batch for `dispatch` would take now.
    pub fn batch_candidates(&self, dispatch: &Dispatch) -> Result<Vec<Ticket>, StoreError> {
        let scheduled = self.scheduled()?;
        Ok(batch::content(&scheduled, dispatch)
            .into_iter()
            .cloned()
            .collect())
    }

    /// Everything that would block sealing these tickets.
    pub fn readiness(&self, tickets: &[Ticket]) -> Result<Vec<Blocker>, StoreError> {
        let today = self.today_at(self.now());
        let mut out = Vec::new();
        for t in tickets {
            for p in t.failed_problems(today, &self.config.validation) {
                out.push(Blocker {
                    ticket: t.id.clone(),
                    problem: BlockerKind::Check(p),
                });
            }
            for a in &t.applicants {
                for (field, att) in [("foto", &a.photo), ("firma", &a.signature)] {
                    if let Some(att) = att
                        && !self.store.attachment_path(&att.sha256).is_file()
                    {
                        out.push(Blocker {
                            ticket: t.id.clone(),
                            problem: BlockerKind::FileMissing {
                                field,
                                sha256: att.sha256.clone(),
                            },
                        });
                    }
                }
                if let Some(op) = &a.payment_operation
                    && self.store.receipt(op)?.is_none()
                {
                    out.push(Blocker {
                        ticket: t.id.clone(),
                        problem: BlockerKind::ReceiptMissing {
                            operation: op.clone(),
                        },
                    });
                }
            }
        }
        Ok(out)
    }

    /// Seals the batch of `day` (or of the latest past dispatch).
    pub fn seal(
        &self,
        day: Option<NaiveDate>,
        reason: Option<&str>,
        actor: &str,
    ) -> Result<Sealed, BatchError> {
        let actor = &self.allow(actor, Capability::Seal)?;
        let now = self.now();
        let dispatch = match day {
            Some(d) => self.dispatch_on(d).ok_or(BatchError::NoDispatchOn(d))?,
            None => self.last_dispatch(now),
        };
        let id = batch::batch_id(&dispatch);
        if let Some(existing) = self.store.batch_at(dispatch.at)? {
            return Ok(Sealed::Already(existing));
        }
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        if let Some(r) = reason {
            crate::domain::free_text::check(r, crate::domain::free_text::REASON_MAX)
                .map_err(|why| StoreError::Refused(MoveRefused::ReasonRefused(why)))?;
        }
        if dispatch.at > now && reason.is_none() {
            let when = crate::strings::words::moment(dispatch.at, self.config.dispatch.timezone);
            return Err(BatchError::EarlyNeedsReason(when));
        }
        let tickets = self.batch_candidates(&dispatch)?;
        if tickets.is_empty() {
            return Err(BatchError::Empty(id));
        }
        let blockers = self.readiness(&tickets)?;
        if !blockers.is_empty() {
            return Err(BatchError::NotReady(blockers));
        }
        let batch = Batch {
            id,
            dispatch,
            sealed_at: now,
            sealed_by: actor.to_string(),
            early_reason: if dispatch.at > now {
                reason.map(String::from)
            } else {
                None
            },
            tickets: tickets.iter().map(|t| t.id.clone()).collect(),
            sent_at: None,
            sent_by: None,
            sent_early_reason: None,
        };
        // The moment each ticket holds on disk (the calendar may have moved
        // its week's dispatch since it was scheduled).
        let stored = tickets
            .iter()
            .map(|t| {
                Ok(self
                    .store
                    .ticket(&t.id)?
                    .and_then(|s| s.dispatch)
                    .map_or(dispatch.at, |d| d.dispatch.at))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(self.store.seal_moved(&batch, &stored)?)
    }

    /// The day (desk's time zone) the batch holding ticket `id` was sent.
    pub fn sent_on(&self, id: &str) -> Option<NaiveDate> {
        let t = self.store.ticket(id).ok()??;
        let b = self.store.batch(t.batch.as_deref()?).ok()??;
        Some(self.today_at(b.sent_at?))
    }

    /// Moves the batch's tickets to `enviado`. Before the batch's dispatch
    /// moment it needs a reason (recorded with the batch and in the audit):
    /// a batch marked sent days early by mistake would tell every staff
    /// member their request left when it did not.
    pub fn mark_sent(
        &self,
        batch_id: &str,
        reason: Option<&str>,
        actor: &str,
    ) -> Result<(Batch, Vec<Ticket>), BatchError> {
        let actor = &self.allow(actor, Capability::MarkSent)?;
        let now = self.now();
        let Some(found) = self.store.batch(batch_id)? else {
            return Err(StoreError::BatchNotFound(batch_id.to_string()).into());
        };
        if found.sent_at.is_some() {
            return Err(StoreError::AlreadySent(found.id).into());
        }
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        let early = found.dispatch.at > now;
        if early && reason.is_none() {
            let when =
                crate::strings::words::moment(found.dispatch.at, self.config.dispatch.timezone);
            return Err(BatchError::SentEarlyNeedsReason(found.id, when));
        }
        if let Some(r) = reason {
            crate::domain::free_text::check(r, crate::domain::free_text::REASON_MAX)
                .map_err(|why| StoreError::Refused(MoveRefused::ReasonRefused(why)))?;
        }
        let early_reason = reason.filter(|_| early).map(String::from);
        let today = self.today_at(now);
        let rules = &self.config.validation;
        let ctx = MoveContext {
            actor: actor.to_string(),
            at: now,
            reasons: vec![],
            dispatch: None,
            seen: None,
            oversees: false,
        };
        let mail = self.mail_context();
        Ok(self.store.mark_sent(
            batch_id,
            now,
            actor,
            early_reason,
            |_, t| t.apply(Move::Send, &ctx, today, rules),
            |_, after, entry, seq| crate::mail::events::messages(after, entry, seq, &mail),
        )?)
    }

    /// Records RENIEC's answers, all or none.
    pub fn record_outcomes(
        &self,
        outcomes: &[(String, Outcome)],
        actor: &str,
    ) -> Result<Vec<Ticket>, StoreError> {
        let actor = &self.allow(actor, Capability::RecordOutcome)?;
        let now = self.now();
        let today = self.today_at(now);
        let rules = &self.config.validation;
        let ids: Vec<String> = outcomes.iter().map(|(id, _)| id.clone()).collect();
        for (id, outcome) in outcomes {
            batch::check_answer_date(outcome.on(), self.sent_on(id), today)
                .map_err(|why| StoreError::Refused(MoveRefused::AnswerDate(id.clone(), why)))?;
        }
        let mail = self.mail_context();
        let mail = |_: &Ticket, after: &Ticket, entry: &crate::domain::HistoryEntry, seq: u64| {
            crate::mail::events::messages(after, entry, seq, &mail)
        };
        let no_details = crate::domain::certificate::CloseDetails::default();
        self.store
            .update_all_with_registry(
                &ids,
                |i, t| {
                    let (action, reasons, approved_on) = match &outcomes[i].1 {
                        Outcome::Approved { on } => (Move::Approve, vec![], Some(on.to_owned())),
                        Outcome::Rejected { reason, .. } => {
                            (Move::Reject, vec![reason.clone()], None)
                        }
                    };
                    let ctx = MoveContext {
                        actor: actor.to_string(),
                        at: now,
                        reasons,
                        dispatch: None,
                        seen: None,
                        oversees: false,
                    };
                    let (mut next, entry) = t.apply(action, &ctx, today, rules)?;
                    next.approved_on = approved_on;
                    Ok::<_, MoveRefused>((next, entry))
                },
                mail,
                // Approval creates each applicant's certificate, awaiting download.
                |before, after, entry, known| {
                    crate::domain::certificate::effects(
                        before,
                        after,
                        entry,
                        known,
                        today,
                        &no_details,
                    )
                    .map_err(MoveRefused::from)
                },
            )
            .map(|(tickets, _)| tickets)
    }
}

const OUTCOME_COLUMNS: [&str; 4] = ["ticket", "result", "date", "reason"];

/// Reads `ticket,result,date,reason`; every row is checked against the store
/// before anything is recorded.
pub fn parse_outcomes(desk: &Desk, bytes: &[u8]) -> Result<Vec<(String, Outcome)>, Vec<RowError>> {
    use crate::domain::Rule;
    let today = desk.today_at(desk.now());
    let rows = read_rows(bytes, &OUTCOME_COLUMNS)?;
    let mut errors = Vec::new();
    let mut out: Vec<(String, Outcome)> = Vec::new();
    for row in &rows {
        let mut err = |column: &'static str, rule: Rule| {
            errors.push(RowError {
                line: row.line,
                column: Some(column),
                rule,
            })
        };
        let id = row.get("ticket").to_uppercase();
        match desk.store.ticket(&id) {
            Ok(Some(t)) if t.status == Status::Enviado => {}
            Ok(Some(t)) => err(
                "ticket",
                Rule::NotAwaitingAnswer {
                    id: id.clone(),
                    status: t.status,
                },
            ),
            Ok(None) | Err(_) => err("ticket", Rule::TicketUnknown { id: id.clone() }),
        }
        if out.iter().any(|(seen, _)| *seen == id) {
            err("ticket", Rule::Duplicate { id: id.clone() });
        }
        let date = row.get("date");
        let sent_on = desk.sent_on(&id);
        let on = match crate::domain::applicant::parse_date(date) {
            Ok(d) => match batch::check_answer_date(d, sent_on, today) {
                Ok(()) => Some(d),
                Err(why) => {
                    err("date", Rule::AnswerDate(why));
                    None
                }
            },
            Err(rule) => {
                err(
                    "date",
                    if date.is_empty() {
                        Rule::Required
                    } else {
                        rule
                    },
                );
                None
            }
        };
        let reason = row.get("reason");
        let outcome = match (row.get("result").to_lowercase().as_str(), on) {
            ("aprobado", Some(on)) => Some(Outcome::Approved { on }),
            ("rechazado", Some(on)) if !reason.is_empty() => Some(Outcome::Rejected {
                on,
                reason: reason.to_string(),
            }),
            ("rechazado", _) if reason.is_empty() => {
                err("reason", Rule::Required);
                None
            }
            ("aprobado" | "rechazado", None) => None,
            (other, _) => {
                err(
                    "result",
                    Rule::ResultUnknown {
                        given: other.chars().take(40).collect(),
                    },
                );
                None
            }
        };
        if let Some(o) = outcome {
            out.push((id, o));
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}
