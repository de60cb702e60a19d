//! From a registry screen to the ticket behind the chosen item.

pub fn mail_without_ticket() -> &'static str {
    "Este correo no está ligado a ningún ticket."
}
pub fn person_without_ticket(name: &str, dni: &str) -> String {
    if name.is_empty() {
        format!("La persona con DNI {dni} no tiene tickets en la mesa.")
    } else {
        format!("{name} (DNI {dni}) no tiene tickets en la mesa.")
    }
}
pub fn ticket_gone(id: &str) -> String {
    format!("El ticket {id} ya no está en el almacén (se depuró o no existe).")
}
