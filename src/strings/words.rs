//! Errors at the edge: closed pipes, missing stores, configuration, system errors in Spanish.

use std::io::ErrorKind as K;
use std::path::Path;

/// Never shown (a closed output is a quiet end); the `Display` of `Closed`.
pub fn output_closed() -> &'static str {
    "la salida se cerró"
}

/// A system (I/O) error in Spanish, by its kind: the system's own English
/// («No such file or directory (os error 2)») never reaches the user.
pub fn io_error(e: &std::io::Error) -> String {
    let what = match e.kind() {
        K::NotFound => "no existe el archivo o directorio",
        K::PermissionDenied => "permiso denegado",
        K::AlreadyExists => "ya existe",
        K::StorageFull | K::QuotaExceeded => "no queda espacio en el disco",
        K::ReadOnlyFilesystem => "el disco es de solo lectura",
        K::FileTooLarge => "el archivo es demasiado grande",
        K::IsADirectory => "es un directorio, no un archivo",
        K::NotADirectory => "una parte de la ruta no es un directorio",
        K::DirectoryNotEmpty => "el directorio no está vacío",
        K::InvalidData => "el contenido no es válido",
        K::InvalidInput | K::InvalidFilename => "nombre o dato no válido",
        K::UnexpectedEof => "el archivo terminó antes de lo esperado",
        K::BrokenPipe => "la salida se cerró",
        K::TimedOut => "se agotó el tiempo de espera",
        K::Interrupted => "la operación fue interrumpida",
        K::WouldBlock | K::ResourceBusy => "el recurso está ocupado",
        K::ConnectionRefused => "conexión rechazada",
        K::ConnectionReset | K::ConnectionAborted => "la conexión se cortó",
        K::AddrInUse => "la dirección ya está en uso",
        K::OutOfMemory => "no hay memoria suficiente",
        K::CrossesDevices => "no se puede mover entre discos distintos",
        K::TooManyLinks => "demasiados enlaces",
        K::Unsupported => "operación no admitida por el sistema",
        _ => match e.raw_os_error() {
            // EIO: the disk or the terminal went away.
            Some(5) => "error de entrada/salida del dispositivo",
            _ => "error del sistema",
        },
    };
    match e.raw_os_error() {
        Some(code) => format!("{what} (código del sistema {code})"),
        None => what.to_string(),
    }
}

/// An I/O error on a named file or directory.
pub fn io_error_at(path: &Path, e: &std::io::Error) -> String {
    format!("{}: {}", path.display(), io_error(e))
}

/// A count with its noun, singular for one: `plural(1, "ticket",
/// "tickets")` is «1 ticket», `plural(0, …)` «0 tickets».
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The noun alone, agreeing with `n`.
pub fn noun<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// A command other than `init`/`demo` on a path with no store.
pub fn store_missing(dir: &Path) -> String {
    format!(
        "no hay un almacén en {}: revise --store (o MESA_STORE); para crear uno nuevo ahí, use «mesa init --supervisor NOMBRE»",
        dir.display()
    )
}

/// A store asked for inside another store's own files.
pub fn store_inside_store(dir: &Path, outer: &Path) -> String {
    format!(
        "{} está dentro del almacén {}: indique el directorio del almacén mismo (o uno fuera de él)",
        dir.display(),
        outer.display()
    )
}

/// `init`, `demo` or `restore` made a new store.
pub fn store_created(dir: &Path) -> String {
    format!("Se creó un almacén nuevo en {}.", dir.display())
}

/// The console's first run, on the store it just created.
pub fn console_store(dir: &Path) -> String {
    format!("Almacén: {}", dir.display())
}

/// Any error at the end of a command, in Spanish: a system (I/O) error on
/// top is translated by its kind; the rest already speak Spanish.
pub fn error_text(e: &anyhow::Error) -> String {
    match e.downcast_ref::<std::io::Error>() {
        Some(io) if e.chain().count() == 1 => io_error(io),
        _ => e.to_string(),
    }
}

/// A configuration file that could not be read as expected, in Spanish:
/// the file, the line, the key, and what was wrong, translated from the
/// TOML reader's English (`serde`'s «unknown field», «invalid type»…).
pub fn config_error(path: &Path, line: Option<usize>, key: &str, english: &str) -> String {
    let mut at = format!("configuración {}", path.display());
    if let Some(n) = line {
        at.push_str(&format!(", línea {n}"));
    }
    if !key.is_empty() {
        at.push_str(&format!(", clave «{key}»"));
    }
    format!("{at}: {}", config_problem(english))
}

