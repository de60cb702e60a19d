use std::path::Path;

use chrono::NaiveDate;

use crate::domain::batch::Batch;
use crate::domain::{Status, Ticket};

pub fn upcoming_header() -> &'static str {
    "Envíos a RENIEC (sin sellar y próximos):"
}
pub fn moved_mark() -> &'static str {
    " (adelantado por feriado)"
}
pub fn sealed_mark(id: &str) -> String {
    format!("  [sellado: {id}]")
}
pub fn sealed_header() -> &'static str {
    "Lotes sellados:"
}
pub fn sealed_line(b: &Batch, sealed_at: &str) -> String {
    let sent = if b.sent_at.is_some() {
        " · enviado"
    } else {
        ""
    };
    format!(
        "  {}  {} · sellado {sealed_at} por {}{sent}",
        b.id,
        super::words::plural(b.tickets.len(), "ticket", "tickets"),
        b.sealed_by
    )
}
pub fn sealed_now(b: &Batch, when: &str) -> String {
    format!(
        "Lote {} sellado: {} para el envío del {when}.",
        b.id,
        super::words::plural(b.tickets.len(), "ticket", "tickets")
    )
}
pub fn sealed_before(b: &Batch) -> String {
    format!(
        "El lote {} ya estaba sellado ({}); no cambió nada.",
        b.id,
        super::words::plural(b.tickets.len(), "ticket", "tickets")
    )
}
pub fn exported(folder: &Path, zip: &Path, files: usize) -> String {
    format!(
        "Exportado: {} ({}) y {}",
        folder.display(),
        super::words::plural(files, "archivo", "archivos"),
        zip.display()
    )
}
pub fn marked_sent(id: &str, n: usize) -> String {
    format!(
        "Lote {id} marcado como enviado: {} en estado «enviado».",
        super::words::plural(n, "ticket", "tickets")
    )
}
pub fn outcomes_recorded(tickets: &[Ticket]) -> String {
    let approved = tickets
        .iter()
        .filter(|t| t.status == Status::Aprobado)
        .count();
    let rejected = tickets
        .iter()
        .filter(|t| t.status == Status::Rechazado)
        .count();
    format!(
        "Respuestas registradas: {}, {}.",
        super::words::plural(approved, "aprobado", "aprobados"),
        super::words::plural(rejected, "rechazado", "rechazados")
    )
}

use crate::desk::batch::{Blocker, BlockerKind};

pub fn nothing_to_seal() -> &'static str {
    "no hay un envío pasado por sellar"
}
pub fn no_dispatch_on(day: NaiveDate) -> String {
    format!("no hay envío a RENIEC el {}", super::day(day))
}
pub fn early_needs_reason(when: &str) -> String {
    format!("el envío del {when} aún no llega; para sellar antes indique el motivo con --reason")
}
pub fn empty(id: &str) -> String {
    format!("el lote {id} no tiene tickets programados; no hay nada que sellar")
}
pub fn blocker(b: &Blocker) -> String {
    let what = match &b.problem {
        BlockerKind::Check(p) => super::problem(p),
        BlockerKind::FileMissing { field, sha256 } => {
            format!(
                "{field}: falta el archivo {} en el almacén",
                &sha256[..12.min(sha256.len())]
            )
        }
        BlockerKind::ReceiptMissing { operation } => {
            format!("constancia de pago: no existe la operación {operation}")
        }
    };
    format!("{}: {what}", b.ticket)
}
pub fn not_ready(blockers: &[Blocker]) -> String {
    let list: Vec<String> = blockers.iter().map(blocker).collect();
    format!(
        "no se puede sellar; resuelva primero:\n  {}",
        list.join("\n  ")
    )
}
