//! Which tickets a list or a queue view shows: pure matching, shared by the
//! command line and the console.

use chrono::NaiveDate;

use super::{Kind, Status, Ticket};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub statuses: Vec<Status>,
    pub kind: Option<Kind>,
    /// Dispatch day, in the desk's time zone.
    pub dispatch_on: Option<NaiveDate>,
    /// Free text over id, names, DNIs and emails; accents and case ignored.
    pub text: String,
    pub urgent_only: bool,
}

/// Lowercase without accents, so "Huamán" matches "huaman".
pub fn fold(s: &str) -> String {
    folded_chars(s).collect()
}

/// The characters of [`fold`]`(s)`, without building the string.
pub fn folded_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().flat_map(char::to_lowercase).map(without_accent)
}

/// One character folded, when it folds to exactly one (all but a few
/// letters whose lowercase is longer, like 'İ').
pub fn fold_char(c: char) -> Option<char> {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => Some(without_accent(l)),
        _ => None,
    }
}

fn without_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'ä' | 'â' => 'a',
        'é' | 'è' | 'ë' | 'ê' => 'e',
        'í' | 'ì' | 'ï' | 'î' => 'i',
        'ó' | 'ò' | 'ö' | 'ô' => 'o',
        'ú' | 'ù' | 'ü' | 'û' => 'u',
        'ñ' => 'n',
        other => other,
    }
}

impl Query {
    pub fn matches(&self, t: &Ticket) -> bool {
        if !self.statuses.is_empty() && !self.statuses.contains(&t.status) {
            return false;
        }
        if self.kind.is_some_and(|k| k != t.kind) {
            return false;
        }
        if let Some(day) = self.dispatch_on
            && t.dispatch.is_none_or(|d| d.dispatch.on != day)
        {
            return false;
        }
        if self.urgent_only && !t.is_urgent() {
            return false;
        }
        self.matches_text(t)
    }

    /// [`Query::matches`] on a ticket's queue row, which holds every field
    /// a query looks at (status, kind, dispatch day, urgency and the folded
    /// search text): the same answer without decoding the record.
    pub fn matches_row(&self, row: &super::QueueRow, words: &[String]) -> bool {
        if !self.statuses.is_empty() && !self.statuses.contains(&row.status) {
            return false;
        }
        if self.kind.is_some_and(|k| k != row.kind) {
            return false;
        }
        if let Some(day) = self.dispatch_on
            && row.dispatch.is_none_or(|d| d.on != day)
        {
            return false;
        }
        if self.urgent_only && !row.urgent {
            return false;
        }
        words.is_empty() || words_match(words, &row.haystack)
    }

    /// The one DNI the search text names, when it is exactly that (8
    /// digits): the DNI index answers it.
    pub fn dni(&self) -> Option<&str> {
        let t = self.text.trim();
        (t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit())).then_some(t)
    }

    /// The one ticket id the search text names (`T-2026-000123`).
    pub fn ticket_id(&self) -> Option<String> {
        let t = self.text.trim().to_ascii_uppercase();
        let mut parts = t.split('-');
        let ok = parts.next() == Some("T")
            && parts
                .next()
                .is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
            && parts
                .next()
                .is_some_and(|n| n.len() == 6 && n.bytes().all(|b| b.is_ascii_digit()))
            && parts.next().is_none();
        ok.then_some(t)
    }

    fn matches_text(&self, t: &Ticket) -> bool {
        let words = self.words();
        words.is_empty() || words_match(&words, &fold(&searchable(t)))
    }

    /// The free text as folded words, ready for [`words_match`].
    pub fn words(&self) -> Vec<String> {
        fold(&self.text)
            .split_whitespace()
            .map(String::from)
            .collect()
    }
}

/// Whether every word occurs in a haystack already [`fold`]ed (the console
/// keeps one per ticket so a keystroke never reloads tickets).
pub fn words_match(words: &[String], folded_haystack: &str) -> bool {
    words.iter().all(|w| folded_haystack.contains(w.as_str()))
}

