//! Every text a user reads, in Spanish, in one place so that another
//! language can be added later.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::domain::applicant::{Field, Problem, Rule};
use crate::domain::lifecycle::{Move, Status};
use crate::domain::procedure::Kind;

pub fn status_label(s: Status) -> &'static str {
    match s {
        Status::Nuevo => "Nuevo",
        Status::EnAtencion => "En atención",
        Status::Observado => "Observado",
        Status::Programado => "Programado",
        Status::Enviado => "Enviado",
        Status::Aprobado => "Aprobado",
        Status::Rechazado => "Rechazado",
        Status::Cerrado => "Cerrado",
        Status::Anulado => "Anulado",
    }
}

pub fn kind_label(k: Kind) -> &'static str {
    match k {
        Kind::Emision => "Emisión",
        Kind::Reemision => "Reemisión",
        Kind::Instalacion => "Instalación",
        Kind::Cancelacion => "Cancelación",
    }
}

pub fn motive_label(k: Kind, letter: char) -> &'static str {
    match (k, letter) {
        (Kind::Emision, 'a') => "primera vez, personal nuevo o activo",
        (Kind::Emision, 'b') => "certificado caducado",
        (Kind::Emision, 'c') => "certificado en PC, token o tarjeta propios",
        (Kind::Reemision, 'a') => "renovación",
        (Kind::Reemision, 'b') => "formateo de PC/token/tarjeta del GRC",
        (Kind::Reemision, 'c') => "problemas técnicos, equipo del GRC",
        (Kind::Reemision, 'd') => "formateo de equipo propio",
        (Kind::Reemision, 'e') => "problemas técnicos, equipo propio",
        (Kind::Reemision, 'f') => "olvido de la contraseña de la clave privada",
        (Kind::Reemision, 'g') => "venció el plazo de descarga",
        (Kind::Cancelacion, 'a') => "dejó de ser miembro de la entidad",
        (Kind::Cancelacion, 'b') => "datos del certificado ya no son correctos",
        (Kind::Cancelacion, 'c') => "contraseña/PIN deteriorado, alterado o perdido",
        (Kind::Cancelacion, 'd') => "contraseña/PIN expuesto o mal usado",
        (Kind::Cancelacion, 'e') => "autoridad de certificación comprometida",
        (Kind::Cancelacion, 'f') => "extinción de la entidad",
        (Kind::Cancelacion, 'g') => "solicitud expresa",
        _ => "motivo desconocido",
    }
}

/// "Emisión a)" or "Instalación".
pub fn kind_and_motive(k: Kind, motive: Option<char>) -> String {
    match motive {
        Some(m) => format!("{} {m})", kind_label(k)),
        None => kind_label(k).to_string(),
    }
}

pub fn move_verb(m: Move) -> &'static str {
    match m {
        Move::Take => "atender",
        Move::Observe => "observar",
        Move::Schedule => "programar",
        Move::Send => "enviar a RENIEC",
        Move::Approve => "registrar como aprobado",
        Move::Reject => "registrar como rechazado",
        Move::Close => "cerrar",
        Move::Withdraw => "anular",
        Move::Correct => "corregir",
        Move::Assign => "reasignar",
        Move::Undo => find::undo_verb(),
    }
}

pub fn field_name(f: Field) -> &'static str {
    match f {
        Field::Ticket => "ticket",
        Field::Kind => "tipo de trámite",
        Field::Motive => "motivo",
        Field::RegisteredAt => "fecha de registro",
        Field::Certificate => "certificado",
        Field::Applicants => "solicitantes",
        Field::FullName => "nombre completo",
        Field::Dni => "DNI",
        Field::DniIssuedOn => "fecha de emisión del DNI",
        Field::Email => "correo",
        Field::Photo => "foto",
        Field::Signature => "firma",
        Field::CertExpiresOn => "vencimiento del certificado",
        Field::Payment => "constancia de pago",
        Field::PaymentOperation => "número de operación",
        Field::PaymentDate => "fecha de pago",
        Field::PaymentAmount => "monto pagado",
        Field::PaymentTribute => "código de tributo",
        Field::PaymentRuc => "RUC del pago",
    }
}

fn soles(cents: u32) -> String {
    format!("S/ {}.{:02}", cents / 100, cents % 100)
}

