//! The demo's people directory: everyone a ticket of the window names,
//! loaded through the people import (as a desk would load its directory)
//! when the desk is set up.

use chrono::Duration;

use super::SUPERVISOR;
use super::rng::Rng;
use crate::desk::Desk;
use crate::desk::import::ImportFailure;
use crate::desk::registry::PEOPLE_COLUMNS;
use crate::domain::Ticket;
use crate::store::{Result, StoreError};

/// Posts named without gender, so that any name fits.
const JOBS: &[&str] = &[
    "Especialista en presupuesto",
    "Analista de sistemas",
    "Asistente de gerencia",
    "Especialista legal",
    "Especialista en abastecimiento",
    "Asistente de archivo",
    "Analista de recursos humanos",
    "Especialista en obras",
    "Especialista en salud pública",
    "Asistente de mesa de partes",
    "Analista de planeamiento",
    "Especialista agrario",
];
const UNITS: &[(&str, &str)] = &[
    ("Oficina de Tecnologías de la Información", "Sede central"),
    ("Oficina Regional de Administración", "Sede central"),
    ("Procuraduría Pública Regional", "Sede central"),
    ("Gerencia Regional de Infraestructura", "Sede central"),
    ("Dirección Regional de Agricultura", "Agencia Agraria Jaén"),
    ("Dirección Regional de Salud", "Red de Salud Cajamarca"),
    ("Dirección Regional de Educación", "UGEL Cajamarca"),
    ("Dirección Regional de Transportes", "Sede central"),
    ("Dirección Regional de Agricultura", "Agencia Agraria Chota"),
];

/// Imports everyone the tickets name (each DNI once), at the desk's now.
pub(super) fn import<'a>(
    desk: &Desk,
    tickets: impl Iterator<Item = &'a Ticket>,
    rng: &mut Rng,
) -> Result<()> {
    let today = desk.today();
    let mut seen = std::collections::HashSet::new();
    let mut csv = PEOPLE_COLUMNS.join(",") + "\n";
    for a in tickets.flat_map(|t| t.applicants.iter()) {
        if !seen.insert(a.dni.clone()) {
            continue;
        }
        let (unit, dependency) = *rng.pick(UNITS);
        let started_on = today - Duration::days(200 + rng.below(4_000) as i64);
        csv += &format!(
            "{},{},{},{},{unit},{dependency},{}\n",
            a.dni,
            a.full_name,
            a.email,
            rng.pick(JOBS),
            started_on.format("%Y-%m-%d")
        );
    }
    if seen.is_empty() {
        return Ok(());
    }
    match desk.import_people(csv.as_bytes(), SUPERVISOR) {
        Ok(_) => Ok(()),
        Err(ImportFailure::Store(e)) => Err(e),
        // The demo's own people always pass the import's checks.
        Err(ImportFailure::Rows(rows)) => Err(StoreError::Damaged {
            path: desk.store_dir().to_path_buf(),
            detail: format!("{rows:?}"),
        }),
    }
}
