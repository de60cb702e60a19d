//! Faults: disk full, leftovers, restore and import refusals, resource limits.

use std::path::Path;

/// Shows a name from a hostile file: at most 80 characters, control
/// characters as `?`.
pub fn shown(name: &str) -> String {
    name.chars()
        .take(80)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

// Restore: entries and limits.
pub fn backup_entry_refused(name: &str) -> String {
    format!(
        "la entrada «{}» no es parte de una copia de mesa (solo mesa-backup.json, \
         registros.bin, config.toml y adjuntos/<sha256>, archivos comunes sin rutas): \
         copia rechazada",
        shown(name)
    )
}
pub fn backup_entry_twice(name: &str) -> String {
    format!(
        "la entrada «{}» aparece dos veces: copia rechazada",
        shown(name)
    )
}
pub fn backup_attachment_name(name: &str) -> String {
    format!(
        "el manifiesto nombra el adjunto «{}», que no es un SHA-256 (64 cifras hexadecimales): \
         copia rechazada",
        shown(name)
    )
}
pub fn backup_too_many_entries(n: usize, max: usize) -> String {
    format!("tiene {n} entradas y el máximo es {max}: copia rechazada")
}
pub fn backup_part_too_large(name: &str, max: u64) -> String {
    format!(
        "{} descomprimido pasa de {} bytes, el máximo para esa parte: copia rechazada",
        shown(name),
        max
    )
}
pub fn backup_total_too_large(max: u64) -> String {
    format!("sus partes suman más de {max} bytes descomprimidos: copia rechazada")
}
pub fn backup_field_too_large(max: u64) -> String {
    format!("un registro pasa de {max} bytes: copia rechazada")
}
pub fn restore_actor_refused(path: &Path) -> String {
    format!(
        "no se restauró {}: nada se escribió en el disco",
        path.display()
    )
}
