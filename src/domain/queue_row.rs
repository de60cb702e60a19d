//! One ticket as the queue shows it: the columns, the folded text the filter
//! searches, and nothing else. The store keeps one per ticket beside the full
//! record (written in the same transaction), so the console can build its
//! index without decoding every ticket.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::query::{fold, searchable};
use super::{Dispatch, Kind, Status, Ticket};

/// Short field names: a million of these are read when the console opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRow {
    #[serde(rename = "i")]
    pub id: String,
    #[serde(rename = "r")]
    pub registered_at: DateTime<Utc>,
    #[serde(rename = "k")]
    pub kind: Kind,
    #[serde(rename = "m")]
    pub motive: Option<char>,
    /// First applicant's name, "+N" for more.
    #[serde(rename = "a")]
    pub applicants: String,
    #[serde(rename = "d")]
    pub dni: String,
    #[serde(rename = "s")]
    pub status: Status,
    #[serde(rename = "x")]
    pub dispatch: Option<Dispatch>,
    #[serde(rename = "u")]
    pub urgent: bool,
    #[serde(rename = "e")]
    pub cert_expires_on: Option<NaiveDate>,
    /// Who has it while `En atención` (see `domain::team::owner`).
    #[serde(rename = "o", default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The last day to download the certificate the ticket is about, while
    /// it awaits download. Not stored: it comes from the registry when the
    /// queue loads (`Desk::download_until_by_ticket`).
    #[serde(skip)]
    pub download_until: Option<NaiveDate>,
    /// Folded id, names, DNIs and emails.
    #[serde(rename = "h")]
    pub haystack: String,
}

impl QueueRow {
    pub fn of(t: &Ticket) -> QueueRow {
        let first = t.applicants.first();
        let mut applicants = first.map(|a| a.full_name.clone()).unwrap_or_default();
        if applicants.is_empty() {
            applicants = t.certificate.clone().unwrap_or_default();
        }
        if t.applicants.len() > 1 {
            applicants.push_str(&format!(" +{}", t.applicants.len() - 1));
        }
        QueueRow {
            id: t.id.clone(),
            registered_at: t.registered_at,
            kind: t.kind,
            motive: t.motive,
            applicants,
            dni: first.map(|a| a.dni.clone()).unwrap_or_default(),
            status: t.status,
            dispatch: t.dispatch.map(|d| d.dispatch),
            urgent: t.is_urgent(),
            cert_expires_on: t.cert_expires_on(),
            owner: super::team::owner(t).map(String::from),
            download_until: None,
            haystack: fold(&searchable(t)),
        }
    }

    /// Every applicant's DNI, from the search text (which holds each one
    /// as a word of 8 digits; ids, names and emails never are one): whose
    /// data a listing of this row shows, without decoding the record.
    pub fn dnis(&self) -> Vec<String> {
        self.haystack
            .split_whitespace()
            .filter(|w| w.len() == 8 && w.bytes().all(|b| b.is_ascii_digit()))
            .map(String::from)
            .collect()
    }
}
