//! The console's batch screen and its dialogs.

use chrono::NaiveDate;

use crate::domain::Status;

pub fn title() -> &'static str {
    "Lotes de envío a RENIEC"
}
pub struct MomentColumns {
    pub when: &'static str,
    pub moved: &'static str,
    pub state: &'static str,
    pub tickets: &'static str,
    pub problems: &'static str,
    pub per_kind: &'static str,
}
pub fn moment_columns() -> MomentColumns {
    MomentColumns {
        when: "Envío",
        moved: "Feriado",
        state: "Estado",
        tickets: "Tickets",
        problems: "",
        per_kind: "Por trámite y motivo",
    }
}
pub struct TicketColumns {
    pub id: &'static str,
    pub kind: &'static str,
    pub applicant: &'static str,
    pub dni: &'static str,
    pub status: &'static str,
}
pub fn ticket_columns() -> TicketColumns {
    TicketColumns {
        id: "Ticket",
        kind: "Trámite",
        applicant: "Solicitante",
        dni: "DNI",
        status: "Estado",
    }
}
/// A dispatch moved off a holiday: which day it would have been.
pub fn moved_from(nominal: NaiveDate) -> String {
    use chrono::Datelike;
    format!(
        "feriado {} {}",
        super::weekday_short(nominal.weekday()),
        nominal.format("%d/%m")
    )
}
pub fn moved_short() -> &'static str {
    "feriado"
}
pub fn problems_short(n: usize, wide: bool) -> String {
    if wide {
        format!("✘ {n} problema{}", if n == 1 { "" } else { "s" })
    } else {
        format!("✘{n}")
    }
}
pub fn state_open() -> &'static str {
    "abierto"
}
pub fn state_due() -> &'static str {
    "por sellar"
}
pub fn state_sealed() -> &'static str {
    "sellado"
}
pub fn state_sent() -> &'static str {
    "enviado"
}
pub fn sealed_by(when: &str, by: &str) -> String {
    format!("sellado {when} por {by}")
}
pub fn sent_on(when: &str) -> String {
    format!("enviado {when}")
}
pub fn early(reason: &str) -> String {
    format!("antes del corte: {reason}")
}
pub fn cut_off_in(countdown: &str) -> String {
    format!("corte en {countdown}")
}
pub fn no_tickets() -> &'static str {
    "Ningún ticket programado para este envío."
}
pub fn problems_heading(n: usize) -> String {
    format!("Impiden sellar ({n}) · Enter abre el ticket:")
}
pub fn ready() -> &'static str {
    "✔ Listo para sellar: ningún problema."
}
pub fn already_sealed(id: &str) -> String {
    format!("El lote {id} ya está sellado; su contenido no cambia.")
}
pub fn blocked(n: usize) -> String {
    format!(
        "No se puede sellar: {n} problema{} en la lista; Enter abre el ticket.",
        if n == 1 { "" } else { "s" }
    )
}
pub fn seal_title(id: &str) -> String {
    format!(" ¿Sellar {id}? ")
}
pub fn seal_what(n: usize, when: &str) -> String {
    format!(
        "{n} ticket{} para el envío del {when}.",
        if n == 1 { "" } else { "s" }
    )
}
pub fn seal_early_reason(reason: &str) -> String {
    format!("Se sella antes del corte. Motivo: {reason}")
}
pub fn seal_final() -> &'static str {
    "Sellar fija el contenido del lote y no se puede deshacer."
}
pub fn seal_first(id: &str) -> String {
    format!("El lote {id} aún no está sellado: séllelo primero (s).")
}
pub fn mark_sent_title(id: &str) -> String {
    format!(" ¿Marcar {id} como enviado a RENIEC? ")
}
pub fn mark_sent_what(n: usize) -> String {
    format!(
        "Sus {n} ticket{} pasan a «Enviado» y cada solicitante recibe un correo.",
        if n == 1 { "" } else { "s" }
    )
}
pub fn mark_sent_final() -> &'static str {
    "Hágalo cuando el lote ya salió hacia RENIEC; no se puede deshacer."
}
pub fn pick_a_ticket() -> &'static str {
    "Elija un ticket del lote (Tab, luego ↑↓) para registrar la respuesta de RENIEC."
}
pub fn not_awaiting(id: &str, status: Status) -> String {
    format!(
        "{id} está en {}: solo se registra la respuesta de RENIEC de tickets de un lote marcado como enviado.",
        super::status_label(status)
    )
}
// Dialog texts come as lines of at most 70 characters: a dialog is 72
// wide and its lines are not wrapped.
pub fn early_title(id: &str) -> String {
    format!(" Sellar {id} antes del corte ")
}
pub fn early_text(when: &str, n: usize) -> Vec<String> {
    vec![
        format!("El envío del {when} aún no llega."),
        format!(
            "Sellar ahora fija sus {n} ticket{}; lo que se programe después",
            if n == 1 { "" } else { "s" }
        ),
        "irá al envío siguiente.".into(),
    ]
}
pub fn early_label() -> &'static str {
    "Motivo para sellar antes (obligatorio):"
}
pub fn early_reason_missing() -> &'static str {
    "Escriba el motivo para sellar antes de la hora de corte."
}
pub fn export_title(id: &str) -> String {
    format!(" Exportar {id} ")
}
pub fn export_text(id: &str) -> Vec<String> {
    vec![
        format!("Se escriben la carpeta {id}/ y {id}.zip:"),
        "solicitudes (XLSX y CSV), fotos y firmas por DNI, pagos y".into(),
        "MANIFEST.sha256. Exportar otra vez da los mismos archivos.".into(),
    ]
}
pub fn export_label() -> &'static str {
    "Carpeta de destino:"
}
pub fn folder_missing() -> &'static str {
    "Escriba la carpeta de destino."
}
pub fn approve_title(id: &str) -> String {
    format!(" RENIEC aprobó {id} ")
}
pub fn approve_text() -> Vec<String> {
    vec![
        "Desde esa fecha corren los 30 días para descargar el certificado;".into(),
        "el solicitante recibe un correo con el plazo.".into(),
    ]
}
pub fn approve_label() -> &'static str {
    "Fecha de aprobación (DD/MM/AAAA):"
}
pub fn bad_date(why: &str) -> String {
    format!("fecha de aprobación: {why}")
}
pub fn reject_title(id: &str) -> String {
    format!(" RENIEC rechazó {id} ")
}
pub fn reject_text() -> Vec<String> {
    vec!["El motivo queda en el historial y se envía al solicitante.".into()]
}
pub fn reject_label() -> &'static str {
    "Motivo del rechazo (obligatorio):"
}
pub fn reject_reason_missing() -> &'static str {
    "Escriba el motivo del rechazo que indicó RENIEC."
}
pub fn import_title() -> &'static str {
    " Importar la respuesta de RENIEC "
}
pub fn import_text() -> Vec<String> {
    vec![
        "CSV con columnas ticket,result,date,reason (aprobado o rechazado).".into(),
        "Una fila mala rechaza todo el archivo. La ruta es relativa a la".into(),
        "carpeta donde se abrió mesa.".into(),
    ]
}
pub fn import_label() -> &'static str {
    "Archivo CSV:"
}
pub fn file_missing() -> &'static str {
    "Escriba la ruta del archivo CSV."
}
pub fn dialog_hint() -> &'static str {
    "Enter aceptar · Esc cancelar"
}
