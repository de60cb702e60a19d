//! Tickets, their history, and the pure rules for moving them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::applicant::{Applicant, CheckResult, Problem, ValidationRules, check_applicant};
use super::calendar::DispatchDecision;
use super::correction::{CorrectionRefused, FieldChange};
use super::lifecycle::{IllegalMove, Move, Status, transition};
use super::procedure::Kind;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ticket {
    /// Human-readable id, `T-2026-000123`.
    pub id: String,
    pub kind: Kind,
    pub motive: Option<char>,
    pub status: Status,
    pub registered_at: DateTime<Utc>,
    /// The analyst who registered it on behalf of the staff member.
    pub registered_by: String,
    pub applicants: Vec<Applicant>,
    /// The certificate meant, for installation and cancellation.
    pub certificate: Option<String>,
    /// Set when the ticket is scheduled.
    pub dispatch: Option<DispatchDecision>,
    /// The open observation: what the staff member must fix.
    pub observations: Vec<String>,
    /// The analyst working it, once taken.
    pub assignee: Option<String>,
    pub updated_at: DateTime<Utc>,
    /// The sealed batch it belongs to; its content never changes after.
    #[serde(default)]
    pub batch: Option<String>,
    /// RENIEC's approval date: starts the 30-day download window.
    #[serde(default)]
    pub approved_on: Option<NaiveDate>,
    /// Bumped by every stored change: a move names the version it saw (see
    /// `domain::team`). Tickets stored before it start at 0.
    #[serde(default)]
    pub version: u64,
    /// When the assignee got it (taken or reassigned).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taken_at: Option<DateTime<Utc>>,
}

/// One change of status: who, when, from, to and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    pub by: String,
    /// `None` for the registration itself.
    pub action: Option<Move>,
    pub from: Option<Status>,
    pub to: Status,
    pub reasons: Vec<String>,
    /// What a correction changed, field by field (empty for other moves).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<FieldChange>,
}

/// Why a move on a ticket was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoveRefused {
    Illegal(IllegalMove),
    ReasonRequired(Move),
    /// A reason too long, or with characters that would act on a terminal.
    ReasonRefused(super::free_text::TextRefused),
    ChecksFailed(Vec<Problem>),
    InSealedBatch(String),
    /// The certificate the ticket moves cannot make that move.
    Certificate(super::certificate::CertRefused),
    /// A correction that cannot be made (see `domain::correction`).
    Correction(CorrectionRefused),
    /// RENIEC's answer with a date it cannot have (ticket, why).
    AnswerDate(String, super::batch::AnswerDateRefused),
    /// Another analyst owns it, or it changed since it was seen.
    Team(super::team::TeamRefused),
    /// An undo that cannot be made (see `domain::undo`).
    Undo(super::undo::UndoRefused),
}

/// What a move needs besides the ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveContext {
    pub actor: String,
    pub at: DateTime<Utc>,
    pub reasons: Vec<String>,
    /// Required for `Schedule`: computed by the caller from the calendar.
    pub dispatch: Option<DispatchDecision>,
    /// The version the analyst saw; `None` acts on the current one.
    pub seen: Option<u64>,
    /// The actor is a supervisor: may act on a ticket another analyst has
    /// (see `domain::team`).
    pub oversees: bool,
}

impl Ticket {
    pub fn is_urgent(&self) -> bool {
        self.kind.is_urgent(self.motive)
    }

    /// The certificate expiry that drives the 10-days rule: the earliest one
    /// known among the applicants (a batch goes together).
    pub fn cert_expires_on(&self) -> Option<NaiveDate> {
        self.applicants
            .iter()
            .filter_map(|a| a.cert_expires_on)
            .min()
    }

    /// Every applicant's checks, in order.
    pub fn checks(&self, today: NaiveDate, rules: &ValidationRules) -> Vec<Vec<CheckResult>> {
        self.applicants
            .iter()
            .map(|a| check_applicant(a, self.kind, self.motive, today, rules))
            .collect()
    }

    pub fn failed_problems(&self, today: NaiveDate, rules: &ValidationRules) -> Vec<Problem> {
        self.checks(today, rules)
            .into_iter()
            .flatten()
            .flat_map(|c| c.problems)
            .collect()
    }