pub fn rule_text(rule: &Rule) -> String {
    match rule {
        Rule::Required => "es obligatorio".into(),
        Rule::TooLong { max } => format!("supera {max} caracteres"),
        Rule::ControlCharacters => "contiene caracteres de control".into(),
        Rule::DniEightDigits => "debe tener exactamente 8 dígitos".into(),
        Rule::DniLeadingZeroLost => words::dni_leading_zero().into(),
        Rule::DateNotReal { given } => format!("«{given}» no es una fecha real (use AAAA-MM-DD)"),
        Rule::DateInFuture { date } => format!("no puede ser futura ({})", date.format("%d/%m/%Y")),
        Rule::AnswerDate(why) => why.to_string(),
        Rule::DniIssuedBeforeReniec { date, earliest } => {
            rules::dni_issued_before_reniec(*date, *earliest)
        }
        Rule::ExpiryTooFar { date, latest } => rules::expiry_too_far(*date, *latest),
        Rule::ExpiryOnFirstEmission => rules::expiry_on_first_emission().into(),
        Rule::OpenTicketExists { id, status } => rules::open_ticket_exists(id, *status),
        Rule::CancellationInProgress { id, certificate } => {
            rules::cancellation_in_progress(id, certificate)
        }
        Rule::SameRequestInFile { line } => rules::same_request_in_file(*line),
        Rule::OperationReusedInFile { line } => rules::operation_reused_in_file(*line),
        Rule::EmailMalformed => "no es una dirección de correo válida".into(),
        Rule::EmailNotAscii => words::email_not_ascii().into(),
        Rule::EmailPersonal { domain, allowed } => {
            format!("{domain} es un correo personal; use el correo institucional ({allowed})")
        }
        Rule::EmailNotInstitutional { domain, allowed } => {
            format!("{domain} no es un dominio institucional; use {allowed}")
        }
        Rule::KindUnknown { given } => {
            format!(
                "«{given}» no es un trámite conocido (emision, reemision, instalacion, cancelacion)"
            )
        }
        Rule::MotiveUnknown { kind, given } => {
            let letters: String = kind.spec().motives.iter().map(|m| m.letter).collect();
            format!(
                "«{given}» no es un motivo de {} (use una letra de {letters})",
                kind_label(*kind)
            )
        }
        Rule::MotiveRequired { kind } => format!("{} requiere un motivo", kind_label(*kind)),
        Rule::MotiveNotTaken { kind } => format!("{} no lleva motivo", kind_label(*kind)),
        Rule::CertificateRequired { kind } => {
            format!("{} requiere indicar el certificado", kind_label(*kind))
        }
        Rule::ApplicantsNotTaken { kind } => {
            format!("{} no registra solicitantes", kind_label(*kind))
        }
        Rule::PaymentRequired { kind, motive } => format!(
            "{} {motive}) requiere la constancia de pago de {}",
            kind_label(*kind),
            soles(810)
        ),
        Rule::PaymentNotAllowed { kind, motive } => format!(
            "{} no requiere pago; no registre constancia",
            kind_and_motive(*kind, *motive)
        ),
        Rule::PaymentIncomplete => {
            "faltan datos: número de operación, fecha y monto van juntos".into()
        }
        Rule::OperationMalformed => "debe ser de 1 a 20 letras o dígitos".into(),
        Rule::OperationReused { ticket } => match ticket {
            Some(t) => format!("ya fue usado en el ticket {t}; cada pago se usa una sola vez"),
            None => "ya fue usado en este mismo archivo; cada pago se usa una sola vez".into(),
        },
        Rule::AmountMalformed { given } => format!("«{given}» no es un monto (ejemplo: 8.10)"),
        Rule::AmountWrong {
            expected_cents,
            given_cents,
        } => {
            format!(
                "debe ser {} (se indicó {})",
                soles(*expected_cents),
                soles(*given_cents)
            )
        }
        Rule::TributeWrong { expected } => format!("debe ser {expected}"),
        Rule::RucWrong { expected } => format!("el pago debe hacerse al RUC {expected}"),
        Rule::TimestampMalformed { given } => {
            format!(
                "«{given}» no es una fecha y hora RFC 3339 (ejemplo: 2026-11-23T09:00:00-05:00)"
            )
        }
        Rule::Inconsistent { column } => {
            format!("las filas de un mismo ticket deben coincidir en la columna {column}")
        }
        Rule::ImageMissing => "falta el archivo".into(),
        Rule::ImageUnreadable => "no es una imagen JPEG o PNG legible".into(),
        Rule::ImageTooLarge { max_bytes } => format!("supera {} MB", max_bytes / 1_000_000),
        Rule::PhotoNotPortrait { width, height } => {
            format!("debe ser vertical (es {width}×{height})")
        }
        Rule::PhotoTooSmall {
            width,
            height,
            min_width,
            min_height,
        } => {
            format!("debe medir al menos {min_width}×{min_height} píxeles (es {width}×{height})")
        }
        Rule::SignatureNotLandscape { width, height } => {
            format!("debe ser más ancha que alta (es {width}×{height})")
        }
        Rule::FileNotFound { path } => format!("no se encuentra el archivo {path}"),
        Rule::FileUnreadable { path, cause } => {
            format!("no se puede leer el archivo {path} ({cause})")
        }
        Rule::NotUtf8 => "no es texto UTF-8 (guarde el archivo como «CSV UTF-8»)".into(),
        Rule::EmptyFile => "el archivo está vacío".into(),
        Rule::MissingColumns { names } => format!("faltan las columnas {names}"),
        Rule::UnknownColumn { name } => format!("la columna «{name}» no es conocida"),
        Rule::MediaNotForKind { kind } => words::media_not_for_kind(kind_label(*kind)),
        Rule::SingleSubscriber { kind } => {
            format!("{} lleva un solo suscriptor por ticket", kind_label(*kind))
        }
        Rule::CsvMalformed { detail } => format!("CSV mal formado: {detail}"),
        Rule::ResultUnknown { given } => {
            format!("«{given}» no es un resultado (aprobado o rechazado)")
        }
        Rule::TicketUnknown { id } => format!("no existe el ticket {id}"),
        Rule::NotAwaitingAnswer { id, status } => {
            format!(
                "el ticket {id} está {}; solo se registra la respuesta de un ticket enviado",
                status_label(*status).to_lowercase()
            )
        }
        Rule::Duplicate { id } => format!("el ticket {id} aparece más de una vez"),
        Rule::Certificate { problem } => registry::resolution(problem),
        Rule::PersonRepeated { dni, line } => {
            format!("el DNI {dni} ya aparece en la línea {line}")
        }
    }
}

