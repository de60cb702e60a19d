use std::path::Path;

use chrono::NaiveDate;

use crate::domain::Status;
use crate::domain::applicant::Check;

pub fn dispatch_next() -> &'static str {
    "el próximo envío tras programarlo"
}
pub fn dispatch_held(expires_on: NaiveDate, latest_on: NaiveDate, days: i64) -> String {
    format!(
        "regla de los {days} días: el certificado vence el {}, así que espera al último envío hasta el {}",
        expires_on.format("%d/%m/%Y"),
        latest_on.format("%d/%m/%Y")
    )
}
pub fn dispatch_moved() -> &'static str {
    " (adelantado por feriado)"
}
pub fn unknown_status(s: &str) -> String {
    format!(
        "«{s}» no es un estado (nuevo, en_atencion, observado, programado, enviado, aprobado, rechazado, cerrado, anulado)"
    )
}
pub fn no_tickets() -> &'static str {
    "No hay tickets que coincidan."
}
pub fn list_header() -> &'static str {
    "TICKET         LLEGADA          TRÁMITE         ESTADO       SOLICITANTE                  DNI      ENVÍO A RENIEC"
}
pub fn urgent_mark() -> &'static str {
    "  ⚠ URGENTE"
}
pub fn count(n: usize) -> String {
    if n == 1 {
        "1 ticket".into()
    } else {
        format!("{n} tickets")
    }
}

pub struct Labels {
    pub motive: &'static str,
    pub registered: &'static str,
    pub assignee: &'static str,
    pub certificate: &'static str,
    pub observations: &'static str,
    pub dispatch: &'static str,
    pub dispatch_if_now: &'static str,
    pub applicant: &'static str,
    pub dni_issued: &'static str,
    pub cert_expires: &'static str,
    pub photo: &'static str,
    pub signature: &'static str,
    pub payment: &'static str,
    pub history: &'static str,
}
pub fn labels() -> Labels {
    Labels {
        motive: "Motivo",
        registered: "Registrado",
        assignee: "Atiende",
        certificate: "Certificado",
        observations: "Observaciones",
        dispatch: "Envío a RENIEC",
        dispatch_if_now: "Envío si se programa ahora",
        applicant: "Solicitante",
        dni_issued: "Emisión del DNI",
        cert_expires: "Vence el certificado actual",
        photo: "Foto",
        signature: "Firma",
        payment: "Pago",
        history: "Historial",
    }
}
pub fn check_label(c: Check) -> &'static str {
    match c {
        Check::FullName => "Nombre completo",
        Check::Dni => "DNI de 8 dígitos",
        Check::DniIssuedOn => "Fecha de emisión del DNI",
        Check::Email => "Correo institucional",
        Check::Photo => "Foto: JPEG/PNG, vertical, mínimo 240×320",
        Check::Signature => "Firma: JPEG/PNG, horizontal",
        Check::Payment => "Constancia de pago",
    }
}
pub fn moved(id: &str, status: Status) -> String {
    format!("{id}: {}", super::status_label(status))
}
pub fn scheduled_for(when: &str, why: &str) -> String {
    format!("Se enviará a RENIEC el {when} ({why}).")
}
pub fn cannot_read(path: &Path, e: &std::io::Error) -> String {
    format!(
        "no se pudo leer {}: {}",
        path.display(),
        super::words::io_error(e)
    )
}
pub fn imported(n: usize) -> String {
    if n == 1 {
        "Se registró 1 ticket:".into()
    } else {
        format!("Se registraron {n} tickets:")
    }
}
pub fn import_refused(path: &Path, problems: usize) -> String {
    format!(
        "no se importó nada de {}: {}",
        path.display(),
        super::words::plural(problems, "problema", "problemas")
    )
}
pub fn demo_not_empty(n: usize) -> String {
    format!(
        "el almacén ya tiene {}; la demostración necesita un almacén vacío (use --store con otro directorio)",
        super::words::plural(n, "ticket", "tickets")
    )
}
pub fn demo_done(n: usize, dir: &Path) -> String {
    format!(
        "Se {} de demostración en {}.",
        if n == 1 {
            "creó 1 ticket".to_string()
        } else {
            format!("crearon {n} tickets")
        },
        dir.display()
    )
}
