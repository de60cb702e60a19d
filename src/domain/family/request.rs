//! One request of a family: its intake checks (fields and documents against
//! the type's definition), the stored record with its chain of steps, and
//! moving it one step on. Pure: today and now are arguments.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::working;
use super::{Check, DocKind, Family, RequestType};
use crate::domain::applicant::Attachment;
use crate::domain::calendar::DispatchRules;
use crate::domain::free_text::{self, TextRefused};

/// A document handed in with a request, before it is stored.
#[derive(Debug, Clone)]
pub struct IntakeDoc {
    pub slot: String,
    pub file_name: String,
    pub size: u64,
    /// The first bytes of the file (its signature).
    pub head: Vec<u8>,
}

/// What was handed in: field values and documents, by id.
#[derive(Debug, Clone, Default)]
pub struct Intake {
    pub fields: BTreeMap<String, String>,
    pub docs: Vec<IntakeDoc>,
}

/// One refusal: which field or document (its label, or the id given when
/// the type has none such) and the rule it broke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeProblem {
    pub field: String,
    pub rule: IntakeRule,
    /// The family's own words for this refusal, when its file gives them.
    pub refusal: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntakeRule {
    Required,
    UnknownField,
    UnknownDocument,
    Dni,
    Email,
    EmailDomain(Vec<String>),
    Date,
    DateInFuture,
    DateTooOld(i64),
    NotAChoice(Vec<String>),
    TooLong(usize),
    NotEqual(String),
    DocumentMissing,
    DocumentKind(DocKind),
    DocumentTooBig(u64),
    DocumentEmpty,
    /// A control character or a bidirectional override (it would act on
    /// the reader's terminal).
    ControlCharacters,
    /// Given twice on one request.
    Repeated,
}

fn problem(field: &str, rule: IntakeRule) -> IntakeProblem {
    IntakeProblem {
        field: field.to_string(),
        rule,
        refusal: None,
    }
}

