//! Spanish texts for this area (see `strings/mod.rs`): the request
//! families other than certificates (`domain::family`, `desk::families`,
//! `mesa request`).

use std::fmt::{Display, Formatter, Result};

use chrono::{DateTime, Duration};
use chrono_tz::Tz;

use crate::domain::family::parse::{DefError, DefProblem};
use crate::domain::family::request::{AdvanceRefused, IntakeProblem, IntakeRule};
use crate::domain::family::{DocKind, Unit};

fn def_problem(p: &DefProblem) -> String {
    match p {
        DefProblem::Syntax => "no es TOML válido o tiene una clave o un valor que no corresponde".into(),
        DefProblem::Missing => "falta".into(),
        DefProblem::Empty => "está vacío".into(),
        DefProblem::Duplicate(id) => format!("el identificador «{id}» está repetido"),
        DefProblem::UnknownStep(id) => format!("nombra el paso «{id}», que la familia no define"),
        DefProblem::UnknownStatus(id) => format!("nombra el estado «{id}», que la familia no define"),
        DefProblem::UnknownTemplate(id) => {
            format!("nombra la plantilla de correo «{id}», que la familia no define")
        }
        DefProblem::UnknownField(id) => format!("nombra el campo «{id}», que el tipo no define"),
        DefProblem::DeadlineNoUnit => {
            "el plazo no tiene unidad (unit = \"days\" para días hábiles o \"hours\" para horas hábiles)".into()
        }
        DefProblem::BadUnit(u) => {
            format!("la unidad «{u}» no existe (use \"days\" para días hábiles o \"hours\" para horas hábiles)")
        }
        DefProblem::ZeroDeadline => "el plazo debe ser mayor que cero".into(),
        DefProblem::BadCheck(c) => {
            format!("la verificación «{c}» no existe (dni, email, date, choice o text)")
        }
        DefProblem::NoOptions => "una lista de opciones (choice) necesita al menos una opción".into(),
        DefProblem::BadKind(k) => format!("el tipo de documento «{k}» no existe (pdf, xlsx o image)"),
        DefProblem::TooBig(kb) => format!(
            "el tamaño máximo {kb} KB no es válido (de 1 a {} KB)",
            crate::domain::family::parse::MAX_DOC_KB
        ),
        DefProblem::BadTime(t) => format!("«{t}» no es una hora HH:MM"),
        DefProblem::ClosesBeforeOpening => "la oficina cierra antes de abrir".into(),
        DefProblem::BadAddress(a) => format!("«{a}» no es una dirección de correo"),
    }
}

impl Display for DefError {
    fn fmt(&self, f: &mut Formatter<'_>) -> Result {
        write!(f, "procedimiento {}", self.file)?;
        if let Some(n) = self.line {
            write!(f, ", línea {n}")?;
        }
        if !self.field.is_empty() {
            write!(f, ", campo «{}»", self.field)?;
        }
        write!(f, ": {}", def_problem(&self.problem))
    }
}

pub fn doc_kind(k: DocKind) -> &'static str {
    match k {
        DocKind::Pdf => "PDF",
        DocKind::Xlsx => "Excel (XLSX)",
        DocKind::Image => "imagen JPEG o PNG",
    }
}

fn rule(r: &IntakeRule) -> String {
    match r {
        IntakeRule::Required => "es obligatorio".into(),
        IntakeRule::UnknownField => "este tipo de solicitud no tiene ese campo".into(),
        IntakeRule::UnknownDocument => "este tipo de solicitud no pide ese documento".into(),
        IntakeRule::Dni => "el DNI debe tener 8 dígitos".into(),
        IntakeRule::Email => "no es una dirección de correo válida".into(),
        IntakeRule::EmailDomain(d) => {
            format!("debe ser un correo institucional ({})", d.join(", "))
        }
        IntakeRule::Date => "no es una fecha AAAA-MM-DD".into(),
        IntakeRule::DateInFuture => "la fecha no puede ser futura".into(),
        IntakeRule::DateTooOld(n) => format!("no puede tener más de {n} días de antigüedad"),
        IntakeRule::NotAChoice(o) => format!("debe ser una de: {}", o.join(", ")),
        IntakeRule::TooLong(n) => format!("admite como máximo {n} caracteres"),
        IntakeRule::NotEqual(other) => format!("debe coincidir con «{other}»"),
        IntakeRule::DocumentMissing => "falta el documento".into(),
        IntakeRule::DocumentKind(k) => format!("el archivo debe ser {}", doc_kind(*k)),
        IntakeRule::DocumentTooBig(max) => {
            format!("el archivo supera el máximo de {}", super::tui::bytes(*max))
        }
        IntakeRule::DocumentEmpty => "el archivo está vacío".into(),
    }
}

