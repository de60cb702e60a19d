use std::collections::BTreeMap;
use std::path::Path;

use chrono_tz::Tz;

use crate::domain::Kind;
use crate::domain::batch::Batch;

pub const SHEET_NAME: &str = "Solicitudes";
pub const REQUEST_COLUMNS: [&str; 13] = [
    "N°",
    "Ticket",
    "Trámite",
    "Motivo",
    "Nombre completo",
    "DNI",
    "Fecha de emisión del DNI",
    "Correo institucional",
    "Foto",
    "Firma",
    "Operación de pago",
    "Fecha de registro",
    "Vence certificado actual",
];
pub const PAYMENT_COLUMNS: [&str; 8] = [
    "Operación",
    "Fecha de pago",
    "Monto (S/)",
    "Código de tributo",
    "RUC",
    "DNI",
    "Nombre completo",
    "Ticket",
];

pub fn io(path: &Path, e: &std::io::Error) -> String {
    format!(
        "no se pudo escribir la exportación en {}: {}",
        path.display(),
        super::words::io_error(e)
    )
}
pub fn failed(detail: &str) -> String {
    format!("no se pudo generar la exportación: {detail}")
}

pub fn summary(
    batch: &Batch,
    tz: Tz,
    counts: &BTreeMap<(Kind, Option<char>), usize>,
    tickets: usize,
    applicants: usize,
    payments: usize,
    move_note: &str,
) -> String {
    let moment = |at: chrono::DateTime<chrono::Utc>| crate::cli::view::moment(at, tz);
    let mut s = format!("{}\n", batch.id);
    s += &format!("Envío a RENIEC: {}", moment(batch.dispatch.at));
    s += move_note;
    s += &format!(
        "\nSellado: {} por {}\n",
        moment(batch.sealed_at),
        batch.sealed_by
    );
    if let Some(r) = &batch.early_reason {
        s += &format!("Sellado antes del corte: {r}\n");
    }
    s += &format!(
        "\nTickets: {tickets}\nSolicitantes: {applicants}\nPagos: {payments}\n\nPor trámite y motivo:\n"
    );
    for ((kind, motive), n) in counts {
        s += &format!("  {:<16} {n}\n", super::kind_and_motive(*kind, *motive));
    }
    s
}
