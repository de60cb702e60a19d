//! The console's dialog for closing an installation ticket.

use crate::domain::certificate::CloseDetails;

pub fn title(id: &str) -> String {
    format!(" Cerrar la instalación {id} ")
}
pub fn medium_label() -> &'static str {
    "Medio donde quedó instalado el certificado:"
}
pub fn expiry_label() -> &'static str {
    "Vence el certificado (DD/MM/AAAA, si se conoce):"
}
pub fn expiry_placeholder() -> &'static str {
    "vacío si aún no se conoce"
}
pub fn hint() -> &'static str {
    "↑↓ o 1-3 medio · Tab vencimiento · Enter seguir · Esc cancelar"
}
pub fn medium_missing() -> &'static str {
    "medio: elija PC, token o tarjeta inteligente (↑↓ o 1-3)"
}
pub fn bad_expiry(why: &str) -> String {
    format!("vencimiento: {why}")
}
pub fn summary(d: &CloseDetails) -> String {
    let medium = d.medium.map(super::registry::medium_label).unwrap_or("—");
    match d.expires_on {
        Some(e) => format!("Medio: {medium} · vence el {}", e.format("%d/%m/%Y")),
        None => format!("Medio: {medium} · vencimiento no indicado"),
    }
}
