//! The registry screens of the console: the outbox, people,
//! certificates and reports.

use crate::tui::keymap::Scope;
use crate::tui::screens::ScreenCmd;

pub fn command(c: ScreenCmd) -> &'static str {
    match c {
        ScreenCmd::Outbox => "Bandeja de correo (pendientes, fallidos…)",
        ScreenCmd::Retry => "Reintentar el correo elegido (fallido o pendiente)",
        ScreenCmd::People => "Directorio de personas (buscar, ver, editar)",
        ScreenCmd::Search => "Buscar por nombre, DNI, correo, cargo o unidad",
        ScreenCmd::Edit => "Editar los datos de la persona",
        ScreenCmd::Certs => "Certificados: vencimientos y descargas",
        ScreenCmd::Renew => "Registrar la renovación que necesita el certificado",
        ScreenCmd::Reports => "Informes (semanas, medianas, vencimientos)",
        ScreenCmd::Range => "Elegir el rango de fechas del informe",
        ScreenCmd::OpenTicket => "Abrir su ticket (el más reciente); Esc vuelve aquí",
        ScreenCmd::Correct => super::correction::key_help(),
        ScreenCmd::Requests => "Otras solicitudes (CNV/SINADEF, convenios, claves)",
        ScreenCmd::Advance => "Registrar el paso actual hecho (enviado, a quién, respuesta)",
    }
}
/// Short word for the footer hints.
pub fn hint(c: ScreenCmd) -> &'static str {
    match c {
        ScreenCmd::Outbox => "correo",
        ScreenCmd::Retry => "reintentar",
        ScreenCmd::People => "personas",
        ScreenCmd::Search => "buscar",
        ScreenCmd::Edit => "editar",
        ScreenCmd::Certs => "certificados",
        ScreenCmd::Renew => "renovar",
        ScreenCmd::Reports => "informes",
        ScreenCmd::Range => "fechas",
        ScreenCmd::OpenTicket => "ticket",
        ScreenCmd::Correct => super::correction::key_hint(),
        ScreenCmd::Requests => "solicitudes",
        ScreenCmd::Advance => "paso hecho",
    }
}
pub fn scope_title(scope: Scope) -> &'static str {
    match scope {
        Scope::Outbox => "Bandeja de correo",
        Scope::People => "Personas",
        Scope::Search => "Mientras escribe la búsqueda",
        Scope::Edit => "Formularios (persona, constancia de pago, fechas)",
        Scope::Certs => "Certificados",
        Scope::Reports => "Informes",
        _ => "",
    }
}

// --- the outbox ---
pub fn outbox_title() -> &'static str {
    "Bandeja de correo"
}
pub fn sender_running(description: &str) -> String {
    format!("se envía mientras la consola está abierta · {description}")
}
pub fn sender_off() -> &'static str {
    "esta consola no envía correos: salen con «mesa mail flush»"
}
pub fn sender_failed(why: &str) -> String {
    format!("no se envían correos: {why}")
}
pub fn outbox_tab(tab: crate::tui::outbox::Tab) -> &'static str {
    use crate::tui::outbox::Tab;
    match tab {
        Tab::Pending => "Pendientes",
        Tab::Failed => "Fallidos",
        Tab::Sent => "Enviados",
        Tab::All => "Todos",
    }
}
pub fn outbox_empty(tab: crate::tui::outbox::Tab) -> &'static str {
    use crate::tui::outbox::Tab;
    match tab {
        Tab::Pending => "No hay correos pendientes.",
        Tab::Failed => "No hay correos fallidos.",
        Tab::Sent => "Aún no se envió ningún correo.",
        Tab::All => "La bandeja de salida está vacía.",
    }
}
pub struct OutboxColumns {
    pub status: &'static str,
    pub event: &'static str,
    pub ticket: &'static str,
    pub to: &'static str,
    pub subject: &'static str,
    pub attempts: &'static str,
}
pub fn outbox_columns() -> OutboxColumns {
    OutboxColumns {
        status: "Estado",
        event: "Evento",
        ticket: "Ticket",
        to: "Para",
        subject: "Asunto",
        attempts: "Int",
    }
}
/// The header of the time column under a tab.
pub fn outbox_when(tab: crate::tui::outbox::Tab) -> &'static str {
    use crate::tui::outbox::Tab;
    match tab {
        Tab::Pending => "Próximo intento",
        Tab::Sent => "Enviado",
        Tab::Failed | Tab::All => "Cuándo",
    }
}
pub fn due_now() -> &'static str {
    "ahora"
}
pub fn event_label(code: &str) -> &'static str {
    match code {
        "programado" => "Programado",
        "observado" => "Observado",
        "enviado" => "Enviado",
        "aprobado" => "Aprobado",
        "rechazado" => "Rechazado",
        "cancelado" => "Cancelado",
        "recordatorio_descarga" => "Recordatorio",
        "plazo_vencido" => "Plazo vencido",
        "correccion_recibida" => "Corrección",
        _ => "Otro",
    }
}
pub fn to_label() -> &'static str {
    "Para"
}
pub fn subject_label() -> &'static str {
    "Asunto"
}
pub fn message_line(ticket: &str, event: &str, created: &str, attempts: u32) -> String {
    format!("Ticket {ticket} · {event} · creado {created} · intentos: {attempts}")
}
pub fn pending_line(when: &str) -> String {
    format!("Pendiente: próximo intento {when}")
}
pub fn sent_line(when: &str) -> String {
    format!("Enviado: {when}")
}
pub fn failed_line() -> &'static str {
    "Fallido: no se reintenta solo; r lo vuelve a poner en cola"
}
pub fn reply_label() -> &'static str {
    "Respuesta del servidor"
}
pub fn no_message() -> &'static str {
    "No hay un correo elegido."
}
pub fn retried(name: &str, to: &str, sender_running: bool) -> String {
    if sender_running {
        format!("Correo para {name} <{to}> de nuevo en cola: se intenta ahora.")
    } else {
        format!("Correo para {name} <{to}> de nuevo en cola: saldrá con «mesa mail flush».")
    }
}

