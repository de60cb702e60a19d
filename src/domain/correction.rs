//! Correcting a ticket on the ticket itself (domain.md, "Correcting an
//! observed ticket"): it keeps its arrival time and its own payment
//! receipt; the DNI never changes; kind and motive only before scheduling,
//! with the payment rule checked again; every change is recorded old → new
//! (attachments by hash).
//!
//! Pure: the store hands in the ticket and its receipts as they are inside
//! its transaction, and writes what comes out.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::applicant::{
    Attachment, Field, PaymentReceipt, Problem, Rule, ValidationRules, check_email,
    check_not_future, check_payment_link, check_photo, check_receipt, check_signature, check_text,
};
use super::lifecycle::{Move, Status, transition};
use super::procedure::Kind;
use super::ticket::{HistoryEntry, Ticket};

/// The receipt fields a correction gives; the rest are kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReceiptEdit {
    pub operation: Option<String>,
    pub paid_on: Option<NaiveDate>,
    pub amount_cents: Option<u32>,
    pub tribute_code: Option<String>,
    pub ruc: Option<String>,
}

impl ReceiptEdit {
    pub fn is_empty(&self) -> bool {
        *self == ReceiptEdit::default()
    }
}

/// What a correction says about one applicant: `None` keeps the value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplicantEdit {
    /// Position on the ticket, 0-based.
    pub index: usize,
    pub full_name: Option<String>,
    /// Never changes: when given it must be the applicant's own.
    pub dni: Option<String>,
    pub dni_issued_on: Option<NaiveDate>,
    pub email: Option<String>,
    pub photo: Option<Attachment>,
    pub signature: Option<Attachment>,
    pub receipt: ReceiptEdit,
    pub cert_expires_on: Option<NaiveDate>,
}

/// A correction of a ticket: its kind and motive, and its applicants.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Correction {
    pub kind: Option<Kind>,
    /// `Some(None)` clears it (a kind without motives).
    pub motive: Option<Option<char>>,
    pub applicants: Vec<ApplicantEdit>,
    /// Why, in the analyst's words (optional).
    pub reason: Option<String>,
    /// When the ticket the analyst corrected had last changed, as they saw
    /// it: a ticket changed since is refused, never overwritten.
    pub seen: Option<DateTime<Utc>>,
}

/// One field's old and new value, as recorded in the history. Dates are
/// ISO, amounts céntimos, attachments their SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// 1-based applicant; `None` for the ticket's kind and motive.
    pub applicant: Option<usize>,
    pub field: Field,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Why a correction was refused. Nothing is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorrectionRefused {
    /// Another analyst owns the ticket (see `domain::team`).
    Team(super::team::TeamRefused),
    /// Sent, answered, closed or withdrawn: what RENIEC has does not change.
    NotCorrectable {
        id: String,
        status: Status,
    },
    Sealed {
        id: String,
        batch: String,
    },
    DniFixed {
        id: String,
        current: String,
        given: String,
    },
    NoSuchApplicant {
        id: String,
        given: usize,
        count: usize,
    },
    KindAfterScheduling {
        id: String,
        status: Status,
    },
    KindFamily {
        from: Kind,
        to: Kind,
    },
    NotTaken {
        kind: Kind,
        field: Field,
    },
    /// Values that break a rule: (1-based applicant, problem).
    Invalid(Vec<(Option<usize>, Problem)>),
    NoChanges(String),
    ChangedMeanwhile(String),
    /// The reason is too long or carries terminal controls.
    Reason(super::free_text::TextRefused),
}

/// What the store writes for a correction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corrected {
    pub ticket: Ticket,
    pub entry: HistoryEntry,
    /// Receipts to write (new, or changed fields) for this ticket.
    pub put_receipts: Vec<PaymentReceipt>,
    /// Operation numbers this ticket no longer holds: freed for others.
    pub released: Vec<String>,
}

/// Operation numbers compare without case or surrounding blanks.
pub fn same_operation(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// The time and who of a correction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectionContext<'a> {
    pub actor: &'a str,
    /// A supervisor: may correct a ticket another analyst has.
    pub oversees: bool,
    pub at: DateTime<Utc>,
    pub today: NaiveDate,
    pub rules: &'a ValidationRules,
}

