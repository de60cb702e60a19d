//! The weekly batch: what goes in, what blocks sealing, and the rows of the
//! export. Pure: the store seals, the exporter writes files.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::calendar::Dispatch;
use super::{Kind, Status, Ticket};

/// A sealed batch: its content is fixed once and for all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Batch {
    /// `LOTE-2026-11-27`: the dispatch day in the desk's time zone.
    pub id: String,
    pub dispatch: Dispatch,
    pub sealed_at: DateTime<Utc>,
    pub sealed_by: String,
    /// Why it was sealed before its dispatch moment, if it was.
    pub early_reason: Option<String>,
    /// Ticket ids in arrival order.
    pub tickets: Vec<String>,
    pub sent_at: Option<DateTime<Utc>>,
    pub sent_by: Option<String>,
    /// Why it was marked sent before its dispatch moment, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_early_reason: Option<String>,
}

pub fn batch_id(dispatch: &Dispatch) -> String {
    format!("LOTE-{}", dispatch.on.format("%Y-%m-%d"))
}

/// The tickets a batch for `dispatch` takes: scheduled for that very
/// moment, not yet in a batch, in arrival order.
pub fn content<'a>(tickets: &'a [Ticket], dispatch: &Dispatch) -> Vec<&'a Ticket> {
    let mut out: Vec<&Ticket> = tickets
        .iter()
        .filter(|t| {
            t.status == Status::Programado
                && t.batch.is_none()
                && t.dispatch.is_some_and(|d| d.dispatch.at == dispatch.at)
        })
        .collect();
    out.sort_by(|a, b| super::ticket::arrival_order(a, b));
    out
}

/// Counts per kind and motive, for the batch screen and `resumen.txt`.
pub fn counts(tickets: &[&Ticket]) -> BTreeMap<(Kind, Option<char>), usize> {
    let mut out = BTreeMap::new();
    for t in tickets {
        *out.entry((t.kind, t.motive)).or_insert(0) += 1;
    }
    out
}

/// One row of `solicitudes.csv` / `.xlsx`: one applicant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRow {
    pub number: usize,
    pub ticket: String,
    pub kind: Kind,
    pub motive: Option<char>,
    pub full_name: String,
    pub dni: String,
    pub dni_issued_on: Option<NaiveDate>,
    pub email: String,
    pub photo_file: Option<String>,
    pub signature_file: Option<String>,
    pub payment_operation: Option<String>,
    pub registered_on: NaiveDate,
    pub cert_expires_on: Option<NaiveDate>,
}

/// Where each attachment goes in the export: `fotos/<DNI>.jpg`, with a
/// suffix if one DNI appears twice in the batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    pub sha256: String,
    pub path: String,
}

pub struct ExportPlan {
    pub rows: Vec<RequestRow>,
    pub files: Vec<ExportFile>,
}

pub fn export_plan(tickets: &[Ticket], registered_on: impl Fn(&Ticket) -> NaiveDate) -> ExportPlan {
    let mut rows = Vec::new();
    let mut files: Vec<ExportFile> = Vec::new();
    let mut place = |folder: &str, dni: &str, att: &Option<super::Attachment>| -> Option<String> {
        let att = att.as_ref()?;
        let ext = att.image.map(|i| i.format.extension()).unwrap_or("bin");
        let mut path = format!("{folder}/{dni}.{ext}");
        let mut n = 2;
        while files
            .iter()
            .any(|f| f.path == path && f.sha256 != att.sha256)
        {
            path = format!("{folder}/{dni}-{n}.{ext}");
            n += 1;
        }
        if !files.iter().any(|f| f.path == path) {
            files.push(ExportFile {
                sha256: att.sha256.clone(),
                path: path.clone(),
            });
        }
        Some(path)
    };
    for t in tickets {
        for a in &t.applicants {
            let photo_file = place("fotos", &a.dni, &a.photo);
            let signature_file = place("firmas", &a.dni, &a.signature);
            rows.push(RequestRow {
                number: rows.len() + 1,
                ticket: t.id.clone(),
                kind: t.kind,
                motive: t.motive,
                full_name: a.full_name.clone(),
                dni: a.dni.clone(),
                dni_issued_on: a.dni_issued_on,
                email: a.email.clone(),
                photo_file,
                signature_file,
                payment_operation: a.payment_operation.clone(),
                registered_on: registered_on(t),
                cert_expires_on: a.cert_expires_on,
            });
        }
    }
    ExportPlan { rows, files }
}

/// `sha256sum` format, sorted by path.
pub fn manifest(entries: &mut [(String, String)]) -> String {
    entries.sort_by(|a, b| a.1.cmp(&b.1));
    entries
        .iter()
        .map(|(sha, path)| format!("{sha}  {path}\n"))
        .collect()
}

/// RENIEC's answer for one ticket, as imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Approved { on: NaiveDate },
    Rejected { on: NaiveDate, reason: String },
}

impl Outcome {
    /// The day RENIEC answered.
    pub fn on(&self) -> NaiveDate {
        match self {
            Outcome::Approved { on } | Outcome::Rejected { on, .. } => *on,
        }
    }
}

/// A date given for RENIEC's answer that cannot be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum AnswerDateRefused {
    /// Before the batch was sent to RENIEC.
    BeforeSent { date: NaiveDate, sent_on: NaiveDate },
    /// After today.
    InFuture { date: NaiveDate, today: NaiveDate },
}