/// "DNI: debe tener exactamente 8 dígitos".
pub fn problem(p: &Problem) -> String {
    format!("{}: {}", field_name(p.field), rule_text(&p.rule))
}

pub fn illegal_move(kind: Kind, from: Status, action: Move) -> String {
    if action == Move::Schedule && !kind.is_batched() {
        return words::not_sent_to_reniec(kind);
    }
    format!(
        "no se puede {} un ticket de {} en estado {}{}",
        move_verb(action),
        kind_label(kind),
        status_label(from).to_lowercase(),
        next_step(kind, from, action)
    )
}

/// What the analyst can do instead, after a refused move: the step the
/// ticket is missing, or that it admits no more moves.
fn next_step(kind: Kind, from: Status, action: Move) -> &'static str {
    use crate::domain::lifecycle::transition;
    if matches!(from, Status::Nuevo | Status::Observado)
        && action != Move::Take
        && transition(kind, Status::EnAtencion, action).is_ok()
    {
        return "; tómelo primero (t en la consola, «mesa take» en la línea de comandos)";
    }
    if from.is_final() {
        return "; el ticket ya terminó su trámite y no admite más movimientos";
    }
    ""
}

pub fn reason_required(action: Move) -> String {
    format!("para {} indique el motivo (--reason)", move_verb(action))
}

pub fn checks_failed(problems: &[Problem]) -> String {
    let list: Vec<String> = problems.iter().map(problem).collect();
    format!(
        "no se puede programar; verificaciones pendientes: {}",
        list.join("; ")
    )
}

pub fn in_sealed_batch(batch: &str) -> String {
    format!("el ticket ya está en el lote sellado {batch}; su contenido no cambia")
}

pub fn weekday_short(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "lun",
        Weekday::Tue => "mar",
        Weekday::Wed => "mié",
        Weekday::Thu => "jue",
        Weekday::Fri => "vie",
        Weekday::Sat => "sáb",
        Weekday::Sun => "dom",
    }
}

/// "vie 27/11/2026".
pub fn day(date: NaiveDate) -> String {
    format!(
        "{} {}",
        weekday_short(date.weekday()),
        date.format("%d/%m/%Y")
    )
}

// The words by area, one file each (a new area gets a file of its own).
pub mod batch;
pub mod batch_screen;
pub mod bench;
pub mod bench_keys;
pub mod cli;
pub mod close_dialog;
pub mod console_safety;
pub mod correction;
pub mod demo;
pub mod expiry_mail;
pub mod export;
pub mod families;
pub mod faults;
pub mod find;
pub mod hostile;
pub mod identity;
pub mod import_columns;
pub mod links;
pub mod look;
pub mod mail;
pub mod mail_tls;
pub mod people;
pub mod refusals;
pub mod registry;
pub mod roles;
pub mod rules;
pub mod screens;
pub mod shared;
pub mod speed;
pub mod store;
pub mod team;
pub mod trust;
pub mod tui;
pub mod tui_trust;
pub mod words;