fn date(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

fn hash(a: &Option<Attachment>) -> Option<String> {
    a.as_ref().map(|a| a.sha256.clone())
}

/// Applies a correction: the corrected ticket, its history entry (with every
/// change old → new) and the receipts to write and release; or why not.
/// `receipts` holds each applicant's stored receipt, in order.
pub fn correct(
    current: &Ticket,
    receipts: &[Option<PaymentReceipt>],
    c: &Correction,
    ctx: &CorrectionContext,
) -> Result<Corrected, CorrectionRefused> {
    let id = current.id.clone();
    if let Some(batch) = &current.batch {
        return Err(CorrectionRefused::Sealed {
            id,
            batch: batch.clone(),
        });
    }
    if c.seen.is_some_and(|seen| seen != current.updated_at) {
        return Err(CorrectionRefused::ChangedMeanwhile(id));
    }
    // After the change check: a form opened before someone took the ticket
    // hears first that it changed.
    super::team::may_move(current, ctx.actor, ctx.oversees).map_err(CorrectionRefused::Team)?;
    if let Some(r) = &c.reason {
        super::free_text::check(r.trim(), super::free_text::REASON_MAX)
            .map_err(CorrectionRefused::Reason)?;
    }
    let to = transition(current.kind, current.status, Move::Correct).map_err(|_| {
        CorrectionRefused::NotCorrectable {
            id: id.clone(),
            status: current.status,
        }
    })?;
    let rules = ctx.rules;
    let mut changes: Vec<FieldChange> = Vec::new();
    let mut problems: Vec<(Option<usize>, Problem)> = Vec::new();

    // Kind and motive.
    let kind = c.kind.unwrap_or(current.kind);
    let motive = match c.motive {
        Some(m) => m.map(|m| m.to_ascii_lowercase()),
        None if kind != current.kind => None,
        None => current.motive,
    };
    let kind_changed = kind != current.kind || motive != current.motive;
    if kind_changed {
        if current.status == Status::Programado {
            return Err(CorrectionRefused::KindAfterScheduling {
                id,
                status: current.status,
            });
        }
        if kind != current.kind && !(kind.is_batched() && current.kind.is_batched()) {
            return Err(CorrectionRefused::KindFamily {
                from: current.kind,
                to: kind,
            });
        }
        match motive {
            Some(_) if !kind.takes_motive() => {
                problems.push((
                    None,
                    Problem::new(Field::Motive, Rule::MotiveNotTaken { kind }),
                ));
            }
            Some(m) if kind.motive(m).is_none() => problems.push((
                None,
                Problem::new(
                    Field::Motive,
                    Rule::MotiveUnknown {
                        kind,
                        given: m.to_string(),
                    },
                ),
            )),
            None if kind.takes_motive() => problems.push((
                None,
                Problem::new(Field::Motive, Rule::MotiveRequired { kind }),
            )),
            _ => {}
        }
        if kind != current.kind {
            changes.push(FieldChange {
                applicant: None,
                field: Field::Kind,
                old: Some(current.kind.code().to_string()),
                new: Some(kind.code().to_string()),
            });
        }
        if motive != current.motive {
            changes.push(FieldChange {
                applicant: None,
                field: Field::Motive,
                old: current.motive.map(String::from),
                new: motive.map(String::from),
            });
        }
    }

    let mut next = current.clone();
    next.version = current.version + 1;
    next.kind = kind;
    next.motive = motive;
    let mut put_receipts = Vec::new();
    let mut released = Vec::new();
    let count = current.applicants.len();
    let takes_media = kind.spec().needs_applicants;

    let mut edited = vec![false; count];
    for e in &c.applicants {
        if e.index >= count {
            return Err(CorrectionRefused::NoSuchApplicant {
                id,
                given: e.index + 1,
                count,
            });
        }
        let n = Some(e.index + 1);
        let before = &current.applicants[e.index];
        let after = &mut next.applicants[e.index];
        if let Some(dni) = &e.dni
            && dni.trim() != before.dni
        {
            return Err(CorrectionRefused::DniFixed {
                id,
                current: before.dni.clone(),
                given: dni.trim().chars().take(20).collect(),
            });
        }
        let not_taken = |field| CorrectionRefused::NotTaken { kind, field };
        if !takes_media {
            for (given, field) in [
                (e.dni_issued_on.is_some(), Field::DniIssuedOn),
                (e.photo.is_some(), Field::Photo),
                (e.signature.is_some(), Field::Signature),
            ] {
                if given {
                    return Err(not_taken(field));
                }
            }
        }
        let mut change = |field, old: Option<String>, new: Option<String>| {
            if old != new {
                changes.push(FieldChange {
                    applicant: n,
                    field,
                    old,
                    new,
                });
            }
        };
        if let Some(name) = &e.full_name {
            let name = name.trim().to_string();
            if name != before.full_name {
                problems.extend(
                    check_text(Field::FullName, &name, rules)
                        .into_iter()
                        .map(|p| (n, p)),
                );
                change(
                    Field::FullName,
                    Some(before.full_name.clone()),
                    Some(name.clone()),
                );
                after.full_name = name;
            }
        }
        if let Some(d) = e.dni_issued_on
            && Some(d) != before.dni_issued_on
        {
            let too_early = (d < crate::domain::applicant::reniec_founded()).then(|| {
                Problem::new(
                    Field::DniIssuedOn,
                    Rule::DniIssuedBeforeReniec {
                        date: d,
                        earliest: crate::domain::applicant::reniec_founded(),
                    },
                )
            });
            problems.extend(
                too_early
                    .into_iter()
                    .chain(check_not_future(Field::DniIssuedOn, d, ctx.today))
                    .map(|p| (n, p)),
            );
            change(
                Field::DniIssuedOn,
                date(before.dni_issued_on),
                date(Some(d)),
            );
            after.dni_issued_on = Some(d);
        }
        if let Some(email) = &e.email {
            let email = email.trim().to_string();
            if email != before.email {
                problems.extend(check_email(&email, rules).into_iter().map(|p| (n, p)));
                change(
                    Field::Email,
                    Some(before.email.clone()),
                    Some(email.clone()),
                );
                after.email = email;
            }
        }
        if let Some(photo) = &e.photo
            && hash(&before.photo).as_deref() != Some(photo.sha256.as_str())
        {
            problems.extend(check_photo(Some(photo), rules).into_iter().map(|p| (n, p)));
            change(
                Field::Photo,
                hash(&before.photo),
                Some(photo.sha256.clone()),
            );
            after.photo = Some(photo.clone());
        }
        if let Some(sig) = &e.signature
            && hash(&before.signature).as_deref() != Some(sig.sha256.as_str())
        {
            problems.extend(check_signature(Some(sig)).into_iter().map(|p| (n, p)));
            change(
                Field::Signature,
                hash(&before.signature),
                Some(sig.sha256.clone()),
            );
            after.signature = Some(sig.clone());
        }
        if let Some(d) = e.cert_expires_on
            && Some(d) != before.cert_expires_on
        {
            problems.extend(
                crate::domain::applicant::check_cert_expiry(kind, motive, Some(d), ctx.today)
                    .into_iter()
                    .map(|p| (n, p)),
            );
            change(
                Field::CertExpiresOn,
                date(before.cert_expires_on),
                date(Some(d)),
            );
            after.cert_expires_on = Some(d);
        }
        if !e.receipt.is_empty() {
            edited[e.index] = true;
            let stored = receipts.get(e.index).cloned().flatten();
            let r = &e.receipt;
            let base = match (&stored, &r.operation, r.paid_on, r.amount_cents) {
                (Some(s), ..) => Some(s.clone()),
                (None, Some(op), Some(paid_on), Some(amount_cents)) => Some(PaymentReceipt {
                    operation: op.clone(),
                    paid_on,
                    amount_cents,
                    tribute_code: rules.tribute_code.clone(),
                    ruc: rules.ruc.clone(),
                }),
                (None, ..) => None,
            };
            match base {
                None => problems.push((n, Problem::new(Field::Payment, Rule::PaymentIncomplete))),
                Some(base) => {
                    let new = PaymentReceipt {
                        operation: r
                            .operation
                            .as_ref()
                            .map(|o| o.trim().to_string())
                            .unwrap_or(base.operation.clone()),
                        paid_on: r.paid_on.unwrap_or(base.paid_on),
                        amount_cents: r.amount_cents.unwrap_or(base.amount_cents),
                        tribute_code: r.tribute_code.clone().unwrap_or(base.tribute_code.clone()),
                        ruc: r.ruc.clone().unwrap_or(base.ruc.clone()),
                    };
                    problems.extend(
                        check_receipt(&new, ctx.today, rules)
                            .into_iter()
                            .map(|p| (n, p)),
                    );
                    let old = stored.as_ref();
                    let op_changed =
                        !old.is_some_and(|o| same_operation(&o.operation, &new.operation));
                    if op_changed
                        && current.applicants.iter().enumerate().any(|(i, a)| {
                            i != e.index
                                && a.payment_operation
                                    .as_deref()
                                    .is_some_and(|o| same_operation(o, &new.operation))
                        })
                    {
                        problems.push((
                            n,
                            Problem::new(
                                Field::PaymentOperation,
                                Rule::OperationReused {
                                    ticket: Some(current.id.clone()),
                                },
                            ),
                        ));
                    }
                    change(
                        Field::PaymentOperation,
                        old.map(|o| o.operation.clone()),
                        Some(new.operation.clone()),
                    );
                    change(
                        Field::PaymentDate,
                        old.map(|o| o.paid_on.to_string()),
                        Some(new.paid_on.to_string()),
                    );
                    change(
                        Field::PaymentAmount,
                        old.map(|o| o.amount_cents.to_string()),
                        Some(new.amount_cents.to_string()),
                    );
                    change(
                        Field::PaymentTribute,
                        old.map(|o| o.tribute_code.clone()),
                        Some(new.tribute_code.clone()),
                    );
                    change(
                        Field::PaymentRuc,
                        old.map(|o| o.ruc.clone()),
                        Some(new.ruc.clone()),
                    );
                    if old != Some(&new) {
                        if op_changed && let Some(o) = old {
                            released.push(o.operation.clone());
                        }
                        after.payment_operation = Some(new.operation.clone());
                        put_receipts.push(new);
                    }
                }
            }
        }
    }

    // The payment rule, again, for every applicant when the motive changed.
    for (i, a) in next.applicants.iter_mut().enumerate() {
        let n = Some(i + 1);
        let linked = a.payment_operation.clone();
        let problem = check_payment_link(kind, motive, linked.as_deref());
        match problem.first().map(|p| &p.rule) {
            // A motive that is no longer paid frees the receipt the
            // staff member had linked (they can use it elsewhere).
            Some(Rule::PaymentNotAllowed { .. }) if kind_changed && !edited[i] => {
                let op = linked.unwrap_or_default();
                changes.push(FieldChange {
                    applicant: n,
                    field: Field::PaymentOperation,
                    old: Some(op.clone()),
                    new: None,
                });
                released.push(op);
                a.payment_operation = None;
            }
            Some(_) if kind_changed || edited[i] => {
                problems.extend(problem.into_iter().map(|p| (n, p)))
            }
            _ => {}
        }
    }

    if !problems.is_empty() {
        return Err(CorrectionRefused::Invalid(problems));
    }
    if changes.is_empty() {
        return Err(CorrectionRefused::NoChanges(id));
    }

    next.status = to;
    next.updated_at = ctx.at;
    if current.status != Status::EnAtencion && to == Status::EnAtencion {
        // Worked again by whoever corrected it; a scheduled ticket must be
        // scheduled again (its data, maybe its dispatch, changed).
        next.assignee = Some(ctx.actor.to_string());
        next.taken_at = Some(ctx.at);
        next.observations.clear();
        next.dispatch = None;
    }
    let reasons = c
        .reason
        .iter()
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
        .collect();
    let entry = HistoryEntry {
        at: ctx.at,
        by: ctx.actor.to_string(),
        action: Some(Move::Correct),
        from: Some(current.status),
        to,
        reasons,
        changes,
    };
    Ok(Corrected {
        ticket: next,
        entry,
        put_receipts,
        released,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::applicant::{Applicant, ImageFormat, ImageInfo};

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }
    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn img(sha: char, w: u32, h: u32) -> Attachment {
        Attachment {
            sha256: sha.to_string().repeat(64),
            file_name: "f.png".into(),
            bytes: 1,
            image: Some(ImageInfo {
                format: ImageFormat::Png,
                width: w,
                height: h,
            }),
        }
    }
    fn receipt(op: &str) -> PaymentReceipt {
        PaymentReceipt {
            operation: op.into(),
            paid_on: d("2026-11-19"),
            amount_cents: 810,
            tribute_code: "00529".into(),
            ruc: "20453744168".into(),
        }
    }
    fn applicant(dni: &str) -> Applicant {
        Applicant {
            full_name: "Luis Chávez Rojas".into(),
            dni: dni.into(),
            dni_issued_on: Some(d("2020-01-10")),
            email: "lchavez@regioncajamarca.gob.pe".into(),
            photo: Some(img('a', 300, 400)),
            signature: Some(img('b', 400, 100)),
            payment_operation: None,
            cert_expires_on: None,
        }
    }
    fn ticket(status: Status) -> Ticket {
        Ticket {
            id: "T-2026-000007".into(),
            kind: Kind::Emision,
            motive: Some('a'),
            status,
            registered_at: t("2026-11-20T09:00:00-05:00"),
            registered_by: "ana".into(),
            applicants: vec![applicant("41234567")],
            certificate: None,
            dispatch: None,
            observations: vec!["foto con lentes".into()],
            assignee: Some("ana".into()),
            updated_at: t("2026-11-20T09:00:00-05:00"),
            batch: None,
            approved_on: None,
            version: 0,
            taken_at: None,
        }
    }
    fn ctx(rules: &ValidationRules) -> CorrectionContext<'_> {
        CorrectionContext {
            oversees: false,
            actor: "beto",
            at: t("2026-11-23T10:00:00-05:00"),
            today: d("2026-11-23"),
            rules,
        }
    }
    fn edit(f: impl FnOnce(&mut ApplicantEdit)) -> Correction {
        let mut e = ApplicantEdit::default();
        f(&mut e);
        Correction {
            applicants: vec![e],
            ..Correction::default()
        }
    }

    #[test]
    fn an_observed_ticket_is_fixed_in_place_and_worked_again() {
        let rules = ValidationRules::default();
        let before = ticket(Status::Observado);
        let c = edit(|e| {
            e.email = Some("luis.chavez@regioncajamarca.gob.pe".into());
            e.photo = Some(img('c', 480, 640));
        });
        let out = correct(&before, &[None], &c, &ctx(&rules)).unwrap();
        assert_eq!(out.ticket.status, Status::EnAtencion);
        assert_eq!(out.ticket.registered_at, before.registered_at);
        assert_eq!(out.ticket.id, before.id);
        assert_eq!(out.ticket.assignee.as_deref(), Some("beto"));
        assert!(out.ticket.observations.is_empty());
        assert_eq!(
            out.ticket.applicants[0].email,
            "luis.chavez@regioncajamarca.gob.pe"
        );
        assert_eq!(out.entry.action, Some(Move::Correct));
        assert_eq!(
            (out.entry.from, out.entry.to),
            (Some(Status::Observado), Status::EnAtencion)
        );
        let fields: Vec<(Field, Option<&str>, Option<&str>)> = out
            .entry
            .changes
            .iter()
            .map(|c| (c.field, c.old.as_deref(), c.new.as_deref()))
            .collect();
        assert_eq!(
            fields,
            [
                (
                    Field::Email,
                    Some("lchavez@regioncajamarca.gob.pe"),
                    Some("luis.chavez@regioncajamarca.gob.pe")
                ),
                (
                    Field::Photo,
                    Some("a".repeat(64).as_str()),
                    Some("c".repeat(64).as_str())
                ),
            ]
        );
        assert!(out.put_receipts.is_empty() && out.released.is_empty());
    }

    #[test]
    fn a_reason_with_controls_or_too_long_is_refused() {
        let rules = ValidationRules::default();
        let with = |reason: String| {
            let mut c = edit(|e| e.full_name = Some("Luis Chávez Rojas de la Cruz".into()));
            c.reason = Some(reason);
            correct(&ticket(Status::Observado), &[None], &c, &ctx(&rules))
        };
        assert!(matches!(
            with("foto\x1b]0;x\x07".into()),
            Err(CorrectionRefused::Reason(
                super::super::free_text::TextRefused::ControlCharacters
            ))
        ));
        assert!(matches!(
            with("a".repeat(501)),
            Err(CorrectionRefused::Reason(
                super::super::free_text::TextRefused::TooLong { .. }
            ))
        ));
        let ok = with("Envió su nombre completo".into()).unwrap();
        assert_eq!(
            ok.entry.reasons,
            vec!["Envió su nombre completo".to_string()]
        );
    }

    #[test]
    fn the_lifecycle_effect_depends_on_the_status() {
        let rules = ValidationRules::default();
        let c = edit(|e| e.full_name = Some("Luis Chávez Rojas de la Cruz".into()));
        let nuevo = correct(&ticket(Status::Nuevo), &[None], &c, &ctx(&rules)).unwrap();
        assert_eq!(nuevo.ticket.status, Status::Nuevo);
        let mut scheduled = ticket(Status::Programado);
        scheduled.dispatch = Some(crate::domain::DispatchRules::default().dispatch_for(
            scheduled.registered_at,
            scheduled.registered_at,
            None,
        ));
        let back = correct(&scheduled, &[None], &c, &ctx(&rules)).unwrap();
        assert_eq!(back.ticket.status, Status::EnAtencion);
        assert!(back.ticket.dispatch.is_none(), "must be scheduled again");
        for status in [
            Status::Enviado,
            Status::Aprobado,
            Status::Rechazado,
            Status::Cerrado,
            Status::Anulado,
        ] {
            let err = correct(&ticket(status), &[None], &c, &ctx(&rules)).unwrap_err();
            assert!(
                matches!(err, CorrectionRefused::NotCorrectable { .. }),
                "{status:?}"
            );
        }
        scheduled.batch = Some("LOTE-2026-11-27".into());
        let err = correct(&scheduled, &[None], &c, &ctx(&rules)).unwrap_err();
        assert!(err.to_string().contains("LOTE-2026-11-27"), "{err}");
    }

    #[test]
    fn the_dni_never_changes_but_selects() {
        let rules = ValidationRules::default();
        let same = edit(|e| {
            e.dni = Some("41234567".into());
            e.email = Some("otro@regioncajamarca.gob.pe".into());
        });
        assert!(correct(&ticket(Status::Observado), &[None], &same, &ctx(&rules)).is_ok());
        let other = edit(|e| e.dni = Some("49999999".into()));
        let err = correct(&ticket(Status::Observado), &[None], &other, &ctx(&rules)).unwrap_err();
        assert!(matches!(err, CorrectionRefused::DniFixed { .. }));
        assert!(err.to_string().contains("DNI"), "{err}");
    }

    #[test]
    fn nothing_changed_is_refused_and_so_is_a_bad_value() {
        let rules = ValidationRules::default();
        let same = edit(|e| {
            e.email = Some("lchavez@regioncajamarca.gob.pe".into());
            e.photo = Some(img('a', 300, 400));
        });
        let err = correct(&ticket(Status::Observado), &[None], &same, &ctx(&rules)).unwrap_err();
        assert_eq!(err, CorrectionRefused::NoChanges("T-2026-000007".into()));
        let bad = edit(|e| {
            e.email = Some("luis@gmail.com".into());
            e.photo = Some(img('c', 640, 480));
            e.dni_issued_on = Some(d("2027-01-01"));
        });
        match correct(&ticket(Status::Observado), &[None], &bad, &ctx(&rules)) {
            Err(CorrectionRefused::Invalid(p)) => {
                let fields: Vec<Field> = p.iter().map(|(_, p)| p.field).collect();
                assert_eq!(fields, [Field::DniIssuedOn, Field::Email, Field::Photo]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn kind_and_motive_change_before_scheduling_and_recheck_payment() {
        let rules = ValidationRules::default();
        let to_paid = Correction {
            kind: Some(Kind::Reemision),
            motive: Some(Some('d')),
            ..Correction::default()
        };
        match correct(&ticket(Status::Observado), &[None], &to_paid, &ctx(&rules)) {
            Err(CorrectionRefused::Invalid(p)) => {
                assert!(matches!(p[0].1.rule, Rule::PaymentRequired { .. }), "{p:?}")
            }
            other => panic!("{other:?}"),
        }
        let mut with_receipt = to_paid.clone();
        with_receipt.applicants = vec![ApplicantEdit {
            receipt: ReceiptEdit {
                operation: Some("0456789".into()),
                paid_on: Some(d("2026-11-19")),
                amount_cents: Some(810),
                ..ReceiptEdit::default()
            },
            ..ApplicantEdit::default()
        }];
        let out = correct(
            &ticket(Status::Observado),
            &[None],
            &with_receipt,
            &ctx(&rules),
        )
        .unwrap();
        assert_eq!(
            (out.ticket.kind, out.ticket.motive),
            (Kind::Reemision, Some('d'))
        );
        assert_eq!(out.put_receipts, [receipt("0456789")]);
        assert_eq!(
            out.ticket.applicants[0].payment_operation.as_deref(),
            Some("0456789")
        );
        // Back to a free motive: the receipt is released.
        let paid = out.ticket;
        let to_free = Correction {
            motive: Some(Some('a')),
            ..Correction::default()
        };
        let mut working = paid.clone();
        working.status = Status::EnAtencion;
        let out = correct(
            &working,
            &[Some(receipt("0456789"))],
            &to_free,
            &ctx(&rules),
        )
        .unwrap();
        assert_eq!(out.released, ["0456789"]);
        assert_eq!(out.ticket.applicants[0].payment_operation, None);
        // Not after scheduling, and never across families.
        let err =
            correct(&ticket(Status::Programado), &[None], &to_paid, &ctx(&rules)).unwrap_err();
        assert!(matches!(err, CorrectionRefused::KindAfterScheduling { .. }));
        let install = Correction {
            kind: Some(Kind::Instalacion),
            ..Correction::default()
        };
        let err = correct(&ticket(Status::Observado), &[None], &install, &ctx(&rules)).unwrap_err();
        assert!(matches!(err, CorrectionRefused::KindFamily { .. }));
    }

    #[test]
    fn a_new_receipt_replaces_and_releases_the_old_one() {
        let rules = ValidationRules::default();
        let mut paid = ticket(Status::Observado);
        paid.kind = Kind::Reemision;
        paid.motive = Some('d');
        paid.applicants[0].payment_operation = Some("0456789".into());
        let c = edit(|e| e.receipt.operation = Some("0999999".into()));
        let out = correct(&paid, &[Some(receipt("0456789"))], &c, &ctx(&rules)).unwrap();
        assert_eq!(out.released, ["0456789"]);
        assert_eq!(out.put_receipts, [receipt("0999999")]);
        // Only the amount: same operation, kept, rewritten.
        let c = edit(|e| e.receipt.paid_on = Some(d("2026-11-18")));
        let out = correct(&paid, &[Some(receipt("0456789"))], &c, &ctx(&rules)).unwrap();
        assert!(out.released.is_empty());
        assert_eq!(out.put_receipts[0].paid_on, d("2026-11-18"));
        let bad = edit(|e| e.receipt.amount_cents = Some(800));
        let err = correct(&paid, &[Some(receipt("0456789"))], &bad, &ctx(&rules)).unwrap_err();
        assert!(matches!(err, CorrectionRefused::Invalid(_)));
    }

    #[test]
    fn several_applicants_are_picked_by_position() {
        let rules = ValidationRules::default();
        let mut two = ticket(Status::Observado);
        two.applicants.push(applicant("47654321"));
        let c = Correction {
            applicants: vec![ApplicantEdit {
                index: 1,
                email: Some("segunda@regioncajamarca.gob.pe".into()),
                ..ApplicantEdit::default()
            }],
            ..Correction::default()
        };
        let out = correct(&two, &[None, None], &c, &ctx(&rules)).unwrap();
        assert_eq!(out.entry.changes[0].applicant, Some(2));
        assert_eq!(out.ticket.applicants[0], two.applicants[0]);
        let c = Correction {
            applicants: vec![ApplicantEdit {
                index: 2,
                ..ApplicantEdit::default()
            }],
            ..Correction::default()
        };
        let err = correct(&two, &[None, None], &c, &ctx(&rules)).unwrap_err();
        assert!(matches!(
            err,
            CorrectionRefused::NoSuchApplicant { count: 2, .. }
        ));
    }

    #[test]
    fn a_ticket_changed_since_it_was_seen_is_refused() {
        let rules = ValidationRules::default();
        let t = ticket(Status::Observado);
        let mut c = edit(|e| e.email = Some("otro@regioncajamarca.gob.pe".into()));
        c.seen = Some(t.updated_at);
        assert!(correct(&t, &[None], &c, &ctx(&rules)).is_ok());
        c.seen = Some(t.updated_at - chrono::Duration::minutes(5));
        let err = correct(&t, &[None], &c, &ctx(&rules)).unwrap_err();
        assert_eq!(err, CorrectionRefused::ChangedMeanwhile(t.id.clone()));
    }
}