// --- people ---
pub fn people_title(n: usize) -> String {
    format!(
        "Directorio de personas · {}",
        super::registry::people_count(n)
    )
}
pub fn search_label() -> &'static str {
    "Buscar: "
}
pub fn search_hint() -> &'static str {
    "/ busca por nombre, DNI, correo, cargo o unidad"
}
pub fn shown_of(shown: usize, total: usize) -> String {
    format!("{shown} de {total}")
}
pub fn no_people_loaded() -> &'static str {
    "El directorio está vacío: «mesa people import ARCHIVO.csv» lo llena."
}
pub struct PeopleColumns {
    pub dni: &'static str,
    pub name: &'static str,
    pub job_title: &'static str,
    pub unit: &'static str,
    pub email: &'static str,
}
pub fn people_columns() -> PeopleColumns {
    PeopleColumns {
        dni: "DNI",
        name: "Nombre",
        job_title: "Cargo",
        unit: "Unidad orgánica",
        email: "Correo",
    }
}
pub fn no_person() -> &'static str {
    "No hay una persona elegida."
}
pub fn card_title(name: &str, dni: &str) -> String {
    format!("{name} · DNI {dni}")
}
pub fn started_label() -> &'static str {
    "En el cargo desde"
}
pub fn certs_heading(n: usize) -> String {
    format!("Certificados ({n})")
}
pub fn tickets_heading(n: usize) -> String {
    format!("Tickets ({n})")
}
pub fn none_yet() -> &'static str {
    "ninguno"
}
pub fn registered_on(day: &str) -> String {
    format!("registrado el {day}")
}
pub fn edit_person_title(name: &str) -> String {
    format!(" Editar: {name} ")
}
pub fn edit_person_note(dni: &str) -> String {
    format!("DNI {dni} (no cambia). Mismas reglas que la importación.")
}
pub fn edit_cancelled() -> &'static str {
    "Edición cancelada: no se guardó nada."
}
pub fn saving() -> &'static str {
    "Guardando…"
}
pub fn not_saved(problems: &[String]) -> String {
    format!("No se guardó nada. {}", problems.join(" · "))
}
/// One line about a certificate: id, status, medium and owner, dates.
pub fn cert_summary(r: &crate::desk::registry::CertRow) -> String {
    use super::registry::{medium_label, owner_label, status_label};
    let c = &r.cert;
    let mut parts = vec![c.id.clone(), status_label(r.status).to_string()];
    match c.medium {
        Some(m) => parts.push(format!("{} {}", medium_label(m), owner_label(c.owner))),
        None => parts.push(owner_label(c.owner).to_string()),
    }
    parts.push(format!("aprobado el {}", c.approved_on.format("%d/%m/%Y")));
    if let Some(e) = c.expires_on {
        parts.push(format!("vence el {}", e.format("%d/%m/%Y")));
    }
    parts.join(" · ")
}
pub fn form_hint() -> &'static str {
    "Tab/↓ siguiente · Shift-Tab/↑ anterior · Enter o Ctrl-s guarda · Esc cancela"
}