/// RENIEC answers a batch it received: the answer's date is on or after
/// the day the batch was sent (`sent_on`, in the desk's time zone) and not
/// after today.
pub fn check_answer_date(
    date: NaiveDate,
    sent_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(), AnswerDateRefused> {
    if date > today {
        return Err(AnswerDateRefused::InFuture { date, today });
    }
    match sent_on {
        Some(sent_on) if date < sent_on => Err(AnswerDateRefused::BeforeSent { date, sent_on }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_dated_between_the_sending_and_today() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let (sent, today) = (d("2026-11-27"), d("2026-12-02"));
        let mut day = d("2026-11-01");
        while day < d("2026-12-31") {
            let r = check_answer_date(day, Some(sent), today);
            assert_eq!(r.is_ok(), day >= sent && day <= today, "{day}");
            day += chrono::Duration::days(1);
        }
        assert_eq!(
            check_answer_date(d("2026-08-01"), Some(sent), today),
            Err(AnswerDateRefused::BeforeSent {
                date: d("2026-08-01"),
                sent_on: sent
            })
        );
    }
    use crate::domain::applicant::{Applicant, Attachment, ImageFormat, ImageInfo};
    use crate::domain::calendar::{DispatchDecision, DispatchReason, DispatchRules};

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }
    fn att(sha: &str) -> Option<Attachment> {
        Some(Attachment {
            sha256: sha.into(),
            file_name: "x.jpg".into(),
            bytes: 1,
            image: Some(ImageInfo {
                format: ImageFormat::Jpeg,
                width: 300,
                height: 400,
            }),
        })
    }
    fn ticket(id: &str, at: &str, status: Status, dispatch: Option<Dispatch>, dni: &str) -> Ticket {
        Ticket {
            id: id.into(),
            kind: Kind::Emision,
            motive: Some('a'),
            status,
            registered_at: t(at),
            registered_by: "ana".into(),
            applicants: vec![Applicant {
                full_name: "X".into(),
                dni: dni.into(),
                dni_issued_on: None,
                email: "x@regioncajamarca.gob.pe".into(),
                photo: att(&format!("p{id}")),
                signature: att(&format!("s{id}")),
                payment_operation: None,
                cert_expires_on: None,
            }],
            certificate: None,
            dispatch: dispatch.map(|dispatch| DispatchDecision {
                dispatch,
                reason: DispatchReason::Next,
            }),
            observations: vec![],
            assignee: None,
            updated_at: t(at),
            batch: None,
            approved_on: None,
            version: 0,
            taken_at: None,
        }
    }

    #[test]
    fn a_batch_takes_the_scheduled_tickets_of_its_moment_in_arrival_order() {
        let rules = DispatchRules::default();
        let friday = rules.next_dispatch(t("2026-11-23T09:00:00-05:00"));
        let next = rules.next_dispatch(t("2026-11-28T09:00:00-05:00"));
        let mut sealed = ticket(
            "T5",
            "2026-11-19T08:00:00-05:00",
            Status::Programado,
            Some(friday),
            "5",
        );
        sealed.batch = Some("LOTE-X".into());
        let all = vec![
            ticket(
                "T3",
                "2026-11-21T08:00:00-05:00",
                Status::Programado,
                Some(friday),
                "3",
            ),
            ticket(
                "T1",
                "2026-11-20T08:00:00-05:00",
                Status::Programado,
                Some(friday),
                "1",
            ),
            ticket(
                "T2",
                "2026-11-20T09:00:00-05:00",
                Status::Programado,
                Some(next),
                "2",
            ),
            ticket(
                "T4",
                "2026-11-20T10:00:00-05:00",
                Status::EnAtencion,
                None,
                "4",
            ),
            sealed,
        ];
        let ids: Vec<&str> = content(&all, &friday)
            .iter()
            .map(|t| t.id.as_str())
            .collect();
        assert_eq!(ids, ["T1", "T3"]);
        assert_eq!(batch_id(&friday), "LOTE-2026-11-27");
    }

    #[test]
    fn export_names_files_by_dni_and_keeps_one_row_per_applicant() {
        let a = ticket(
            "T1",
            "2026-11-20T08:00:00-05:00",
            Status::Programado,
            None,
            "45781236",
        );
        let mut b = ticket(
            "T2",
            "2026-11-20T09:00:00-05:00",
            Status::Programado,
            None,
            "45781236",
        );
        b.applicants.push(b.applicants[0].clone());
        b.applicants[1].dni = "41234567".into();
        let plan = export_plan(&[a, b], |t| t.registered_at.date_naive());
        assert_eq!(plan.rows.len(), 3);
        assert_eq!(
            plan.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
            [1, 2, 3]
        );
        let paths: Vec<&str> = plan.files.iter().map(|f| f.path.as_str()).collect();
        // Same DNI with a different photo gets a suffix; same file is listed once.
        assert_eq!(
            paths,
            [
                "fotos/45781236.jpg",
                "firmas/45781236.jpg",
                "fotos/45781236-2.jpg",
                "firmas/45781236-2.jpg",
                "fotos/41234567.jpg",
                "firmas/41234567.jpg"
            ]
        );
    }

    #[test]
    fn the_manifest_is_in_sha256sum_format_sorted_by_path() {
        let mut entries = vec![
            ("bb".to_string(), "z.csv".to_string()),
            ("aa".to_string(), "fotos/1.jpg".to_string()),
        ];
        assert_eq!(manifest(&mut entries), "aa  fotos/1.jpg\nbb  z.csv\n");
    }
}
