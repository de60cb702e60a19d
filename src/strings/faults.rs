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

// Files the desk reads: CSVs given on the command line, photos and
// signatures named in them.
pub fn not_regular() -> &'static str {
    "no es un archivo común: es un dispositivo, una tubería FIFO o un socket"
}
pub fn file_too_large(max: u64) -> String {
    format!("pasa de {} MB, el máximo admitido", max / 1_000_000)
}
pub fn cannot_read_input(path: &Path, why: &str) -> String {
    format!("no se puede leer {}: {why}", path.display())
}
pub fn absolute_path() -> &'static str {
    "es una ruta absoluta: las fotos y firmas van en la carpeta del CSV y se nombran con rutas relativas a ella"
}
pub fn outside_folder() -> &'static str {
    "queda fuera de la carpeta del CSV (por «..» o por un enlace simbólico)"
}
pub fn bad_characters() -> &'static str {
    "el nombre tiene caracteres no admitidos (\\, NUL o de control)"
}
pub fn system_file() -> &'static str {
    "es un archivo del sistema (/proc, /sys o /dev)"
}
pub fn changed_while_read() -> &'static str {
    "cambió mientras se leía (ahora es un enlace)"
}
pub fn claims_other_type(claimed: &str, actual: &str) -> String {
    format!("su extensión dice {claimed} pero su contenido es {actual}")
}
pub fn too_many_pixels(width: u32, height: u32, max: u64) -> String {
    format!(
        "la imagen declara {width}×{height} píxeles; el máximo es {} millones",
        max / 1_000_000
    )
}

// Disk space.
pub fn no_room(need: u64, free: u64) -> String {
    let mb = |b: u64| b.div_ceil(1_000_000);
    format!(
        "no hay espacio suficiente en el disco: se necesitan unos {} MB libres y quedan {} MB; \
         libere espacio y repita (nada se escribió)",
        mb(need),
        mb(free)
    )
}

pub fn backup_field_refused(text: &str) -> String {
    format!(
        "el manifiesto tiene un texto con caracteres de control («{}»): copia rechazada",
        shown(text)
    )
}

/// Why a file could not be read, in Spanish (the system's own text, in
/// English, is not shown inside a Spanish sentence).
pub fn read_cause(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "no existe".into(),
        K::PermissionDenied => "no hay permiso de lectura".into(),
        K::IsADirectory => "es una carpeta".into(),
        K::NotADirectory => "una parte de la ruta no es una carpeta".into(),
        _ if e.raw_os_error() == Some(libc::ELOOP) => {
            "hay demasiados enlaces simbólicos en la ruta".into()
        }
        _ if e.raw_os_error().is_some() => "error del sistema de archivos al leerlo".into(),
        // Our own texts (already Spanish) pass through.
        _ => e.to_string(),
    }
}
