//! Rule refusals and explanations: calendar, expiry, answers, purge, duplicates.

use chrono::{Datelike, NaiveDate};

use crate::domain::calendar::{DayOff, MoveNote};

/// `mesa mail retry --all`.
pub fn retried_all(n: usize) -> String {
    if n == 0 {
        "No hay correos fallidos ni pendientes que adelantar.".to_string()
    } else {
        format!(
            "{} para ahora; salen con «mesa mail flush».",
            super::words::plural(
                n,
                "correo fallido o pendiente puesto",
                "correos fallidos o pendientes puestos"
            )
        )
    }
}

/// `mesa mail flush --now`, before the flush.
pub fn made_due(n: usize) -> String {
    format!(
        "{} sin esperar su plazo de reintento.",
        super::words::plural(
            n,
            "correo pendiente se envía",
            "correos pendientes se envían"
        )
    )
}

/// `batch list`: a dispatch whose moment passed with its tickets unsealed.
pub fn due_unsealed_mark() -> &'static str {
    "  [vencido, sin sellar: «mesa batch seal»]"
}

/// The audit detail of an early `batch sent`.
pub fn sent_early_detail(detail: &str, reason: &str) -> String {
    format!("{detail}; antes de su hora: {reason}")
}

fn day(d: NaiveDate) -> String {
    format!(
        "{} {}",
        super::weekday_short(d.weekday()),
        d.format("%d/%m")
    )
}

/// The cause of a move, as the note says it.
fn cause(c: Option<DayOff>) -> &'static str {
    match c {
        Some(DayOff::NonWorking) => "día no laborable",
        _ => "feriado",
    }
}

/// After a dispatch moment: why it is not on its nominal day and which
/// weeks without a working day it also serves ("" when neither).
pub fn move_note(note: Option<&MoveNote>) -> String {
    let Some(n) = note else {
        return String::new();
    };
    let mut s = String::new();
    if n.absorbs.is_empty() || n.cause.is_some() {
        s += &format!(" (adelantado por {})", cause(n.cause));
    }
    if !n.absorbs.is_empty() {
        let weeks: Vec<String> = n.absorbs.iter().map(|d| day(*d)).collect();
        s += &format!(
            " (incluye el envío del {}: esa semana no tiene días laborables)",
            weeks.join(", del ")
        );
    }
    s
}

/// The console's batch column, wide: «feriado vie 25/12», «no laborable vie 27/11».
pub fn moved_from(note: &MoveNote) -> String {
    let mut s = match note.cause {
        Some(DayOff::NonWorking) => format!("no laborable {}", day(note.from)),
        _ => format!("feriado {}", day(note.from)),
    };
    if let Some(last) = note.absorbs.last() {
        s += &format!(" + sem. {}", day(*last));
    }
    s
}

/// The console's batch column, narrow.
pub fn moved_short(note: &MoveNote) -> &'static str {
    if !note.absorbs.is_empty() {
        "2 semanas"
    } else {
        match note.cause {
            Some(DayOff::NonWorking) => "no laborable",
            _ => "feriado",
        }
    }
}

/// «vence el 30/06/2027 (según el registro de certificados)».
pub fn expires_from(on: NaiveDate, source: crate::domain::calendar::ExpirySource) -> String {
    use crate::domain::calendar::ExpirySource as S;
    format!(
        "vence el {} ({})",
        on.format("%d/%m/%Y"),
        match source {
            S::Request => "según la solicitud",
            S::Registry => "según el registro de certificados",
        }
    )
}

/// Why a ticket waits: the 10-days rule, with where the expiry came from.
pub fn dispatch_held(
    expires_on: NaiveDate,
    latest_on: NaiveDate,
    days: i64,
    source: crate::domain::calendar::ExpirySource,
) -> String {
    format!(
        "regla de los {days} días: el certificado {}, así que espera al último envío hasta el {}",
        expires_from(expires_on, source),
        latest_on.format("%d/%m/%Y")
    )
}

/// RENIEC's answer dated before its batch left.
pub fn answer_before_sent(date: NaiveDate, sent_on: NaiveDate) -> String {
    format!(
        "la fecha de respuesta {} es anterior al envío del lote a RENIEC ({}): debe ser el {} o posterior",
        date.format("%d/%m/%Y"),
        sent_on.format("%d/%m/%Y"),
        sent_on.format("%d/%m/%Y")
    )
}