impl Display for IntakeProblem {
    fn fmt(&self, f: &mut Formatter<'_>) -> Result {
        match &self.refusal {
            Some(words) => write!(f, "{}: {words} ({})", self.field, rule(&self.rule)),
            None => write!(f, "{}: {}", self.field, rule(&self.rule)),
        }
    }
}

impl Display for AdvanceRefused {
    fn fmt(&self, f: &mut Formatter<'_>) -> Result {
        match self {
            AdvanceRefused::Closed => {
                f.write_str("la solicitud ya está cerrada: no tiene más pasos")
            }
            AdvanceRefused::StepGone(s) => write!(
                f,
                "el paso «{s}» ya no existe en el procedimiento de la familia: corrija su archivo"
            ),
            AdvanceRefused::BadAddress(a) => {
                write!(f, "enviado a: «{a}» no es una dirección de correo")
            }
        }
    }
}

pub fn unit(u: Unit, n: u32) -> String {
    match (u, n) {
        (Unit::Days, 1) => "1 día hábil".into(),
        (Unit::Days, n) => format!("{n} días hábiles"),
        (Unit::Hours, 1) => "1 hora hábil".into(),
        (Unit::Hours, n) => format!("{n} horas hábiles"),
    }
}

fn span(d: Duration) -> String {
    let mins = d.num_minutes().abs();
    let (days, hours, m) = (mins / 1440, (mins % 1440) / 60, mins % 60);
    match (days, hours) {
        (0, 0) => format!("{m} min"),
        (0, h) => format!("{h} h {m} min"),
        (d, h) => format!("{d} d {h} h"),
    }
}

/// «vence vie 04/12 16:30 (faltan 2 h 5 min)» or «VENCIDO desde …».
pub fn due(due: DateTime<Tz>, now: DateTime<Tz>) -> String {
    let when = due.format("%d/%m/%Y %H:%M");
    if now > due {
        format!("VENCIDO desde {when} (hace {})", span(now - due))
    } else {
        format!("vence {when} (faltan {})", span(due - now))
    }
}

pub fn unreadable(path: &std::path::Path, cause: &str) -> String {
    format!(
        "no se pudo leer el procedimiento {}: {cause}",
        path.display()
    )
}

pub fn unknown_family(id: &str, known: &[String]) -> String {
    format!("familia: «{id}» no existe (familias: {})", known.join(", "))
}

pub fn unknown_type(family: &str, id: &str, known: &[String]) -> String {
    format!(
        "tipo: «{id}» no es un tipo de solicitud de la familia {family} (tipos: {})",
        known.join(", ")
    )
}

pub fn intake_refused(problems: &[IntakeProblem]) -> String {
    let mut out = String::from("solicitud rechazada, no se registró nada:");
    for p in problems {
        out.push_str(&format!("\n  - {p}"));
    }
    out
}

pub fn document_unreadable(slot: &str, path: &std::path::Path, cause: &str) -> String {
    format!("documento «{slot}» ({}): {cause}", path.display())
}

pub fn bad_pair(flag: &str, value: &str) -> String {
    format!("{flag}: «{value}» debe tener la forma clave=valor")
}

pub fn not_found(id: &str) -> String {
    format!("no existe la solicitud «{id}»")
}

pub fn registered_detail(family: &str, kind: &str) -> String {
    format!("solicitud registrada: {family}, {kind}")
}

pub fn step_detail(step: &str, status: &str) -> String {
    format!("paso «{step}» cumplido; estado: {status}")
}

pub fn answer_slot() -> &'static str {
    "respuesta"
}