/// What serde's or toml's English message means, in Spanish.
fn config_problem(english: &str) -> String {
    let ticks = |s: &str| -> Vec<String> {
        s.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    let expected = english
        .rsplit_once("expected ")
        .map(|(_, e)| expected_words(e.trim()))
        .unwrap_or_default();
    if let Some(rest) = english.strip_prefix("unknown field ") {
        let names = ticks(rest);
        let given = names.first().cloned().unwrap_or_default();
        let valid = names.get(1..).unwrap_or_default().join(", ");
        return if valid.is_empty() {
            format!("clave desconocida «{given}»")
        } else {
            format!("clave desconocida «{given}» (claves válidas: {valid})")
        };
    }
    if let Some(rest) = english.strip_prefix("duplicate field ") {
        return format!("la clave «{}» está repetida", ticks(rest).join(""));
    }
    if let Some(rest) = english.strip_prefix("missing field ") {
        return format!("falta la clave «{}»", ticks(rest).join(""));
    }
    if english.starts_with("invalid type") {
        return format!("tipo de valor no válido: se esperaba {expected}");
    }
    if english.starts_with("invalid value") || english.contains("out of range") {
        return format!("valor fuera de rango: se esperaba {expected}");
    }
    if english.starts_with("invalid length") {
        return format!("cantidad de elementos no válida: se esperaba {expected}");
    }
    if english.contains("duplicate key") {
        return "clave repetida".into();
    }
    "el archivo no es TOML válido en ese punto (revise comillas, corchetes y el signo =)".into()
}

fn expected_words(e: &str) -> String {
    match e {
        "u8" | "u16" | "u32" | "u64" | "usize" => match e {
            "u8" => "un número entero entre 0 y 255".into(),
            "u16" => "un número entero entre 0 y 65535".into(),
            _ => "un número entero no negativo".into(),
        },
        "i8" | "i16" | "i32" | "i64" | "isize" => "un número entero".into(),
        "f32" | "f64" => "un número".into(),
        "a boolean" => "true o false".into(),
        "a string" => "un texto entre comillas".into(),
        "a sequence" => "una lista entre corchetes [ ]".into(),
        "a map" | "struct" => "una tabla".into(),
        e if e.starts_with("struct ") => "una tabla".into(),
        _ => "otro tipo de valor".into(),
    }
}

/// A command-line value that is not a date.
pub fn not_a_date() -> &'static str {
    "no es una fecha válida (use AAAA-MM-DD, p. ej. 2026-11-27)"
}

pub fn not_a_whole_number() -> &'static str {
    "no es un número entero válido"
}

pub fn not_a_number() -> &'static str {
    "no es un número válido"
}

/// A CSV reader's error in Spanish (its own text is English).
pub fn csv_error(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Io(io) => io_error(io),
        csv::ErrorKind::Utf8 { .. } => {
            "el texto no está en UTF-8: guarde el archivo como «CSV UTF-8»".into()
        }
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "la fila tiene {} y la cabecera {}",
            plural(*len as usize, "columna", "columnas"),
            plural(*expected_len as usize, "columna", "columnas")
        ),
        _ => "el archivo no es un CSV válido".into(),
    }
}

/// A 7-digit DNI: most likely a spreadsheet ate its leading zero.
pub fn dni_leading_zero() -> &'static str {
    "debe tener exactamente 8 dígitos y tiene 7: las hojas de cálculo suelen borrar el cero inicial (escríbalo, p. ej. 04578123, o guarde la columna como texto)"
}

/// An address with accents or «ñ».
pub fn email_not_ascii() -> &'static str {
    "no es una dirección de correo válida: las direcciones usan solo letras sin tildes ni «ñ» (ASCII simple), p. ej. jose@regioncajamarca.gob.pe"
}

/// A photo or signature on an installation or cancellation row.
pub fn media_not_for_kind(kind: &str) -> String {
    // Installation and cancellation are both feminine: «la …».
    format!(
        "la {} no lleva foto ni firma (RENIEC no las pide): deje vacía esta columna",
        kind.to_lowercase()
    )
}

