//! Hostile input: terminal escapes, exported cells, file permissions, the audit head.

use crate::domain::free_text::TextRefused;

/// Free text refused, for the field named by `field` («el motivo»).
pub fn text_refused(field: &str, why: &TextRefused) -> String {
    match why {
        TextRefused::TooLong { max, len } => {
            format!("{field} es demasiado largo: {len} caracteres, el máximo es {max}.")
        }
        TextRefused::ControlCharacters => format!(
            "{field} contiene caracteres de control (escape, campana, retorno de carro o \
             cambio de dirección del texto); escríbalo como texto simple."
        ),
    }
}

pub fn reason_refused(why: &TextRefused) -> String {
    text_refused("El motivo", why)
}

pub fn search_refused(why: &TextRefused) -> String {
    text_refused("El texto de búsqueda", why)
}

/// An existing store other users of the machine can reach.
pub fn store_exposed(dir: &std::path::Path, exposed: &[std::path::PathBuf]) -> String {
    let first: Vec<String> = exposed
        .iter()
        .take(3)
        .map(|p| p.display().to_string())
        .collect();
    let more = exposed.len().saturating_sub(first.len());
    let more = if more > 0 {
        format!(" y {more} más")
    } else {
        String::new()
    };
    format!(
        "Aviso: el almacén {} tiene datos personales que otros usuarios de este equipo pueden leer \
         ({}{more}). Corríjalo con: chmod -R go-rwx {}",
        dir.display(),
        first.join(", "),
        dir.display()
    )
}

/// The same warning, short enough for the console's status line.
pub fn store_exposed_short(dir: &std::path::Path) -> String {
    format!(
        "Aviso: otros usuarios del equipo pueden leer el almacén; corríjalo con chmod -R go-rwx {}",
        dir.display()
    )
}

/// Writes refused: the chain's witness was deleted.
pub fn witness_missing(dir: &std::path::Path, entries: u64) -> String {
    format!(
        "Falta el testigo de la auditoría ({}/audit.head) y la cadena tiene {entries} entradas: \
         alguien lo borró, quizá para ocultar que la base de datos fue reemplazada por una copia \
         anterior. No se registrará ningún cambio hasta que un supervisor revise la cadena \
         («mesa audit verify», comparando con la última cabeza que anotó) y la acepte con \
         «mesa audit head --accept».",
        dir.display()
    )
}

/// `audit verify` on a store whose witness is gone.
pub fn verify_witness_missing(entries: u64, hash: &str) -> String {
    format!(
        "La cadena de auditoría es coherente, pero falta su testigo (audit.head): solo puede \
         probarse hasta la entrada {entries} (hash {hash}). Si la última cabeza que usted anotó \
         es posterior, se perdieron o quitaron acciones. Compruébelo con \
         «mesa audit verify --head N:HASH»."
    )
}

/// `audit head`: the current head, to write down or send.
pub fn head_line(entries: u64, hash: &str, at: &str) -> String {
    format!(
        "Cabeza de la auditoría: entrada {entries} · hash {hash} · {at}\n\
         Anótela o envíela fuera de este equipo; más tarde, «mesa audit verify --head {entries}:{hash}» \
         comprueba que la cadena aún la contiene."
    )
}

pub fn head_empty() -> &'static str {
    "La auditoría no tiene entradas todavía."
}

/// `--head` given in the wrong shape.
pub fn head_arg_invalid(given: &str) -> String {
    format!(
        "--head: «{given}» no es una cabeza de auditoría; escriba el número de entrada y el hash \
         como los muestra «mesa audit head», por ejemplo 1234:9f86d081884c…"
    )
}

/// The head written down earlier is in the chain.
pub fn head_found(seq: u64) -> String {
    format!(
        "La entrada {seq} sigue en la cadena con el mismo hash: nada anterior a ella fue cambiado."
    )
}

/// The head written down earlier is gone or different.
pub fn head_lost(seq: u64, expected: &str, found: Option<&str>) -> String {
    match found {
        None => format!(
            "La cadena ya no llega a la entrada {seq} que usted anotó (hash {expected}): \
             se quitaron acciones de la auditoría (¿se restauró una copia anterior de la base de datos?)."
        ),
        Some(h) => format!(
            "La entrada {seq} ya no tiene el hash que usted anotó ({expected}; ahora {h}): \
             la cadena fue reescrita desde esa entrada o antes."
        ),
    }
}

pub fn witness_accepted(entries: u64, hash: &str) -> String {
    format!(
        "Testigo de la auditoría escrito de nuevo en la entrada {entries} (hash {hash}); \
         la aceptación quedó registrada en la auditoría."
    )
}

pub fn witness_present() -> &'static str {
    "El testigo de la auditoría está en su lugar: no hay nada que aceptar."
}

/// At open: the witness names entry `seq` with a hash the chain does not hold.
pub fn witness_mismatch(seq: u64, chain: &str, witness: &str) -> String {
    format!(
        "la entrada de auditoría #{seq} tiene en la base de datos el hash {chain}, pero el testigo \
         (audit.head) registró {witness}: la cadena fue reescrita desde esa entrada o antes, o el \
         testigo fue alterado; compare con la última cabeza que anotó («mesa audit head»)"
    )
}