fn is_dni(s: &str) -> bool {
    s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((u, d)) => {
            !u.is_empty()
                && !d.contains('@')
                && d.contains('.')
                && !d.starts_with('.')
                && !d.ends_with('.')
                && !s.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

pub use crate::domain::text::fold;

/// Whether the first bytes look like the kind of document asked for.
pub fn looks_like(kind: DocKind, file_name: &str, head: &[u8]) -> bool {
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase());
    match kind {
        DocKind::Pdf => head.starts_with(b"%PDF-"),
        // An XLSX is a ZIP; its name tells it from other ZIPs.
        DocKind::Xlsx => head.starts_with(b"PK\x03\x04") && ext.as_deref() == Some("xlsx"),
        DocKind::Image => {
            head.starts_with(&[0xFF, 0xD8, 0xFF]) || head.starts_with(b"\x89PNG\r\n\x1a\n")
        }
    }
}

/// Every problem with an intake, in the order of the type's definition
/// (fields, then documents, then anything the type does not know).
pub fn check_intake(rt: &RequestType, intake: &Intake, today: NaiveDate) -> Vec<IntakeProblem> {
    let mut out = Vec::new();
    for f in &rt.fields {
        let value = intake.fields.get(&f.id).map(|v| v.trim()).unwrap_or("");
        match free_text::check(value, free_text::REASON_MAX) {
            Err(TextRefused::ControlCharacters) => {
                out.push(problem(&f.label, IntakeRule::ControlCharacters));
                continue;
            }
            Err(TextRefused::TooLong { max, .. }) => {
                out.push(problem(&f.label, IntakeRule::TooLong(max)));
                continue;
            }
            Ok(()) => {}
        }
        if value.is_empty() {
            if f.required {
                out.push(problem(&f.label, IntakeRule::Required));
            }
            continue;
        }
        let rule = match &f.check {
            Check::Dni => (!is_dni(value)).then_some(IntakeRule::Dni),
            Check::Email { domains } => {
                if !is_email(value) {
                    Some(IntakeRule::Email)
                } else {
                    let domain = value.rsplit('@').next().unwrap_or("").to_ascii_lowercase();
                    let inside = domains.iter().any(|d| {
                        let d = d.to_ascii_lowercase();
                        domain == d || domain.ends_with(&format!(".{d}"))
                    });
                    (!domains.is_empty() && !inside)
                        .then(|| IntakeRule::EmailDomain(domains.clone()))
                }
            }
            Check::Date { max_age_days } => match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
                Err(_) => Some(IntakeRule::Date),
                Ok(d) if d > today => Some(IntakeRule::DateInFuture),
                Ok(d) => max_age_days
                    .filter(|max| (today - d).num_days() > *max)
                    .map(IntakeRule::DateTooOld),
            },
            Check::Choice { options } => (!options.iter().any(|o| fold(o) == fold(value)))
                .then(|| IntakeRule::NotAChoice(options.clone())),
            Check::Text { max_len, equals } => {
                if let Some(max) = max_len.filter(|m| value.chars().count() > *m) {
                    Some(IntakeRule::TooLong(max))
                } else if let Some(other) = equals {
                    let theirs = intake.fields.get(other).map(|v| v.trim()).unwrap_or("");
                    let label = rt
                        .fields
                        .iter()
                        .find(|x| &x.id == other)
                        .map_or(other.clone(), |x| x.label.clone());
                    (fold(theirs) != fold(value)).then_some(IntakeRule::NotEqual(label))
                } else {
                    None
                }
            }
        };
        if let Some(rule) = rule {
            out.push(IntakeProblem {
                field: f.label.clone(),
                rule,
                refusal: f.refusal.clone(),
            });
        }
    }
    for d in &rt.documents {
        let given: Vec<&IntakeDoc> = intake.docs.iter().filter(|x| x.slot == d.id).collect();
        if given.len() > 1 {
            out.push(problem(&d.label, IntakeRule::Repeated));
            continue;
        }
        let Some(doc) = given.first() else {
            if d.required {
                out.push(problem(&d.label, IntakeRule::DocumentMissing));
            }
            continue;
        };
        if doc.size == 0 {
            out.push(problem(&d.label, IntakeRule::DocumentEmpty));
        } else if doc.size > d.max_bytes {
            out.push(problem(&d.label, IntakeRule::DocumentTooBig(d.max_bytes)));
        } else if !looks_like(d.kind, &doc.file_name, &doc.head) {
            out.push(problem(&d.label, IntakeRule::DocumentKind(d.kind)));
        }
    }
    for k in intake.fields.keys() {
        if !rt.fields.iter().any(|f| &f.id == k) {
            out.push(problem(k, IntakeRule::UnknownField));
        }
    }
    for doc in &intake.docs {
        if !rt.documents.iter().any(|d| d.id == doc.slot) {
            out.push(problem(&doc.slot, IntakeRule::UnknownDocument));
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestDoc {
    pub slot: String,
    pub attachment: Attachment,
}

/// What happened at one step: what was sent, to whom, when, by whom, and
/// the answer with its documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepLog {
    pub step: String,
    pub office: String,
    pub started: DateTime<Utc>,
    pub done: DateTime<Utc>,
    pub sent: String,
    pub sent_to: Vec<String>,
    pub answer: String,
    pub answer_docs: Vec<Attachment>,
    pub by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub id: String,
    pub family: String,
    pub kind: String,
    pub fields: BTreeMap<String, String>,
    pub documents: Vec<RequestDoc>,
    pub received_at: DateTime<Utc>,
    /// The moment its deadlines count from (after the cut-off: the next
    /// working day's opening).
    pub counts_from: DateTime<Utc>,
    pub received_by: String,
    /// The chain of step ids, as the type had it at intake.
    pub steps: Vec<String>,
    /// Index into `steps`; `None` once the last step is done.
    pub current: Option<usize>,
    /// When the current step started (counting moment).
    pub step_started: DateTime<Utc>,
    pub status: String,
    pub log: Vec<StepLog>,
}

/// Why a request cannot move on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdvanceRefused {
    Closed,
    /// The family's file no longer has the step the request is at.
    StepGone(String),
    BadAddress(String),
    /// What was sent or answered breaks the free-text rule.
    Text(AdvanceText, TextRefused),
}

/// Which text of a step was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdvanceText {
    Sent,
    Answer,
}

impl Request {
    /// A new request at its first step.
    pub fn new(
        family: &Family,
        rt: &RequestType,
        intake: &Intake,
        documents: Vec<RequestDoc>,
        by: &str,
        now: DateTime<Utc>,
        rules: &DispatchRules,
    ) -> Request {
        let counts_from = working::counts_from(now, &family.hours, rules);
        let first = family.step(&rt.steps[0]);
        Request {
            id: String::new(),
            family: family.id.clone(),
            kind: rt.id.clone(),
            fields: intake
                .fields
                .iter()
                .map(|(k, v)| (k.clone(), v.trim().to_string()))
                .collect(),
            documents,
            received_at: now,
            counts_from,
            received_by: by.to_string(),
            steps: rt.steps.clone(),
            current: Some(0),
            step_started: counts_from,
            status: first.map_or_else(|| family.closed_status.clone(), |s| s.status.clone()),
            log: Vec::new(),
        }
    }

