//! `mesa correct ID …`: fixes a ticket's data on the ticket itself.

use std::path::PathBuf;

use anyhow::bail;
use clap::Args;

use super::Global;
use crate::domain::applicant::{Field, Problem, parse_amount_cents, parse_date};
use crate::domain::correction::{ApplicantEdit, Correction, CorrectionRefused, ReceiptEdit};
use crate::domain::{Kind, MoveRefused, Status};
use crate::store::StoreError;
use crate::strings;
use crate::strings::correction as s;

#[derive(Debug, Args)]
pub struct CorrectArgs {
    /// Id del ticket (T-2026-000123)
    id: String,
    /// Solicitante a corregir, desde 1 (obligatorio si el ticket tiene varios)
    #[arg(long, value_name = "N", conflicts_with = "dni")]
    applicant: Option<usize>,
    /// Elige al solicitante por su DNI (el DNI no se corrige)
    #[arg(long, value_name = "DNI")]
    dni: Option<String>,
    /// Nombre completo
    #[arg(long, value_name = "TEXTO")]
    full_name: Option<String>,
    /// Fecha de emisión del DNI, como figura en él (DD/MM/AAAA o AAAA-MM-DD)
    #[arg(long = "issued", value_name = "FECHA")]
    dni_issued_on: Option<String>,
    /// Correo institucional
    #[arg(long, value_name = "CORREO")]
    email: Option<String>,
    /// Foto nueva (JPEG o PNG, vertical, mínimo 240×320)
    #[arg(long, value_name = "ARCHIVO")]
    photo: Option<PathBuf>,
    /// Firma nueva (JPEG o PNG, horizontal)
    #[arg(long, value_name = "ARCHIVO")]
    signature: Option<PathBuf>,
    /// Constancia de pago: número de operación
    #[arg(long, value_name = "NÚMERO")]
    receipt_operation: Option<String>,
    /// Constancia de pago: fecha de pago (DD/MM/AAAA o AAAA-MM-DD)
    #[arg(long, value_name = "FECHA")]
    receipt_date: Option<String>,
    /// Constancia de pago: monto (8.10)
    #[arg(long, value_name = "MONTO")]
    receipt_amount: Option<String>,
    /// Constancia de pago: código de tributo (00529)
    #[arg(long, value_name = "CÓDIGO")]
    receipt_tribute: Option<String>,
    /// Constancia de pago: RUC al que se pagó (20453744168)
    #[arg(long, value_name = "RUC")]
    receipt_ruc: Option<String>,
    /// Vencimiento del certificado actual (DD/MM/AAAA o AAAA-MM-DD)
    #[arg(long, value_name = "FECHA")]
    expires: Option<String>,
    /// Tipo de trámite (emision, reemision), solo antes de programar
    #[arg(long, value_name = "TIPO")]
    kind: Option<String>,
    /// Motivo (letra a-g), solo antes de programar
    #[arg(long, value_name = "LETRA")]
    motive: Option<String>,
    /// Por qué se corrige (queda en el historial)
    #[arg(long, value_name = "TEXTO")]
    reason: Option<String>,
}

fn invalid(n: Option<usize>, field: Field, rule: crate::domain::Rule) -> anyhow::Error {
    let refused = CorrectionRefused::Invalid(vec![(n, Problem::new(field, rule))]);
    StoreError::Refused(MoveRefused::Correction(refused)).into()
}

impl CorrectArgs {
    fn touches_applicant(&self) -> bool {
        self.full_name.is_some()
            || self.dni_issued_on.is_some()
            || self.email.is_some()
            || self.photo.is_some()
            || self.signature.is_some()
            || self.receipt_operation.is_some()
            || self.receipt_date.is_some()
            || self.receipt_amount.is_some()
            || self.receipt_tribute.is_some()
            || self.receipt_ruc.is_some()
            || self.expires.is_some()
    }
}

