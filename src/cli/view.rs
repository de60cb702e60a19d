//! How tickets are shown: JSON shapes and text lines.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::domain::calendar::{DispatchReason, DispatchRules};
use crate::domain::{HistoryEntry, Ticket};
use crate::strings;

#[derive(Debug, Serialize)]
pub struct ApplicantView<'a> {
    pub full_name: &'a str,
    pub dni: &'a str,
    pub email: &'a str,
}

#[derive(Debug, Serialize)]
pub struct TicketView<'a> {
    pub id: &'a str,
    pub kind: &'static str,
    pub motive: Option<String>,
    pub status: &'static str,
    pub registered_at: String,
    pub dispatch_at: Option<String>,
    pub dispatch_rule: Option<DispatchReason>,
    pub urgent: bool,
    pub certificate: Option<&'a str>,
    pub batch: Option<&'a str>,
    pub approved_on: Option<chrono::NaiveDate>,
    pub observations: &'a [String],
    pub applicants: Vec<ApplicantView<'a>>,
}

pub fn local(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).to_rfc3339()
}

pub fn ticket_view<'a>(t: &'a Ticket, rules: &DispatchRules) -> TicketView<'a> {
    TicketView {
        id: &t.id,
        kind: t.kind.code(),
        motive: t.motive.map(String::from),
        status: t.status.code(),
        registered_at: local(t.registered_at, rules.timezone),
        dispatch_at: t.dispatch.map(|d| local(d.dispatch.at, rules.timezone)),
        dispatch_rule: t.dispatch.map(|d| d.reason),
        urgent: t.is_urgent(),
        certificate: t.certificate.as_deref(),
        batch: t.batch.as_deref(),
        approved_on: t.approved_on,
        observations: &t.observations,
        applicants: t
            .applicants
            .iter()
            .map(|a| ApplicantView {
                full_name: &a.full_name,
                dni: &a.dni,
                email: &a.email,
            })
            .collect(),
    }
}

#[derive(Debug, Serialize)]
pub struct HistoryView<'a> {
    pub at: String,
    pub by: &'a str,
    pub from: Option<&'static str>,
    pub to: &'static str,
    pub reasons: &'a [String],
    /// A correction's changes, field by field, old → new.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub changes: &'a [crate::domain::correction::FieldChange],
}

pub fn history_view(h: &HistoryEntry, tz: Tz) -> HistoryView<'_> {
    HistoryView {
        at: local(h.at, tz),
        by: &h.by,
        from: h.from.map(|s| s.code()),
        to: h.to.code(),
        reasons: &h.reasons,
        changes: &h.changes,
    }
}

pub use crate::strings::words::moment;

/// The text of why a ticket got its dispatch moment.
pub fn dispatch_why(
    reason: &DispatchReason,
    dispatch: &crate::domain::Dispatch,
    rules: &DispatchRules,
) -> String {
    let mut s = match reason {
        DispatchReason::Next => strings::cli::dispatch_next().to_string(),
        DispatchReason::RenewalHeld {
            expires_on,
            latest_on,
            source,
        } => {
            strings::rules::dispatch_held(*expires_on, *latest_on, rules.renewal_lead_days, *source)
        }
    };
    s.push_str(&strings::rules::move_note(
        rules.move_note(dispatch).as_ref(),
    ));
    s
}