    /// The SHA-256 of every document it holds: handed in and answered.
    pub fn attachment_hashes(&self) -> Vec<String> {
        self.documents
            .iter()
            .map(|d| d.attachment.sha256.clone())
            .chain(
                self.log
                    .iter()
                    .flat_map(|l| l.answer_docs.iter().map(|a| a.sha256.clone())),
            )
            .collect()
    }

    /// The local day it was closed (`None` while open): what the 5-year
    /// retention counts from.
    pub fn closed_on(&self, tz: chrono_tz::Tz) -> Option<NaiveDate> {
        self.is_closed()
            .then(|| self.step_started.with_timezone(&tz).date_naive())
    }

    pub fn is_closed(&self) -> bool {
        self.current.is_none()
    }

    pub fn current_step<'f>(&self, family: &'f Family) -> Option<&'f super::StepDef> {
        self.current
            .and_then(|i| self.steps.get(i))
            .and_then(|id| family.step(id))
    }

    /// When the current step is due (`None` once closed).
    pub fn due(&self, family: &Family, rules: &DispatchRules) -> Option<DateTime<Utc>> {
        let step = self.current_step(family)?;
        Some(working::due(
            self.step_started,
            step.deadline,
            &family.hours,
            rules,
        ))
    }

    pub fn overdue(&self, family: &Family, rules: &DispatchRules, now: DateTime<Utc>) -> bool {
        self.due(family, rules).is_some_and(|d| now > d)
    }

    /// The current step done: its log entry is written and the next step
    /// starts now (or the request closes after the last).
    #[allow(clippy::too_many_arguments)]
    pub fn advance(
        &self,
        family: &Family,
        sent: &str,
        sent_to: &[String],
        answer: &str,
        answer_docs: Vec<Attachment>,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<Request, AdvanceRefused> {
        let Some(i) = self.current else {
            return Err(AdvanceRefused::Closed);
        };
        let id = self.steps.get(i).cloned().unwrap_or_default();
        let step = family
            .step(&id)
            .ok_or_else(|| AdvanceRefused::StepGone(id.clone()))?;
        for (which, text) in [(AdvanceText::Sent, sent), (AdvanceText::Answer, answer)] {
            free_text::check(text.trim(), free_text::REASON_MAX)
                .map_err(|e| AdvanceRefused::Text(which, e))?;
        }
        if let Some(bad) = sent_to.iter().find(|a| !is_email(a.trim())) {
            return Err(AdvanceRefused::BadAddress(bad.clone()));
        }
        let to: Vec<String> = if sent_to.is_empty() {
            step.to.clone()
        } else {
            sent_to.iter().map(|a| a.trim().to_string()).collect()
        };
        let mut next = self.clone();
        next.log.push(StepLog {
            step: id,
            office: step.office.clone(),
            started: self.step_started,
            done: now,
            sent: sent.trim().to_string(),
            sent_to: to,
            answer: answer.trim().to_string(),
            answer_docs,
            by: by.to_string(),
        });
        next.step_started = now;
        if i + 1 < self.steps.len() {
            next.current = Some(i + 1);
            next.status = family
                .step(&self.steps[i + 1])
                .map_or_else(|| family.closed_status.clone(), |s| s.status.clone());
        } else {
            next.current = None;
            next.status = family.closed_status.clone();
        }
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse_family;
    use super::*;

    const FAMILY: &str = r#"
id = "f"
name = "F"
closed_status = "cerrada"
[[statuses]]
id = "curso"
name = "En curso"
[[statuses]]
id = "cerrada"
name = "Cerrada"
[[steps]]
id = "a"
name = "A"
office = "Mesa"
to = ["a@x.gob.pe"]
deadline = { amount = 1, unit = "days" }
status = "curso"
[[steps]]
id = "b"
name = "B"
office = "Otro"
deadline = { amount = 2, unit = "hours" }
status = "curso"
[[types]]
id = "t"
name = "T"
[[types.fields]]
id = "grupo"
label = "Grupo"
check = "choice"
options = ["Médico ginecólogo", "Obstetra"]
refusal = "el usuario ingresado no pertenece a un grupo válido"
[[types.fields]]
id = "vigencia"
label = "Vigencia de poder"
check = "date"
max_age_days = 30
[[types.fields]]
id = "solicitante"
label = "DNI del solicitante"
check = "text"
equals = "coordinador"
[[types.fields]]
id = "coordinador"
label = "DNI del coordinador"
check = "dni"
[[types.documents]]
id = "oficio"
label = "Oficio"
kind = "pdf"
max_kb = 1
"#;

    fn fam() -> Family {
        parse_family("f.toml", FAMILY).unwrap()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
    }

    fn good() -> Intake {
        let mut fields = BTreeMap::new();
        fields.insert("grupo".into(), "medico GINECOLOGO".into());
        fields.insert("vigencia".into(), "2026-11-20".into());
        fields.insert("solicitante".into(), "12345678".into());
        fields.insert("coordinador".into(), "12345678".into());
        Intake {
            fields,
            docs: vec![IntakeDoc {
                slot: "oficio".into(),
                file_name: "oficio.pdf".into(),
                size: 100,
                head: b"%PDF-1.7".to_vec(),
            }],
        }
    }

    #[test]
    fn a_good_intake_passes() {
        let f = fam();
        assert_eq!(check_intake(&f.types[0], &good(), today()), vec![]);
    }

    #[test]
    fn each_named_refusal_is_found() {
        let f = fam();
        let mut i = good();
        i.fields.insert("grupo".into(), "Enfermera".into());
        i.fields.insert("vigencia".into(), "2026-10-01".into());
        i.fields.insert("solicitante".into(), "87654321".into());
        let p = check_intake(&f.types[0], &i, today());
        assert_eq!(p.len(), 3, "{p:?}");
        assert_eq!(p[0].field, "Grupo");
        assert_eq!(
            p[0].refusal.as_deref(),
            Some("el usuario ingresado no pertenece a un grupo válido")
        );
        assert_eq!(p[1].rule, IntakeRule::DateTooOld(30));
        assert_eq!(
            p[2].rule,
            IntakeRule::NotEqual("DNI del coordinador".into())
        );
    }

    #[test]
    fn control_characters_and_repeated_documents_are_refused() {
        let f = fam();
        let mut i = good();
        i.fields
            .insert("solicitante".into(), "1234\u{1b}[2J5678".into());
        i.docs.push(i.docs[0].clone());
        let p = check_intake(&f.types[0], &i, today());
        assert_eq!(p[0].rule, IntakeRule::ControlCharacters);
        assert_eq!(p[1].rule, IntakeRule::Repeated);
        let rules = DispatchRules::default();
        let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 12, 3, 15, 0, 0).unwrap();
        let r = Request::new(&f, &f.types[0], &good(), vec![], "ana", now, &rules);
        assert_eq!(
            r.advance(&f, "", &[], "ok\u{7}", vec![], "ana", now),
            Err(AdvanceRefused::Text(
                AdvanceText::Answer,
                TextRefused::ControlCharacters
            ))
        );
    }

    #[test]
    fn documents_are_checked_by_kind_and_size() {
        let f = fam();
        let mut i = good();
        i.docs[0].head = b"PK\x03\x04".to_vec();
        assert_eq!(
            check_intake(&f.types[0], &i, today())[0].rule,
            IntakeRule::DocumentKind(DocKind::Pdf)
        );
        i.docs[0].head = b"%PDF-".to_vec();
        i.docs[0].size = 2000;
        assert_eq!(
            check_intake(&f.types[0], &i, today())[0].rule,
            IntakeRule::DocumentTooBig(1024)
        );
        i.docs.clear();
        assert_eq!(
            check_intake(&f.types[0], &i, today())[0].rule,
            IntakeRule::DocumentMissing
        );
    }

    #[test]
    fn advancing_logs_the_step_and_closes_after_the_last() {
        let f = fam();
        let rules = DispatchRules::default();
        let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 12, 3, 15, 0, 0).unwrap();
        let r = Request::new(&f, &f.types[0], &good(), vec![], "ana", now, &rules);
        assert_eq!(r.status, "curso");
        let r1 = r
            .advance(&f, "oficio", &[], "recibido", vec![], "ana", now)
            .unwrap();
        assert_eq!(r1.current, Some(1));
        assert_eq!(r1.log[0].sent_to, vec!["a@x.gob.pe"]);
        let r2 = r1
            .advance(
                &f,
                "",
                &["b@y.gob.pe".into()],
                "activado",
                vec![],
                "ana",
                now,
            )
            .unwrap();
        assert!(r2.is_closed());
        assert_eq!(r2.status, "cerrada");
        assert_eq!(
            r2.advance(&f, "", &[], "", vec![], "ana", now),
            Err(AdvanceRefused::Closed)
        );
        assert_eq!(
            r1.advance(&f, "", &["nadie".into()], "", vec![], "ana", now),
            Err(AdvanceRefused::BadAddress("nadie".into()))
        );
    }
}