pub fn run(g: &Global, a: CorrectArgs) -> anyhow::Result<()> {
    if !a.touches_applicant() && a.kind.is_none() && a.motive.is_none() {
        bail!(s::nothing_given());
    }
    let desk = g.open_desk()?;
    let actor = g.resolve().actor;
    let ticket = desk.ticket(&a.id)?;
    let count = ticket.applicants.len();
    // Which applicant: by position, by DNI, or the only one.
    let index = match (a.applicant, &a.dni) {
        (Some(n), _) if n == 0 || n > count => {
            bail!(s::no_such_applicant(&ticket.id, n, count))
        }
        (Some(n), _) => n - 1,
        (None, Some(dni)) => match ticket.applicants.iter().position(|x| x.dni == dni.trim()) {
            Some(i) => i,
            None => bail!(s::dni_not_on_ticket(
                &ticket.id,
                &dni.trim().chars().take(20).collect::<String>(),
                &ticket
                    .applicants
                    .iter()
                    .map(|x| x.dni.clone())
                    .collect::<Vec<_>>()
            )),
        },
        (None, None) if count == 1 => 0,
        (None, None) if a.touches_applicant() => bail!(s::applicant_required(&ticket.id, count)),
        (None, None) => 0,
    };
    let n = Some(index + 1);
    let date = |v: &Option<String>, field| -> anyhow::Result<_> {
        v.as_deref()
            .map(|v| parse_date(v).map_err(|r| invalid(n, field, r)))
            .transpose()
    };
    let mut edit = ApplicantEdit {
        index,
        full_name: a.full_name.clone(),
        dni: None,
        dni_issued_on: date(&a.dni_issued_on, Field::DniIssuedOn)?,
        email: a.email.clone(),
        photo: None,
        signature: None,
        receipt: ReceiptEdit {
            operation: a.receipt_operation.clone(),
            paid_on: date(&a.receipt_date, Field::PaymentDate)?,
            amount_cents: a
                .receipt_amount
                .as_deref()
                .map(|v| parse_amount_cents(v).map_err(|r| invalid(n, Field::PaymentAmount, r)))
                .transpose()?,
            tribute_code: a.receipt_tribute.clone(),
            ruc: a.receipt_ruc.clone(),
        },
        cert_expires_on: date(&a.expires, Field::CertExpiresOn)?,
    };
    let mut files = Vec::new();
    if let Some(p) = &a.photo {
        edit.photo = Some(desk.read_image(p, Field::Photo, index + 1)?);
        files.push(p.clone());
    }
    if let Some(p) = &a.signature {
        edit.signature = Some(desk.read_image(p, Field::Signature, index + 1)?);
        files.push(p.clone());
    }
    let kind = match a.kind.as_deref() {
        Some(k) => match Kind::from_code(k) {
            Some(k) => Some(k),
            None => bail!(s::kind_unknown(&k.chars().take(40).collect::<String>())),
        },
        None => None,
    };
    let motive = match a.motive.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(m) => {
            let mut chars = m.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_alphabetic() => Some(Some(c.to_ascii_lowercase())),
                _ => bail!(s::motive_malformed(&m.chars().take(40).collect::<String>())),
            }
        }
    };
    let correction = Correction {
        kind,
        motive,
        applicants: if a.touches_applicant() {
            vec![edit]
        } else {
            Vec::new()
        },
        reason: a.reason.clone(),
        seen: None,
    };
    let done = desk.correct(&ticket.id, &correction, &files, &actor)?;
    let from = done.entry.from.unwrap_or(ticket.status);
    outln!(
        "{}",
        s::corrected(&done.ticket.id, from, done.ticket.status)
    )?;
    for c in &done.entry.changes {
        outln!("  {}", s::change_line(c))?;
    }
    outln!("{}", s::status_now(done.ticket.status))?;
    if from == Status::Programado {
        outln!("{}", s::schedule_again())?;
    }
    let today = desk.today();
    let pending: Vec<String> = done
        .ticket
        .failed_problems(today, &desk.config.validation)
        .iter()
        .map(strings::problem)
        .collect();
    if pending.is_empty() {
        outln!("{}", s::checks_pass())?;
    } else {
        outln!("{}", s::checks_pending(&pending))?;
    }
    if !done.queued.is_empty() {
        outln!("{}", strings::mail::queued(done.queued.len()))?;
    }
    Ok(())
}
