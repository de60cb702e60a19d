//! The analyst console.

use chrono::NaiveDate;

use crate::domain::{Kind, Move, Status};
use crate::tui::action::Command;
use crate::tui::keymap::Scope;

pub fn app_name() -> &'static str {
    "Mesa de Servicio"
}
pub fn command(c: Command) -> &'static str {
    match c {
        Command::Quit => "Salir",
        Command::Help => "Ayuda: todas las teclas",
        Command::Palette => "Paleta de comandos",
        Command::Back => "Volver, cancelar o limpiar filtros",
        Command::Up => "Subir",
        Command::Down => "Bajar",
        Command::PageUp => "Página anterior",
        Command::PageDown => "Página siguiente",
        Command::Home => "Al inicio",
        Command::End => "Al final",
        Command::Accept => "Abrir o aceptar",
        Command::Filter => "Filtrar por id, nombre, DNI o correo",
        Command::StatusTab(0) => "Ver todos los estados",
        Command::StatusTab(1) => "Ver Nuevo",
        Command::StatusTab(2) => "Ver En atención",
        Command::StatusTab(3) => "Ver Observado",
        Command::StatusTab(4) => "Ver Programado",
        Command::StatusTab(5) => "Ver Enviado",
        Command::StatusTab(6) => "Ver Aprobado",
        Command::StatusTab(7) => "Ver Rechazado",
        Command::StatusTab(8) => "Ver Cerrado",
        Command::StatusTab(_) => "Ver Anulado",
        Command::NextTab => "Estado siguiente",
        Command::PrevTab => "Estado anterior",
        Command::ToggleUrgent => "Solo cancelaciones urgentes (sí/no)",
        Command::CycleKind => "Filtrar por trámite (rota)",
        Command::ToggleSelect => "Marcar o desmarcar el ticket",
        Command::SelectAll => "Marcar todos los visibles (o ninguno)",
        Command::Take => "Atender",
        Command::TakeNext => super::team::take_next_command(),
        Command::Reassign => super::team::reassign_command(),
        Command::CycleOwner => super::team::cycle_owner_command(),
        Command::Observe => "Observar (devolver para corrección)",
        Command::Schedule => "Programar para el envío a RENIEC",
        Command::Withdraw => "Anular",
        Command::Close => "Cerrar",
        Command::NewTicket => "Registrar un ticket nuevo",
        Command::Reload => "Volver a leer del almacén",
        Command::Yes => "Sí",
        Command::No => "No",
        Command::SwitchChoice => "Cambiar entre Sí y No",
        Command::NextField => "Campo siguiente",
        Command::PrevField => "Campo anterior",
        Command::ToggleItem => "Marcar o desmarcar (el motivo, la columna)",
        Command::Save => "Guardar",
        Command::AddApplicant => "Agregar otro solicitante",
        Command::Views => "Vistas guardadas",
        Command::LoadView(_) => "Abrir la vista de esa tecla",
        Command::SaveView => "Guardar la vista actual aquí",
        Command::ChooseColumns => "Elegir columnas",
        Command::SortNext => "Ordenar por la columna siguiente",
        Command::SortReverse => "Invertir el orden",
        Command::PrevTicket => "Ticket anterior de la cola",
        Command::NextTicket => "Ticket siguiente de la cola",
        Command::Batches => "Lotes de envío a RENIEC",
        Command::SwitchPane => "Cambiar de panel (envíos / tickets del lote)",
        Command::Seal => "Sellar el lote (fija su contenido)",
        Command::Export => "Exportar el lote sellado (carpeta y zip)",
        Command::MarkSent => "Marcar el lote como enviado a RENIEC",
        Command::Approve => "RENIEC aprobó el ticket (con fecha)",
        Command::Reject => "RENIEC rechazó el ticket (con motivo)",
        Command::ImportOutcomes => "Importar la respuesta de RENIEC (CSV)",
        Command::Screen(c) => super::screens::command(c),
        Command::Audit => "Auditoría: quién hizo qué (supervisor)",
        Command::Complete
        | Command::CopyId
        | Command::CopyDni
        | Command::OlderFilter
        | Command::NewerFilter
        | Command::Undo => super::find::command(c),
        Command::ViewPhoto => super::look::view_photo_command(),
    }
}
/// Short word for the footer hints.
pub fn hint(c: Command) -> &'static str {
    match c {
        Command::Accept => "abrir",
        Command::Filter => "filtrar",
        Command::Take => "atender",
        Command::TakeNext => "siguiente libre",
        Command::Reassign => "reasignar",
        Command::Observe => "observar",
        Command::Schedule => "programar",
        Command::Withdraw => "anular",
        Command::Close => "cerrar",
        Command::ToggleSelect => "marcar",
        Command::Help => "ayuda",
        Command::Quit => "salir",
        Command::Back => "volver",
        Command::NextField => "siguiente",
        Command::PrevField => "anterior",
        Command::Save => "guardar",
        Command::AddApplicant => "otro solicitante",
        Command::Batches => "lotes",
        Command::SwitchPane => "panel",
        Command::Seal => "sellar",
        Command::Export => "exportar",
        Command::MarkSent => "enviado",
        Command::Approve => "aprobó",
        Command::Reject => "rechazó",
        Command::ImportOutcomes => "importar respuesta",
        Command::NextTab => "pestaña",
        Command::Reload => "releer",
        Command::NewTicket => "nuevo",
        Command::Complete => "completar",
        Command::ViewPhoto => "ver foto",
        Command::Screen(c) => super::screens::hint(c),
        other => command(other),
    }
}
pub fn scope_title(scope: Scope) -> &'static str {
    match scope {
        Scope::Global => "En todas las pantallas",
        Scope::Queue => "Cola de tickets",
        Scope::Ticket => "Ticket",
        Scope::Help => "Ayuda",
        Scope::Filter => "Mientras escribe el filtro",
        Scope::Palette => "Paleta de comandos",
        Scope::Confirm => "Confirmaciones",
        Scope::Reason => "Motivos (observar, anular)",
        Scope::Form => "Registro de ticket",
        Scope::Views => "Vistas guardadas",
        Scope::ViewName => "Nombre de la vista",
        Scope::Columns => "Columnas",
        Scope::Assign => "Reasignar un ticket (supervisión)",
        Scope::Requests => "Otras solicitudes (CNV/SINADEF, convenios, claves)",
        Scope::Batch => "Lotes de envío a RENIEC",
        Scope::BatchInput => "Diálogos del lote (motivo, carpeta, fecha, archivo)",
        Scope::CloseForm => "Cerrar una instalación (medio y vencimiento)",
        Scope::Login => "Ingreso",
        Scope::Audit => "Auditoría",
        Scope::AuditFilter => "Mientras escribe el DNI (auditoría)",
        other => super::screens::scope_title(other),
    }
}
pub fn help_status_tabs() -> &'static str {
    "Ver un estado (0 todos, 1 Nuevo … 9 Anulado)"
}
pub fn key_space() -> &'static str {
    "Espacio"
}
pub fn key_home() -> &'static str {
    "Inicio"
}
pub fn key_end() -> &'static str {
    "Fin"
}
pub fn yes() -> &'static str {
    "Sí"
}
pub fn no() -> &'static str {
    "No"
}
pub fn too_small(w: u16, h: u16) -> String {
    format!("La terminal es muy pequeña ({w}×{h}); se necesita al menos 80×24.")
}
pub fn too_small_hint() -> &'static str {
    "Agrande la ventana o reduzca la letra; q sale."
}
pub fn next_dispatch_label() -> &'static str {
    "Próximo envío a RENIEC: "
}
pub fn remaining(countdown: &str) -> String {
    format!("faltan {countdown}")
}
pub fn countdown_days(days: i64, hours: i64) -> String {
    format!("{days} d {hours} h")
}
pub fn countdown_hours(hours: i64, minutes: i64) -> String {
    format!("{hours} h {minutes} min")
}
pub fn countdown_minutes(minutes: i64) -> String {
    format!("{minutes} min")
}
/// After the countdown when a holiday moved the dispatch earlier.
pub fn moved_mark() -> &'static str {
    " · por feriado"
}
pub fn tab_all() -> &'static str {
    "Todos"
}
pub fn filter_label() -> &'static str {
    "Filtro: "
}
pub fn kind_filter_label() -> &'static str {
    "Trámite"
}
pub fn urgent_only() -> &'static str {
    "Solo urgentes"
}
pub fn shown_of(shown: usize, total: usize) -> String {
    format!("{shown} de {total}")
}
pub struct Columns {
    pub id: &'static str,
    pub arrival: &'static str,
    pub kind: &'static str,
    pub applicant: &'static str,
    pub dni: &'static str,
    pub status: &'static str,
    pub dispatch: &'static str,
    pub age: &'static str,
}
pub fn columns() -> Columns {
    Columns {
        id: "Ticket",
        arrival: "Llegada",
        kind: "Trámite",
        applicant: "Solicitante",
        dni: "DNI",
        status: "Estado",
        dispatch: "Envío",
        age: "Espera",
    }
}
pub fn loading() -> &'static str {
    "Cargando…"
}
/// The queue of a desk with no ticket yet: how to get the first ones.
pub fn empty_store() -> &'static [&'static str] {
    &[
        "Este almacén todavía no tiene tickets. Para empezar:",
        "",
        "  n                          registre un ticket aquí mismo",
        "  mesa import PLANILLA.csv   importe una planilla (columnas en castellano o en inglés)",
        "  mesa demo                  o llene un almacén de prueba con datos de ejemplo",
    ]
}
pub fn empty_queue() -> &'static str {
    "No hay tickets que coincidan. Esc limpia los filtros."
}
pub fn busy() -> &'static str {
    "⏳"
}
pub fn error_prefix() -> &'static str {
    "✘ "
}
pub fn selected(n: usize) -> String {
    if n == 1 {
        "1 marcado".into()
    } else {
        format!("{n} marcados")
    }
}
pub fn filters_cleared() -> &'static str {
    "Filtros limpiados."
}
pub fn selection_cleared() -> &'static str {
    "Marcas quitadas."
}
pub fn nothing_selected() -> &'static str {
    "No hay ningún ticket bajo el cursor."
}
pub fn reloading() -> &'static str {
    "Leyendo el almacén…"
}
pub fn cancelled() -> &'static str {
    "Cancelado; no se cambió nada."
}
pub fn working(m: Move, n: usize) -> String {
    let verb = super::move_verb(m);
    if n == 1 {
        format!("Guardando ({verb})…")
    } else {
        format!("Guardando ({verb} {n} tickets)…")
    }
}
pub fn moved(id: &str, status: Status) -> String {
    format!("{id}: {}", super::status_label(status))
}
pub fn moved_many(n: usize, status: Status) -> String {
    format!(
        "{}: {}",
        super::words::plural(n, "ticket", "tickets"),
        super::status_label(status)
    )
}
pub fn will_dispatch(when: &str) -> String {
    format!(" · se enviará a RENIEC el {when}")
}
pub fn confirm_schedule_title(id: &str) -> String {
    format!(" ¿Programar {id}? ")
}
pub fn confirm_schedule_many(n: usize) -> String {
    format!(
        " ¿Programar {}? ",
        super::words::plural(n, "ticket", "tickets")
    )
}
pub fn not_batched(kind: Kind) -> String {
    match kind {
        Kind::Instalacion => "las instalaciones no se envían a RENIEC".into(),
        _ => format!(
            "{} no va en el envío semanal a RENIEC",
            super::kind_label(kind)
        ),
    }
}
pub fn confirm_close_title(id: &str) -> String {
    format!(" ¿Cerrar {id}? ")
}
pub fn confirm_close_line(kind: Kind) -> &'static str {
    match kind {
        Kind::Instalacion => "El certificado quedó instalado. Cerrar no se puede deshacer.",
        Kind::Cancelacion => "La cancelación quedó hecha. Cerrar no se puede deshacer.",
        _ => "La respuesta de RENIEC ya se atendió. Cerrar no se puede deshacer.",
    }
}
pub fn confirm_withdraw_title(id: &str) -> String {
    format!(" ¿Anular {id}? No se puede deshacer. Motivos: ")
}
pub fn confirm_hint() -> &'static str {
    "s sí · n no · ←→ cambiar"
}
pub fn observe_reasons() -> &'static [&'static str] {
    &[
        "La foto no es frontal o tiene lentes",
        "La foto no es actual o no es nítida",
        "La firma no está completa ni centrada",
        "La fecha de emisión del DNI no coincide con el documento",
        "El correo debe ser el institucional",
        "Falta la constancia de pago o no corresponde",
    ]
}
pub fn withdraw_reasons() -> &'static [&'static str] {
    &[
        "El solicitante desistió del trámite",
        "Ticket duplicado",
        "Registrado por error",
    ]
}
pub fn reason_title(m: Move, id: &str) -> String {
    match m {
        Move::Observe => format!(" Observar {id}: ¿qué debe corregir? "),
        _ => format!(" Anular {id}: ¿por qué? "),
    }
}
pub fn other_reason_label() -> &'static str {
    "Otro motivo (texto libre):"
}
pub fn other_reason_placeholder() -> &'static str {
    "Escriba aquí…"
}
pub fn reason_hint() -> &'static str {
    "Espacio marca · Tab lista/texto · Enter guardar · Esc cancelar"
}
pub fn reason_missing() -> &'static str {
    "Marque al menos un motivo o escriba uno."
}
pub fn palette_title() -> &'static str {
    " Comandos (escriba para buscar) "
}
pub fn palette_empty() -> &'static str {
    "Ningún comando coincide."
}
pub fn help_title() -> &'static str {
    " Ayuda: teclas "
}
pub fn help_footer() -> &'static str {
    " Esc o ? cierra · ↑↓ RePág AvPág desplazan "
}
pub fn urgent_banner() -> &'static str {
    "⚠ URGENTE: posible compromiso de la clave, atender hoy"
}
pub fn updated_label() -> &'static str {
    "Última modificación"
}
pub fn dni_label() -> &'static str {
    "DNI"
}
pub fn email_label() -> &'static str {
    "Correo"
}
pub fn not_an_image() -> &'static str {
    "no es una imagen legible"
}
pub fn bytes(n: u64) -> String {
    if n >= 1_000_000 {
        format!("{:.1} MB", n as f64 / 1_000_000.0)
    } else if n >= 1_000 {
        format!("{:.1} kB", n as f64 / 1_000.0)
    } else {
        format!("{n} bytes")
    }
}
pub fn receipt(op: &str, paid_on: NaiveDate, cents: u32, tribute: &str, ruc: &str) -> String {
    format!(
        "op. {op} · {} · S/ {}.{:02} · tributo {tribute} · RUC {ruc}",
        paid_on.format("%d/%m/%Y"),
        cents / 100,
        cents % 100
    )
}
pub fn receipt_missing(op: &str) -> String {
    format!("op. {op} (constancia no encontrada)")
}
pub fn check_pass() -> &'static str {
    "✔"
}
pub fn check_fail() -> &'static str {
    "✘"
}
pub fn form_title() -> &'static str {
    "Registrar ticket a nombre de un solicitante"
}
pub fn form_applicant(n: usize) -> String {
    format!("Solicitante {n}")
}
pub fn form_field(column: &str, kind: Kind) -> &'static str {
    match column {
        "kind" => "Trámite (←→)",
        "motive" => "Motivo (letra)",
        "certificate" => "Certificado",
        "full_name" if !kind.spec().needs_applicants => "Suscriptor: nombre completo",
        "full_name" => "Nombre completo",
        "dni" => "DNI",
        "dni_issued_on" => "Emisión del DNI (dd/mm/aaaa)",
        "email" => "Correo institucional",
        "photo" => "Foto (ruta del archivo)",
        "signature" => "Firma (ruta del archivo)",
        "cert_expires_on" => "Vence certificado actual",
        "payment_operation" => "Pago: n.º de operación",
        "payment_date" => "Pago: fecha",
        "payment_amount" => "Pago: monto (8.10)",
        _ => "?",
    }
}
pub fn form_invalid(n: usize) -> String {
    if n == 1 {
        "No se puede guardar: 1 campo por corregir.".into()
    } else {
        format!("No se puede guardar: {n} campos por corregir.")
    }
}
pub fn form_saving() -> &'static str {
    "Registrando…"
}
pub fn form_discard_title() -> &'static str {
    " ¿Descartar el registro? "
}
pub fn form_discard_question() -> &'static str {
    "Hay datos sin guardar. s descarta; cualquier otra tecla vuelve."
}
pub fn form_discarded() -> &'static str {
    "Registro descartado."
}
pub fn column_name(c: crate::tui::saved::Column) -> &'static str {
    use crate::tui::saved::Column;
    match c {
        Column::Arrival => "Llegada",
        Column::Kind => "Trámite",
        Column::Applicant => "Solicitante",
        Column::Dni => "DNI",
        Column::Status => "Estado",
        Column::Dispatch => "Envío a RENIEC",
        Column::Age => "Espera",
        Column::Owner => super::team::owner_column(),
    }
}
pub fn sort_label() -> &'static str {
    "Orden"
}
pub fn newest_first() -> &'static str {
    "Más recientes primero"
}
pub fn views_title(actor: &str) -> String {
    format!(" Vistas guardadas de {actor} ")
}
pub fn view_free() -> &'static str {
    "(libre)"
}
pub fn view_name_prompt() -> &'static str {
    "Nombre"
}
pub fn views_hint() -> &'static str {
    "1-9 abre · ↑↓ elige · g guarda aquí la vista actual · Esc cierra"
}
pub fn columns_title() -> &'static str {
    " Columnas "
}
pub fn columns_hint() -> &'static str {
    "Espacio muestra/oculta · Esc cierra"
}
pub fn view_saved(name: &str, slot: u8) -> String {
    format!("Vista «{name}» guardada en la tecla {slot} (v {slot} la abre).")
}
pub fn view_loaded(name: &str) -> String {
    format!("Vista «{name}».")
}
pub fn view_empty(slot: u8) -> String {
    format!("La tecla {slot} no tiene una vista guardada.")
}
pub fn view_name_missing() -> &'static str {
    "Escriba un nombre para la vista."
}
pub fn registered(id: &str) -> String {
    format!("Se registró el ticket {id}.")
}