/// Scheduling a ticket whose procedure never goes to RENIEC in the weekly
/// dispatch: say so, and what to do instead.
pub fn not_sent_to_reniec(kind: crate::domain::Kind) -> String {
    use crate::domain::Kind;
    match kind {
        Kind::Instalacion => "no se puede programar: las instalaciones no se envían a RENIEC; se atienden aquí y se cierran \
             al quedar instalado el certificado («mesa close ID --medium pc|token|tarjeta --expires AAAA-MM-DD»)"
            .into(),
        Kind::Cancelacion => "no se puede programar: las cancelaciones no van en el envío semanal a RENIEC; las hace el analista \
             y se cierran al quedar cancelado el certificado («mesa close ID»)"
            .into(),
        _ => String::new(),
    }
}

/// The embedded database's own error, in Spanish.
pub fn db_error(e: &sled::Error) -> String {
    match e {
        sled::Error::Io(io) => io_error(io),
        sled::Error::Corruption { .. } => "los datos en disco están dañados".into(),
        sled::Error::Unsupported(_) => "la base de datos usa un formato no admitido".into(),
        sled::Error::CollectionNotFound(_) => "falta una tabla de la base de datos".into(),
        sled::Error::ReportableBug(_) => "error interno de la base de datos".into(),
    }
}

/// A background writer of the store failed without saying why.
pub fn db_internal() -> String {
    "error interno al escribir en la base de datos".into()
}

/// A stored record (JSON) that does not read back: where, in Spanish.
pub fn json_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Io => "no se pudo leer",
        Category::Syntax => "el texto guardado está dañado",
        Category::Data => "el contenido no tiene la forma esperada",
        Category::Eof => "el texto guardado está cortado",
    };
    format!("{what} (línea {}, columna {})", e.line(), e.column())
}

/// Bytes that should be text and are not UTF-8.
pub fn not_utf8() -> String {
    "un nombre guardado no es texto UTF-8".into()
}

/// Why the mail library refused an address, in Spanish.
pub fn address_error(e: &lettre::address::AddressError) -> String {
    use lettre::address::AddressError as A;
    match e {
        A::MissingParts => "falta el usuario o el dominio (usuario@dominio)",
        A::Unbalanced => "los signos < > no están parejos",
        A::InvalidUser => "la parte antes de la @ no es válida",
        A::InvalidDomain => "el dominio no es válido",
        _ => "contiene caracteres no válidos (use solo letras sin tildes, dígitos, «.», «-» y «_»)",
    }
    .into()
}

/// `--config` / `MESA_CONFIG` names a file that does not exist.
pub fn config_missing(path: &Path) -> String {
    format!(
        "no existe el archivo de configuración {} (indicado con --config o MESA_CONFIG); sin --config se usa config.toml dentro del almacén, si existe",
        path.display()
    )
}

/// The spreadsheet (XLSX) could not be written, for a reason of its own.
pub fn xlsx_failed() -> &'static str {
    "no se pudo armar la hoja de cálculo (XLSX)"
}

/// A zip reader's or writer's error, in Spanish.
pub fn zip_error(e: &zip::result::ZipError) -> String {
    use zip::result::ZipError as Z;
    match e {
        Z::Io(io) => io_error(io),
        Z::InvalidArchive(_) => "no es un archivo zip válido o está incompleto".into(),
        Z::UnsupportedArchive(_) => "el zip usa un formato no admitido".into(),
        Z::FileNotFound => "falta un archivo dentro del zip".into(),
        _ => "el zip no se pudo leer".into(),
    }
}

/// `mesa` without a command, but not on a terminal (a pipe, a file, cron).
pub fn no_terminal() -> &'static str {
    "la consola necesita una terminal (la entrada y la salida no pueden ser una tubería ni un archivo); sin terminal, use los comandos: «mesa --help»"
}

/// "vie 27/11/2026 16:30".
pub fn moment(at: chrono::DateTime<chrono::Utc>, tz: chrono_tz::Tz) -> String {
    let l = at.with_timezone(&tz);
    format!("{} {}", super::day(l.date_naive()), l.format("%H:%M"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(plural(1, "ticket", "tickets"), "1 ticket");
        assert_eq!(plural(0, "ticket", "tickets"), "0 tickets");
        assert_eq!(plural(2, "rechazado", "rechazados"), "2 rechazados");
    }

    #[test]
    fn system_errors_are_spanish_whatever_the_kind() {
        for kind in [K::NotFound, K::PermissionDenied, K::StorageFull] {
            let text = io_error(&std::io::Error::from(kind));
            assert!(!text.contains("denied") && !text.contains("such"), "{text}");
        }
        let enoent = std::io::Error::from_raw_os_error(2);
        assert_eq!(
            io_error(&enoent),
            "no existe el archivo o directorio (código del sistema 2)"
        );
    }
}
