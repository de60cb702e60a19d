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
    /// The other applicants' names as shown (a family's), in order: the
    /// row shows the one a search matched.
    #[serde(rename = "n", default, skip_serializing_if = "Vec::is_empty")]
    pub others: Vec<String>,
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
            others: t
                .applicants
                .iter()
                .skip(1)
                .map(|a| a.full_name.clone())
                .collect(),
        }
    }

    /// The applicant a search for `words` (folded) matched, when it is not
    /// the first: its place (1 for the second), name and DNI. The first
    /// applicant wins whenever it matches every word; otherwise the one
    /// matching most words, if that is not the first.
    pub fn matched_applicant(&self, words: &[String]) -> Option<(usize, String, String)> {
        let words: Vec<&str> = words
            .iter()
            .map(String::as_str)
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() || self.others.is_empty() {
            return None;
        }
        let groups = self.applicant_texts();
        let score = |g: &(String, String, String)| {
            words
                .iter()
                .filter(|w| g.0.contains(*w) || g.1.contains(*w) || g.2.contains(*w))
                .count()
        };
        let first = groups.first().map_or(0, score);
        if first == words.len() {
            return None;
        }
        let (k, best) = groups
            .iter()
            .enumerate()
            .skip(1)
            .map(|(k, g)| (k, score(g)))
            .max_by_key(|(k, n)| (*n, std::cmp::Reverse(*k)))?;
        if best <= first {
            return None;
        }
        let name = self
            .others
            .get(k - 1)
            .cloned()
            // A row stored before names were kept: the folded name, each
            // word capitalised (accents are not in the search text).
            .unwrap_or_else(|| {
                groups[k]
                    .0
                    .split(' ')
                    .map(|w| {
                        let mut c = w.chars();
                        c.next()
                            .map(|f| f.to_uppercase().chain(c).collect::<String>())
                            .unwrap_or_default()
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            });
        Some((k, name, groups[k].1.clone()))
    }

    /// Each applicant's folded name, DNI and email, from the search text
    /// (id, then name, DNI and email per applicant).
    fn applicant_texts(&self) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        let mut name: Vec<&str> = Vec::new();
        let mut tokens = self.haystack.split(' ').skip(1);
        while let Some(tok) = tokens.next() {
            if tok.len() == 8 && tok.bytes().all(|b| b.is_ascii_digit()) {
                let email = tokens.next().unwrap_or_default();
                out.push((name.join(" "), tok.to_string(), email.to_string()));
                name.clear();
            } else if !tok.is_empty() {
                name.push(tok);
            }
        }
        out
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

#[cfg(test)]
mod tests {
    use super::*;

    fn family() -> QueueRow {
        QueueRow {
            id: "T-2026-000042".into(),
            registered_at: "2026-11-23T14:00:00Z".parse().unwrap(),
            kind: Kind::Emision,
            motive: Some('a'),
            applicants: "Rosa Huamán Quispe +1".into(),
            dni: "41234567".into(),
            status: Status::Nuevo,
            dispatch: None,
            urgent: false,
            cert_expires_on: None,
            owner: None,
            download_until: None,
            haystack: fold(
                "T-2026-000042 Rosa Huamán Quispe 41234567 rhuaman@x.gob.pe \
                 José Ñique Díaz 45781236 jnique@x.gob.pe",
            ),
            others: vec!["José Ñique Díaz".into()],
        }
    }

    fn words(text: &str) -> Vec<String> {
        fold(text).split_whitespace().map(String::from).collect()
    }

    #[test]
    fn the_second_applicant_matched_by_dni_or_name() {
        let r = family();
        let want = Some((1, "José Ñique Díaz".to_string(), "45781236".to_string()));
        assert_eq!(r.matched_applicant(&words("4578")), want);
        assert_eq!(r.matched_applicant(&words("ñique")), want);
    }

    #[test]
    fn the_first_applicant_keeps_the_row_when_it_matches() {
        let r = family();
        assert_eq!(r.matched_applicant(&words("4123")), None);
        assert_eq!(r.matched_applicant(&words("gob.pe")), None);
        assert_eq!(r.matched_applicant(&[]), None);
    }

    #[test]
    fn a_row_stored_without_names_shows_the_first_applicant() {
        let mut r = family();
        r.others.clear();
        // Without stored names, no family is known: the first is shown.
        assert_eq!(r.matched_applicant(&words("4578")), None);
    }
}