/// The text the free-text filter looks at: id, names, DNIs and emails.
pub fn searchable(t: &Ticket) -> String {
    let mut s = t.id.clone();
    for a in &t.applicants {
        s.push(' ');
        s.push_str(&a.full_name);
        s.push(' ');
        s.push_str(&a.dni);
        s.push(' ');
        s.push_str(&a.email);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Applicant;

    fn ticket() -> Ticket {
        let at = "2026-11-23T14:00:00Z".parse().unwrap();
        Ticket {
            id: "T-2026-000042".into(),
            kind: Kind::Reemision,
            motive: Some('a'),
            status: Status::Nuevo,
            registered_at: at,
            registered_by: "ana".into(),
            applicants: vec![Applicant {
                full_name: "Rosa Huamán Quispe".into(),
                dni: "45781236".into(),
                dni_issued_on: None,
                email: "rhuaman@regioncajamarca.gob.pe".into(),
                photo: None,
                signature: None,
                payment_operation: None,
                cert_expires_on: None,
            }],
            certificate: None,
            dispatch: None,
            observations: vec![],
            assignee: None,
            updated_at: at,
            batch: None,
            approved_on: None,
            version: 0,
            taken_at: None,
        }
    }

    #[test]
    fn text_matches_id_name_dni_and_email_ignoring_accents_and_case() {
        let t = ticket();
        for text in ["000042", "huaman", "HUAMÁN rosa", "4578", "rhuaman@", ""] {
            assert!(
                Query {
                    text: text.into(),
                    ..Query::default()
                }
                .matches(&t),
                "{text}"
            );
        }
        assert!(
            !Query {
                text: "quispe pérez".into(),
                ..Query::default()
            }
            .matches(&t)
        );
    }

    #[test]
    fn filters_combine() {
        let t = ticket();
        let q = Query {
            statuses: vec![Status::Nuevo],
            kind: Some(Kind::Reemision),
            text: "rosa".into(),
            ..Query::default()
        };
        assert!(q.matches(&t));
        assert!(
            !Query {
                kind: Some(Kind::Emision),
                ..q.clone()
            }
            .matches(&t)
        );
        assert!(
            !Query {
                statuses: vec![Status::Cerrado],
                ..q.clone()
            }
            .matches(&t)
        );
        assert!(
            !Query {
                urgent_only: true,
                ..q.clone()
            }
            .matches(&t)
        );
        assert!(
            !Query {
                dispatch_on: Some("2026-11-27".parse().unwrap()),
                ..q
            }
            .matches(&t)
        );
    }

    #[test]
    fn a_queue_row_answers_every_query_as_the_ticket_does() {
        let mut t = ticket();
        let mut second = t.applicants[0].clone();
        second.full_name = "Luis Chávez Díaz".into();
        second.dni = "40112233".into();
        t.applicants.push(second);
        let row = super::super::QueueRow::of(&t);
        assert_eq!(row.dnis(), ["45781236", "40112233"]);
        let queries = [
            Query::default(),
            Query {
                text: "chavez".into(),
                ..Default::default()
            },
            Query {
                text: "40112233".into(),
                ..Default::default()
            },
            Query {
                text: "rosa luis".into(),
                ..Default::default()
            },
            Query {
                text: "nadie".into(),
                ..Default::default()
            },
            Query {
                statuses: vec![Status::Nuevo],
                ..Default::default()
            },
            Query {
                statuses: vec![Status::Cerrado],
                ..Default::default()
            },
            Query {
                kind: Some(Kind::Emision),
                ..Default::default()
            },
            Query {
                urgent_only: true,
                ..Default::default()
            },
        ];
        for q in queries {
            assert_eq!(q.matches_row(&row, &q.words()), q.matches(&t), "{q:?}");
        }
    }

    #[test]
    fn only_a_whole_dni_or_ticket_id_goes_to_an_index() {
        let q = |text: &str| Query {
            text: text.into(),
            ..Default::default()
        };
        assert_eq!(q(" 45781236 ").dni(), Some("45781236"));
        assert_eq!(q("4578123").dni(), None);
        assert_eq!(q("45781236 rosa").dni(), None);
        assert_eq!(
            q("t-2026-000042").ticket_id().as_deref(),
            Some("T-2026-000042")
        );
        assert_eq!(q("T-2026-00004").ticket_id(), None);
        assert_eq!(q("000042").ticket_id(), None);
    }
}
