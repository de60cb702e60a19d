//! Correcting a ticket: the CLI's `mesa correct`, the console's edit form, the email.

use chrono::NaiveDate;

use crate::domain::applicant::{Field, Problem};
use crate::domain::correction::FieldChange;
use crate::domain::lifecycle::Status;
use crate::domain::procedure::Kind;

// --- refusals ---

pub fn not_correctable(id: &str, status: Status) -> String {
    let why = match status {
        Status::Enviado | Status::Aprobado | Status::Rechazado => {
            "ya fue enviado a RENIEC y sus datos no cambian; si hace falta, registre un ticket nuevo"
        }
        Status::Cerrado => "está cerrado; si hace falta, registre un ticket nuevo",
        Status::Anulado => "está anulado; si hace falta, registre un ticket nuevo",
        _ => "su estado no lo permite",
    };
    format!(
        "no se puede corregir {id} (estado {}): {why}",
        super::status_label(status)
    )
}

pub fn sealed(id: &str, batch: &str) -> String {
    format!(
        "no se puede corregir {id}: ya está en el lote sellado {batch}, cuyo contenido no cambia"
    )
}

pub fn dni_fixed(id: &str, current: &str, given: &str) -> String {
    format!(
        "DNI: no se corrige ({given} no es un solicitante de {id}, cuyo DNI es {current}); una persona distinta es otro ticket"
    )
}

pub fn dni_not_on_ticket(id: &str, given: &str, dnis: &[String]) -> String {
    format!(
        "DNI: {given} no es un solicitante de {id} ({}); el DNI elige al solicitante, no se corrige: una persona distinta es otro ticket",
        dnis.join(", ")
    )
}

pub fn no_such_applicant(id: &str, given: usize, count: usize) -> String {
    format!("solicitante: {id} no tiene solicitante {given} (tiene {count})")
}

pub fn applicant_required(id: &str, count: usize) -> String {
    format!(
        "solicitante: {id} tiene {count} solicitantes; indique cuál con --applicant N (1 a {count}) o --dni DNI"
    )
}

pub fn kind_after_scheduling(id: &str, status: Status) -> String {
    format!(
        "tipo de trámite y motivo: {id} ya fue programado (estado {}); solo se cambian antes de programar",
        super::status_label(status)
    )
}

pub fn kind_family(from: Kind, to: Kind) -> String {
    format!(
        "tipo de trámite: {} no puede pasar a {}; solo Emisión y Reemisión se cambian entre sí (registre un ticket nuevo)",
        super::kind_label(from),
        super::kind_label(to)
    )
}

pub fn not_taken(kind: Kind, field: Field) -> String {
    format!(
        "{}: un ticket de {} no lo lleva",
        super::field_name(field),
        super::kind_label(kind)
    )
}

pub fn invalid(problems: &[(Option<usize>, Problem)]) -> String {
    let list: Vec<String> = problems
        .iter()
        .map(|(n, p)| match n {
            Some(n) => format!("solicitante {n}, {}", super::problem(p)),
            None => super::problem(p),
        })
        .collect();
    format!("no se corrigió nada: {}", list.join("; "))
}

pub fn no_changes(id: &str) -> String {
    format!("no hay cambios: los datos dados ya son los de {id}; no se registró nada")
}

pub fn changed_meanwhile(id: &str) -> String {
    format!(
        "{id} cambió desde que lo abrió (otro analista lo movió o corrigió); vuelva a abrirlo para ver sus datos actuales; no se guardó nada"
    )
}

pub fn kind_unknown(given: &str) -> String {
    format!("tipo de trámite: «{given}» no existe (emision, reemision, instalacion, cancelacion)")
}

pub fn motive_malformed(given: &str) -> String {
    format!("motivo: «{given}» no es una letra de motivo (a-g)")
}

pub fn nothing_given() -> &'static str {
    "indique al menos un dato a corregir (mesa correct --help)"
}

// --- what changed ---

/// A field's value as a person reads it.
fn shown(field: Field, value: &Option<String>) -> String {
    let Some(v) = value else {
        return "—".into();
    };
    match field {
        Field::Photo | Field::Signature => v.chars().take(12).collect(),
        Field::DniIssuedOn | Field::CertExpiresOn | Field::PaymentDate => v
            .parse::<NaiveDate>()
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_else(|_| v.clone()),
        Field::PaymentAmount => v
            .parse::<u32>()
            .map(|c| format!("S/ {}.{:02}", c / 100, c % 100))
            .unwrap_or_else(|_| v.clone()),
        Field::Kind => Kind::from_code(v)
            .map(|k| super::kind_label(k).to_string())
            .unwrap_or_else(|| v.clone()),
        _ => v.clone(),
    }
}