// --- certificates ---
pub fn certs_title(n: usize) -> String {
    format!("Certificados · {}", super::registry::certs_count(n))
}
pub fn certs_tab(tab: crate::tui::certs::Tab) -> &'static str {
    use crate::tui::certs::Tab;
    match tab {
        Tab::Expiring => "Vencen en 60 días",
        Tab::Download => "Descarga (30 días)",
        Tab::All => "Todos",
    }
}
pub fn certs_empty(tab: crate::tui::certs::Tab) -> &'static str {
    use crate::tui::certs::Tab;
    match tab {
        Tab::Expiring => "Ningún certificado instalado vence en los próximos 60 días.",
        Tab::Download => "Ningún certificado espera su descarga.",
        Tab::All => "El registro de certificados está vacío: RENIEC aún no aprobó nada.",
    }
}
pub struct CertColumns {
    pub id: &'static str,
    pub holder: &'static str,
    pub dni: &'static str,
    pub status: &'static str,
    pub term: &'static str,
    pub renewal: &'static str,
}
pub fn cert_columns() -> CertColumns {
    CertColumns {
        id: "Certificado",
        holder: "Titular",
        dni: "DNI",
        status: "Estado",
        term: "Plazo",
        renewal: "Renovación",
    }
}
pub fn expires_in(days: i64) -> String {
    format!("vence en {days} d")
}
pub fn days_left(days: i64) -> String {
    format!("quedan {days} d")
}
pub fn lapsed_on(day: &str) -> String {
    format!("✗ plazo venció {day}")
}
pub fn cancelled_on(day: &str) -> String {
    format!("cancelado {day}")
}
pub fn expired_on(day: &str) -> String {
    format!("venció {day}")
}
pub fn offer_cell(what: &str, paid: bool) -> String {
    if paid {
        format!("→ {what} S/ 8.10")
    } else {
        format!("→ {what}")
    }
}
pub fn holder_line(name: &str, dni: &str, email: &str) -> String {
    format!("Titular: {name} · DNI {dni} · {email}")
}
/// How this screen registers a renewal, for the offer line.
pub fn renew_key(_id: &str, paid: bool) -> String {
    if paid {
        "n pide la constancia de pago y la registra".into()
    } else {
        "n la registra".into()
    }
}
/// The same, seen from a person's card.
pub fn renew_elsewhere(_id: &str, paid: bool) -> String {
    format!("en Certificados (C), {}", renew_key(_id, paid))
}
pub fn no_cert() -> &'static str {
    "No hay un certificado elegido."
}
pub fn renewing(id: &str) -> String {
    format!("Registrando la renovación de {id}…")
}
pub fn pay_title(id: &str) -> String {
    format!(" Constancia de pago: renovación de {id} ")
}
pub fn pay_operation() -> &'static str {
    "Número de operación"
}
pub fn pay_date() -> &'static str {
    "Fecha de pago"
}
pub fn pay_amount() -> &'static str {
    "Monto (S/)"
}
pub fn pay_note(what: &str, why: &str, tribute: &str, ruc: &str) -> String {
    format!(
        "{what} ({why}): pago de S/ 8.10, tributo {tribute}, a favor del RUC {ruc}. Se registra con los datos de su titular."
    )
}
pub fn renew_cancelled() -> &'static str {
    "No se registró la renovación."
}
pub fn not_registered(problems: &[String]) -> String {
    format!("No se registró nada. {}", problems.join(" · "))
}
pub fn would_leave(moment: &str, why: &str) -> String {
    format!("Si se programa hoy, sale a RENIEC el {moment} — {why}.")
}

// --- the queue ---
/// The queue's dispatch cell of a ticket whose certificate awaits
/// download: "↓4d" narrow, "↓ quedan 4 d" wide.
pub fn download_left(days: i64, wide: bool) -> String {
    if wide {
        format!("↓ quedan {days} d")
    } else {
        format!("↓{days}d")
    }
}

// --- reports ---
pub fn report_same_as_cli() -> &'static str {
    "las cifras de «mesa report»"
}
pub fn range_title() -> &'static str {
    " Rango del informe "
}
pub fn range_from() -> &'static str {
    "Desde"
}
pub fn range_to() -> &'static str {
    "Hasta"
}
pub fn range_note() -> &'static str {
    "Días de registro, ambos incluidos (AAAA-MM-DD o DD/MM/AAAA); vacío = sin límite."
}
pub fn range_backwards(from: chrono::NaiveDate, to: chrono::NaiveDate) -> String {
    format!(
        "debe ser igual o posterior a «Desde» ({}); «Hasta» es {}",
        from.format("%d/%m/%Y"),
        to.format("%d/%m/%Y")
    )
}
pub fn range_refused(problems: &[String]) -> String {
    format!("El rango no cambió. {}", problems.join(" · "))
}
