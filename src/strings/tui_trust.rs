//! The console's texts for analysts, roles and the audit screen.

use crate::domain::role::Role;

pub fn name_missing() -> &'static str {
    "Escriba un nombre."
}
pub fn first_supervisor(name: &str) -> String {
    format!(
        "{name} es ahora el supervisor de este almacén. Agregue analistas con «mesa analyst add»."
    )
}
pub fn signed_in(name: &str, role: Role) -> String {
    format!("Ingresó {name} ({}).", super::trust::role_label(role))
}
pub fn login_title() -> &'static str {
    " Mesa de Servicio — Ingreso "
}
pub fn first_run_lines() -> [&'static str; 2] {
    [
        "Primer uso: este almacén aún no tiene supervisor.",
        "Escriba el nombre (usuario) de quien lo será:",
    ]
}
pub fn sign_in_line() -> &'static str {
    "Escriba su nombre de analista y su contraseña:"
}
pub fn login_hint() -> &'static str {
    "Enter ingresa · Esc sale"
}
pub fn audit_title() -> &'static str {
    "Auditoría"
}
pub fn verified(entries: u64, hash: &str) -> String {
    format!(
        "Cadena íntegra: {} · última #{entries} · {}",
        super::words::plural(entries as usize, "entrada", "entradas"),
        &hash[..16.min(hash.len())]
    )
}
pub fn about(dni: &str, n: usize) -> String {
    format!(
        "Todo sobre el DNI {dni}: {}, la más reciente arriba",
        super::words::plural(n, "entrada", "entradas")
    )
}
pub fn latest(n: usize) -> String {
    if n == 1 {
        "La última entrada".into()
    } else {
        format!("Últimas {n} entradas, la más reciente arriba")
    }
}
pub fn dni_prompt() -> &'static str {
    "DNI: "
}
pub fn no_entries() -> &'static str {
    "Sin entradas."
}
pub fn headers() -> [&'static str; 6] {
    ["#", "Fecha", "Quién", "Acción", "Sobre", "Detalle"]
}
pub fn login_detail(tickets: usize) -> String {
    format!(
        "ingreso a la consola: {} en la cola",
        super::words::plural(tickets, "ticket", "tickets")
    )
}
/// "supervisor · atender T-2026-000049: Nuevo → En atención · DNI 41146468".
pub fn entry_line(e: &crate::domain::audit::AuditEntry) -> String {
    let mut s = format!(
        "{} · {} {}: {}",
        e.by,
        super::trust::action_label(&e.action),
        e.subject,
        e.detail
    );
    if !e.dnis.is_empty() && e.dnis.len() <= 3 {
        s.push_str(&format!(" · DNI {}", e.dnis.join(", ")));
    }
    s
}