    /// Applies a move, returning the changed ticket and its history entry.
    /// Scheduling requires every check to pass.
    pub fn apply(
        &self,
        action: Move,
        ctx: &MoveContext,
        today: NaiveDate,
        rules: &ValidationRules,
    ) -> Result<(Ticket, HistoryEntry), MoveRefused> {
        super::team::may_move(self, &ctx.actor, ctx.oversees).map_err(MoveRefused::Team)?;
        super::team::is_current(self, ctx.seen).map_err(MoveRefused::Team)?;
        let to = transition(self.kind, self.status, action)?;
        let reasons: Vec<String> = ctx
            .reasons
            .iter()
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty())
            .collect();
        if action.needs_reason() && reasons.is_empty() {
            return Err(MoveRefused::ReasonRequired(action));
        }
        for r in &reasons {
            super::free_text::check(r, super::free_text::REASON_MAX)
                .map_err(MoveRefused::ReasonRefused)?;
        }
        if action == Move::Withdraw
            && let Some(batch) = &self.batch
        {
            return Err(MoveRefused::InSealedBatch(batch.clone()));
        }
        let mut next = self.clone();
        match action {
            Move::Schedule => {
                let failed = self.failed_problems(today, rules);
                if !failed.is_empty() {
                    return Err(MoveRefused::ChecksFailed(failed));
                }
                next.dispatch = ctx.dispatch;
            }
            Move::Observe => next.observations = reasons.clone(),
            Move::Take => {
                next.observations.clear();
                next.assignee = Some(ctx.actor.clone());
                next.taken_at = Some(ctx.at);
            }
            Move::Withdraw => next.dispatch = None,
            _ => {}
        }
        next.status = to;
        next.updated_at = ctx.at;
        next.version = self.version + 1;
        let entry = HistoryEntry {
            at: ctx.at,
            by: ctx.actor.clone(),
            action: Some(action),
            from: Some(self.status),
            to,
            reasons,
            changes: Vec::new(),
        };
        Ok((next, entry))
    }
}

/// The queue's order: arrival first, whatever the urgency; ids break ties.
pub fn arrival_order(a: &Ticket, b: &Ticket) -> std::cmp::Ordering {
    (a.registered_at, &a.id).cmp(&(b.registered_at, &b.id))
}