/// RENIEC's answer dated after today.
pub fn answer_in_future(date: NaiveDate, today: NaiveDate) -> String {
    format!(
        "la fecha de respuesta {} es futura: debe ser hoy ({}) o anterior",
        date.format("%d/%m/%Y"),
        today.format("%d/%m/%Y")
    )
}

/// `retention.years` below the legal minimum (or absurdly high).
pub fn retention_years(given: u32) -> String {
    format!(
        "{given} no vale: los registros se guardan al menos 5 años (mínimo legal); use un número entre 5 y 100"
    )
}

/// `purge --older-than` below five years.
pub fn purge_too_short(period: &str) -> String {
    format!(
        "--older-than {period}: los registros se guardan al menos 5 años (mínimo legal); use 5y o más (60m, 1827d)"
    )
}

/// After the list a purge would remove, when nothing was removed because
/// no one confirmed.
pub fn purge_unconfirmed() -> &'static str {
    "Nada se borró. Para borrar, confirme en una terminal o agregue --yes."
}

/// The question a purge asks on a terminal.
pub fn purge_confirm(n: usize) -> String {
    format!(
        "¿Borrar {} definitivamente? Escriba «sí» para confirmar: ",
        super::words::plural(n, "ticket", "tickets")
    )
}

/// The answer was not «sí».
pub fn purge_cancelled() -> &'static str {
    "Cancelado: nada se borró."
}

/// A DNI dated before RENIEC existed.
pub fn dni_issued_before_reniec(date: NaiveDate, earliest: NaiveDate) -> String {
    format!(
        "{} no es posible: RENIEC emite el DNI desde el {} (Ley 26497); revise la fecha impresa en el DNI",
        date.format("%d/%m/%Y"),
        earliest.format("%d/%m/%Y")
    )
}

/// A certificate expiry beyond any certificate's life.
pub fn expiry_too_far(date: NaiveDate, latest: NaiveDate) -> String {
    format!(
        "{} no es posible: un certificado vigente vence a más tardar en 5 años (hasta el {})",
        date.format("%d/%m/%Y"),
        latest.format("%d/%m/%Y")
    )
}

/// An expiry on a first emission.
pub fn expiry_on_first_emission() -> &'static str {
    "Emisión a) es la primera vez: aún no hay certificado que venza; deje el vencimiento vacío"
}

/// The same request is already open.
pub fn open_ticket_exists(id: &str, status: crate::domain::Status) -> String {
    format!(
        "ya hay un ticket abierto del mismo trámite y motivo para este DNI: {id} ({}); corrija o anule ese ticket en lugar de registrar otro",
        super::status_label(status)
    )
}

/// A second cancellation of the same certificate.
pub fn cancellation_in_progress(id: &str, certificate: &str) -> String {
    format!("el certificado {certificate} ya se está cancelando en el ticket {id}")
}

/// The same request twice in one file.
pub fn same_request_in_file(line: u64) -> String {
    format!("la misma solicitud (trámite, motivo y DNI) ya está en la línea {line} de este archivo")
}

/// A payment operation twice in one file.
pub fn operation_reused_in_file(line: u64) -> String {
    format!("ya fue usado en la línea {line} de este mismo archivo; cada pago se usa una sola vez")
}

/// After an early seal: what it moves.
pub fn sealed_early_moves(reason: &str, cut: &str, next: &str) -> String {
    format!(
        "Sellado antes del corte (motivo: {reason}). Lo que se programe desde ahora hasta el {cut} irá al envío siguiente: {next}."
    )
}

/// A ticket scheduled after its dispatch's batch was sealed.
pub fn rolled_past_sealed(batch: &str, early_reason: Option<&str>, to: &str) -> String {
    match early_reason {
        Some(r) => format!(
            "El lote {batch} ya está sellado (antes del corte, motivo: {r}): este ticket pasa al envío del {to}."
        ),
        None => format!("El lote {batch} ya está sellado: este ticket pasa al envío del {to}."),
    }
}

/// `batch sent` before the dispatch moment without `--reason`.
pub fn sent_early_needs_reason(batch: &str, when: &str) -> String {
    format!(
        "el lote {batch} sale a RENIEC el {when}: para marcarlo enviado antes, indique el motivo con --reason"
    )
}

/// After an early `batch sent`.
pub fn sent_early(reason: &str, when: &str) -> String {
    format!("Marcado como enviado antes de la hora de corte ({when}); motivo: {reason}.")
}
