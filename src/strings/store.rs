use std::path::Path;

pub fn locked(path: &Path, holder: &str) -> String {
    let holder = if holder.trim().is_empty() {
        String::new()
    } else {
        format!(" (PID {})", holder.trim())
    };
    format!(
        "el almacén {} está abierto por otro proceso de mesa{holder}; ciérrelo e intente de nuevo",
        path.display()
    )
}
pub fn schema_mismatch(path: &Path, found: u32, expected: u32) -> String {
    format!(
        "el almacén {} tiene versión de esquema {found} y esta versión de mesa usa {expected}",
        path.display()
    )
}
pub fn not_a_store(path: &Path) -> String {
    format!(
        "{} no es un almacén de mesa (falta la marca de esquema)",
        path.display()
    )
}
pub fn io(path: &Path, err: &std::io::Error) -> String {
    format!(
        "no se pudo usar el almacén {}: {}",
        path.display(),
        super::trust::io_cause(err)
    )
}
pub fn damaged(path: &Path, detail: &str) -> String {
    format!(
        "el almacén {} no se pudo abrir o está dañado: {detail}. {}",
        path.display(),
        super::trust::restore_hint()
    )
}
pub fn ticket_not_found(id: &str) -> String {
    format!("no existe el ticket {id}")
}
pub fn batch_not_found(id: &str) -> String {
    format!("no existe el lote {id}")
}
pub fn already_sent(id: &str) -> String {
    format!("el lote {id} ya fue marcado como enviado")
}
pub fn changed_meanwhile(id: &str) -> String {
    format!("el ticket {id} cambió mientras se guardaba; vuelva a intentarlo")
}
pub fn record_unreadable(key: &str, detail: &str) -> String {
    format!("el registro {key} no se puede leer: {detail}")
}