/// Formats the human-readable id.
pub fn ticket_id(year: i32, seq: u64) -> String {
    format!("T-{year}-{seq:06}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::applicant::{Attachment, ImageFormat, ImageInfo};
    use crate::domain::calendar::DispatchRules;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }
    fn img(w: u32, h: u32) -> Option<Attachment> {
        Some(Attachment {
            sha256: "a".repeat(64),
            file_name: "f.png".into(),
            bytes: 1,
            image: Some(ImageInfo {
                format: ImageFormat::Png,
                width: w,
                height: h,
            }),
        })
    }
    fn ticket(status: Status) -> Ticket {
        Ticket {
            id: ticket_id(2026, 7),
            kind: Kind::Emision,
            motive: Some('a'),
            status,
            registered_at: t("2026-11-23T09:00:00-05:00"),
            registered_by: "ana".into(),
            applicants: vec![Applicant {
                full_name: "Luis Chávez Rojas".into(),
                dni: "41234567".into(),
                dni_issued_on: Some("2020-01-10".parse().unwrap()),
                email: "lchavez@regioncajamarca.gob.pe".into(),
                photo: img(300, 400),
                signature: img(400, 100),
                payment_operation: None,
                cert_expires_on: None,
            }],
            certificate: None,
            dispatch: None,
            observations: vec![],
            assignee: None,
            updated_at: t("2026-11-23T09:00:00-05:00"),
            batch: None,
            approved_on: None,
            version: 0,
            taken_at: None,
        }
    }
    fn ctx(reasons: &[&str]) -> MoveContext {
        let at = t("2026-11-23T10:00:00-05:00");
        MoveContext {
            actor: "beto".into(),
            at,
            reasons: reasons.iter().map(|s| s.to_string()).collect(),
            dispatch: Some(DispatchRules::default().dispatch_for(at, at, None)),
            seen: None,
            oversees: false,
        }
    }
    fn today() -> NaiveDate {
        "2026-11-23".parse().unwrap()
    }

    #[test]
    fn ids_are_human_readable() {
        assert_eq!(ticket_id(2026, 123), "T-2026-000123");
    }

    #[test]
    fn taking_records_who_and_clears_the_observation() {
        let mut observed = ticket(Status::Observado);
        observed.observations = vec!["foto con lentes".into()];
        let (next, entry) = observed
            .apply(Move::Take, &ctx(&[]), today(), &ValidationRules::default())
            .unwrap();
        assert_eq!(next.status, Status::EnAtencion);
        assert_eq!(next.assignee.as_deref(), Some("beto"));
        assert!(next.observations.is_empty());
        assert_eq!(
            (entry.from, entry.to, entry.by.as_str()),
            (Some(Status::Observado), Status::EnAtencion, "beto")
        );
    }

    #[test]
    fn observing_needs_reasons_and_keeps_them() {
        let rules = ValidationRules::default();
        let working = ticket(Status::EnAtencion);
        let err = working
            .apply(Move::Observe, &ctx(&["  "]), today(), &rules)
            .unwrap_err();
        assert_eq!(err, MoveRefused::ReasonRequired(Move::Observe));
        let (next, entry) = working
            .apply(Move::Observe, &ctx(&["firma incompleta"]), today(), &rules)
            .unwrap();
        assert_eq!(next.status, Status::Observado);
        assert_eq!(next.observations, ["firma incompleta"]);
        assert_eq!(entry.reasons, ["firma incompleta"]);
    }

    #[test]
    fn scheduling_refuses_while_any_check_fails_and_lists_them_all() {
        let rules = ValidationRules::default();
        let mut working = ticket(Status::EnAtencion);
        working.applicants[0].photo = img(640, 480);
        working.applicants[0].signature = None;
        match working.apply(Move::Schedule, &ctx(&[]), today(), &rules) {
            Err(MoveRefused::ChecksFailed(problems)) => {
                assert_eq!(problems.len(), 2, "{problems:?}")
            }
            other => panic!("expected refusal, got {other:?}"),
        }
        let good = ticket(Status::EnAtencion);
        let (next, _) = good
            .apply(Move::Schedule, &ctx(&[]), today(), &rules)
            .unwrap();
        assert_eq!(next.status, Status::Programado);
        assert_eq!(
            next.dispatch.unwrap().dispatch.on,
            "2026-11-27".parse::<NaiveDate>().unwrap()
        );
    }

    #[test]
    fn withdrawing_a_scheduled_ticket_drops_its_dispatch() {
        let rules = ValidationRules::default();
        let (scheduled, _) = ticket(Status::EnAtencion)
            .apply(Move::Schedule, &ctx(&[]), today(), &rules)
            .unwrap();
        let (withdrawn, _) = scheduled
            .apply(
                Move::Withdraw,
                &ctx(&["ya no lo necesita"]),
                today(),
                &rules,
            )
            .unwrap();
        assert_eq!(withdrawn.status, Status::Anulado);
        assert!(withdrawn.dispatch.is_none());
    }

    #[test]
    fn a_ticket_in_a_sealed_batch_can_no_longer_be_withdrawn() {
        let rules = ValidationRules::default();
        let (mut scheduled, _) = ticket(Status::EnAtencion)
            .apply(Move::Schedule, &ctx(&[]), today(), &rules)
            .unwrap();
        scheduled.batch = Some("LOTE-2026-11-27".into());
        let err = scheduled
            .apply(Move::Withdraw, &ctx(&["x"]), today(), &rules)
            .unwrap_err();
        assert_eq!(err, MoveRefused::InSealedBatch("LOTE-2026-11-27".into()));
        assert!(err.to_string().contains("LOTE-2026-11-27"));
    }

    #[test]
    fn illegal_moves_are_refused_without_changing_anything() {
        let rules = ValidationRules::default();
        let sent = ticket(Status::Enviado);
        let err = sent
            .apply(Move::Withdraw, &ctx(&["x"]), today(), &rules)
            .unwrap_err();
        assert!(matches!(err, MoveRefused::Illegal(_)));
        assert_eq!(sent.status, Status::Enviado);
    }

    #[test]
    fn queue_order_is_arrival_then_id_whatever_the_urgency() {
        let mut early = ticket(Status::Nuevo);
        early.id = ticket_id(2026, 9);
        early.registered_at = t("2026-11-20T08:00:00-05:00");
        let mut urgent = ticket(Status::Nuevo);
        urgent.kind = Kind::Cancelacion;
        urgent.motive = Some('c');
        urgent.id = ticket_id(2026, 3);
        assert!(urgent.is_urgent());
        let mut same_time = ticket(Status::Nuevo);
        same_time.id = ticket_id(2026, 1);
        let mut q = [urgent.clone(), early.clone(), same_time.clone()];
        q.sort_by(arrival_order);
        let ids: Vec<&str> = q.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["T-2026-000009", "T-2026-000001", "T-2026-000003"]);
    }
}