/// "solicitante 1 · correo: a@x → b@x".
pub fn change_line(c: &FieldChange) -> String {
    let who = match c.applicant {
        Some(n) => format!("solicitante {n} · "),
        None => String::new(),
    };
    format!(
        "{who}{}: {} → {}",
        super::field_name(c.field),
        shown(c.field, &c.old),
        shown(c.field, &c.new)
    )
}

pub fn corrected(id: &str, from: Status, to: Status) -> String {
    format!(
        "{id} corregido: {} → {}",
        super::status_label(from),
        super::status_label(to)
    )
}

pub fn status_now(to: Status) -> String {
    format!("Estado: {}", super::status_label(to))
}

pub fn schedule_again() -> &'static str {
    "Estaba programado: debe volver a programarse (los datos, y quizá la fecha de envío, cambiaron)."
}

pub fn checks_pass() -> &'static str {
    "Todas las verificaciones pasan."
}

pub fn checks_pending(list: &[String]) -> String {
    format!("Verificaciones pendientes: {}", list.join("; "))
}

/// The history's mark on a correction line.
pub fn history_mark() -> &'static str {
    "corrección"
}

/// The audit entry's detail: which fields, not their values (those stay in
/// the ticket's history, which a purge removes with the ticket).
pub fn audit_detail(from: Status, to: Status, changes: &[FieldChange]) -> String {
    let mut fields: Vec<String> = changes
        .iter()
        .map(|c| match c.applicant {
            Some(n) => format!("{} ({n})", super::field_name(c.field)),
            None => super::field_name(c.field).to_string(),
        })
        .collect();
    fields.dedup();
    format!(
        "{} → {} · corrección: {}",
        super::status_label(from),
        super::status_label(to),
        fields.join(", ")
    )
}

// --- the email ---

pub fn mail_subject(id: &str) -> String {
    format!("Recibimos la corrección de su solicitud {id}")
}

pub fn mail_intro(request: &str) -> String {
    format!("Recibimos la corrección de su solicitud {request}. Se actualizó:")
}

/// A changed field as the staff member reads it: no hashes, no receipts'
/// internals; their own new values where they help (email, names, dates).
pub fn mail_item(c: &FieldChange) -> String {
    match c.field {
        Field::Photo => "la foto".into(),
        Field::Signature => "la firma".into(),
        Field::Email | Field::FullName | Field::DniIssuedOn | Field::CertExpiresOn => {
            format!("{}: {}", super::field_name(c.field), shown(c.field, &c.new))
        }
        _ => super::field_name(c.field).to_string(),
    }
}

pub fn mail_place(registered: NaiveDate, paid: bool) -> String {
    let day = registered.format("%d/%m/%Y");
    if paid {
        format!(
            "Su solicitud conserva su lugar por orden de llegada (registrada el {day}) y su constancia de pago; no necesita pagar ni registrarse de nuevo."
        )
    } else {
        format!(
            "Su solicitud conserva su lugar por orden de llegada (registrada el {day}); no necesita registrarse de nuevo."
        )
    }
}

pub fn mail_next() -> &'static str {
    "Un analista revisará los datos corregidos; si todo está conforme, le avisaremos la fecha de envío a RENIEC."
}

pub fn mail_rescheduled() -> &'static str {
    "Como su solicitud ya estaba programada, volverá a programarse con los datos corregidos y le avisaremos la nueva fecha de envío a RENIEC."
}

// --- the console ---

pub fn form_title(id: &str) -> String {
    format!("Corregir {id}")
}

pub fn key_hint() -> &'static str {
    "corregir"
}

pub fn key_help() -> &'static str {
    "Corregir los datos del ticket (conserva su lugar)"
}

pub fn dni_locked() -> &'static str {
    "el DNI no se corrige: una persona distinta es otro ticket"
}

/// Why a field of the correction form cannot be typed into.
pub fn locked(column: &str) -> &'static str {
    match column {
        "dni" => dni_locked(),
        _ => "el certificado de un ticket no se corrige: registre un ticket nuevo",
    }
}

/// Shown beside the DNI in the correction form.
pub fn dni_note() -> &'static str {
    "(no se corrige)"
}

/// Shown in an empty photo or signature field of the correction form.
pub fn current_file(name: &str, hash: &str) -> String {
    format!("actual: {name} · {hash}")
}

pub fn saved(id: &str, to: Status) -> String {
    format!("{id} corregido · estado {}", super::status_label(to))
}

pub fn leave_unsaved() -> &'static str {
    "Hay cambios sin guardar. ¿Salir sin guardarlos?"
}
