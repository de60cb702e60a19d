//! Analysts and roles, the audit log, retention, backups and faults.

use crate::domain::role::{Capability, NameProblem, Role};
use crate::domain::{HistoryEntry, Ticket};

pub fn role_label(r: Role) -> &'static str {
    match r {
        Role::Analista => "analista",
        Role::Supervisor => "supervisor",
    }
}
/// The action, as in "… es tarea del supervisor".
pub fn capability(c: Capability) -> &'static str {
    match c {
        Capability::Work => "atender tickets",
        Capability::Seal => "sellar el lote semanal",
        Capability::Export => "exportar el lote",
        Capability::MarkSent => "marcar el lote como enviado a RENIEC",
        Capability::RecordOutcome => "registrar la respuesta de RENIEC",
        Capability::Purge => "depurar registros antiguos",
        Capability::ManageAnalysts => "administrar analistas",
        Capability::ReadAudit => "consultar la auditoría",
        Capability::Backup => "hacer o restaurar copias de seguridad",
        Capability::Reassign => "reasignar tickets",
    }
}
pub fn no_supervisor() -> &'static str {
    "este almacén aún no tiene supervisor: créelo con «mesa init --supervisor NOMBRE» \
     (o «mesa demo» para datos de demostración)"
}
pub fn no_name() -> &'static str {
    "indique quién trabaja: --as NOMBRE o la variable MESA_ANALYST"
}
pub fn unknown_analyst(name: &str, active: &[String]) -> String {
    format!(
        "«{name}» no es un analista de este almacén (activos: {}); un supervisor lo agrega con «mesa analyst add {name}»",
        if active.is_empty() {
            "ninguno".to_string()
        } else {
            active.join(", ")
        }
    )
}
pub fn disabled_analyst(name: &str) -> String {
    format!(
        "el analista {name} está desactivado; un supervisor lo reactiva con «mesa analyst enable {name}»"
    )
}
pub fn role_refused(name: &str, role: Role, c: Capability) -> String {
    format!(
        "{name} es {}: {} es tarea del supervisor",
        role_label(role),
        capability(c)
    )
}
pub fn name_empty() -> &'static str {
    "el nombre es obligatorio"
}
pub fn name_length() -> &'static str {
    "el nombre debe tener de 2 a 32 caracteres"
}
pub fn name_first_letter() -> &'static str {
    "el nombre debe empezar con una letra"
}
pub fn name_character(c: char) -> String {
    format!("el nombre solo admite letras, dígitos, «.», «_» y «-» (no «{c}»)")
}
pub fn bad_name(p: &NameProblem) -> String {
    format!("nombre de analista: {p}")
}
pub fn analyst_exists(name: &str) -> String {
    format!("ya existe el analista {name}")
}
pub fn analyst_not_found(name: &str) -> String {
    format!("no existe el analista {name}")
}
pub fn last_supervisor(name: &str) -> String {
    format!("{name} es el único supervisor activo: agregue otro supervisor antes de desactivarlo")
}
pub fn already_initialized(supervisors: &[String]) -> String {
    format!(
        "este almacén ya tiene analistas (supervisor: {}); para agregar más use «mesa analyst add»",
        supervisors.join(", ")
    )
}
/// "Nuevo → En atención · motivo: …" for the audit log.
pub fn move_detail(t: &Ticket, e: &HistoryEntry) -> String {
    let mut s = match e.from {
        Some(from) => format!(
            "{} → {}",
            super::status_label(from),
            super::status_label(e.to)
        ),
        None => format!(
            "registro: {} · {} · {}",
            super::kind_and_motive(t.kind, t.motive),
            super::words::plural(t.applicants.len(), "solicitante", "solicitantes"),
            super::status_label(e.to)
        ),
    };
    if !e.reasons.is_empty() {
        s.push_str(" · ");
        s.push_str(&e.reasons.join("; "));
    }
    s
}
pub fn seal_detail(b: &crate::domain::batch::Batch) -> String {
    let mut s = format!(
        "lote sellado con {}",
        super::words::plural(b.tickets.len(), "ticket", "tickets")
    );
    if let Some(r) = &b.early_reason {
        s.push_str(&format!(" · antes del corte: {r}"));
    }
    s
}
pub fn sent_detail(n: usize) -> String {
    format!(
        "lote enviado a RENIEC: {}",
        super::words::plural(n, "ticket", "tickets")
    )
}
pub fn people_detail(n: usize) -> String {
    format!(
        "directorio de personal: {} agregada{s} o reemplazada{s}",
        super::words::plural(n, "persona", "personas"),
        s = if n == 1 { "" } else { "s" }
    )
}
pub fn init_detail(name: &str) -> String {
    format!("primer uso: {name} queda como supervisor")
}
pub fn added_detail(name: &str, role: Role) -> String {
    format!("alta de {name} como {}", role_label(role))
}
pub fn disabled_detail(name: &str) -> String {
    format!("{name} desactivado")
}
pub fn enabled_detail(name: &str) -> String {
    format!("{name} reactivado")
}
pub fn initialized(name: &str, store: &std::path::Path) -> String {
    format!(
        "Almacén listo en {}: {name} es su supervisor. Trabaje con --as {name} (o MESA_ANALYST={name}).",
        store.display()
    )
}
pub fn unknown_role(v: &str) -> String {
    format!("«{v}» no es un rol (use analista o supervisor)")
}
pub fn added(name: &str, role: Role) -> String {
    format!("Se agregó a {name} como {}.", role_label(role))
}
pub fn disabled(name: &str) -> String {
    format!("Se desactivó a {name}: ya no puede ingresar.")
}
pub fn enabled(name: &str) -> String {
    format!("Se reactivó a {name}.")
}
pub fn analysts_header() -> &'static str {
    "ANALISTA             ROL         ESTADO       ALTA"
}
pub fn active() -> &'static str {
    "activo"
}
pub fn inactive() -> &'static str {
    "desactivado"
}
pub fn analysts_count(n: usize) -> String {
    super::words::plural(n, "analista", "analistas")
}
pub fn demo_detail(n: usize) -> String {
    format!(
        "datos de demostración: {} generado{}",
        super::words::plural(n, "ticket", "tickets"),
        if n == 1 { "" } else { "s" }
    )
}
pub fn export_detail(out: &std::path::Path, files: usize) -> String {
    format!(
        "exportación a {} ({})",
        out.display(),
        super::words::plural(files, "archivo", "archivos")
    )
}
pub fn read_detail(records: usize, people: usize) -> String {
    format!(
        "consulta: {}, {}",
        super::words::plural(records, "registro", "registros"),
        super::words::plural(people, "persona", "personas")
    )
}
/// What an audit entry's action code means.
/// The audit subject of the console's bulk reads.
pub fn console_people() -> &'static str {
    "consola: directorio de personas"
}
pub fn console_certs() -> &'static str {
    "consola: certificados"
}
pub fn action_label(code: &str) -> &str {
    use crate::domain::audit as a;
    match code {
        a::REGISTER => "registro",
        "take" => "atender",
        "observe" => "observar",
        "schedule" => "programar",
        "send" => "enviar a RENIEC",
        "approve" => "aprobado por RENIEC",
        "reject" => "rechazado por RENIEC",
        "close" => "cerrar",
        "withdraw" => "anular",
        "undo" => "deshacer",
        a::SEAL => "sellar lote",
        a::BATCH_SENT => "lote enviado",
        a::EXPORT => "exportación",
        a::READ => "consulta",
        a::PEOPLE_IMPORT => "directorio de personal",
        a::PERSON_EDIT => "datos de una persona",
        a::INIT => "primer uso",
        a::ANALYST_ADD => "alta de analista",
        a::ANALYST_DISABLE => "baja de analista",
        a::ANALYST_ENABLE => "reactivación de analista",
        a::SIGN_IN_FAILED => "ingreso rechazado",
        a::PASSWORD_SET => "cambio de contraseña",
        a::PASSWORD_RESET => "contraseña asignada",
        a::LOGIN => "ingreso a la consola",
        a::CLI_SESSION => "sesión abierta en la línea de comandos",
        a::PURGE => "depuración",
        a::DEMO => "datos de demostración",
        a::BACKUP => "copia de seguridad",
        a::RESTORE => "restauración",
        a::STORE_COPY => "copia del escritorio a otro almacén",
        a::REQUEST_REGISTER => "registro de solicitud",
        a::REQUEST_STEP => "paso de solicitud",
        "accept_head" => "testigo aceptado",
        other => other,
    }
}
pub fn no_entries() -> &'static str {
    "No hay entradas de auditoría."
}
pub fn entries_count(n: usize) -> String {
    super::words::plural(n, "entrada", "entradas")
}
pub fn verified(entries: u64, head: &str) -> String {
    format!(
        "Auditoría íntegra: {} sin alteraciones. Última: #{entries} · {head}",
        if entries == 1 {
            "1 entrada encadenada".to_string()
        } else {
            format!("{entries} entradas encadenadas")
        }
    )
}
/// "lun 23/11/2026 09:00 · mvasquez · atender T-2026-000001".
pub fn entry_brief(e: &crate::domain::audit::AuditEntry, tz: chrono_tz::Tz) -> String {
    let l = e.at.with_timezone(&tz);
    format!(
        "{} {} · {} · {} {}",
        super::day(l.date_naive()),
        l.format("%H:%M"),
        e.by,
        action_label(&e.action),
        e.subject
    )
    .trim_end()
    .to_string()
}
pub fn broken(b: &crate::domain::audit::Broken, tz: chrono_tz::Tz) -> String {
    use crate::domain::audit::BreakKind;
    let what = match &b.why {
        BreakKind::Altered => {
            "su contenido cambió después de escrita (ya no corresponde a su hash)".to_string()
        }
        BreakKind::Unlinked => format!(
            "no sigue a la entrada #{}: esa entrada fue cambiada, quitada o reordenada",
            b.seq.saturating_sub(1)
        ),
        BreakKind::Missing { found } => {
            format!("falta (la siguiente guardada es la #{found})")
        }
        BreakKind::Unreadable(d) => format!("no se puede leer ({d})"),
        BreakKind::Truncated { recorded } => format!(
            "falta: la cadena termina en la #{} pero el almacén registró la #{} como última",
            b.seq.saturating_sub(1),
            recorded.seq
        ),
    };
    let brief = b
        .entry
        .as_ref()
        .map(|e| format!(" ({})", entry_brief(e, tz)))
        .unwrap_or_default();
    format!(
        "la auditoría está rota en la entrada #{}{brief}: {what}",
        b.seq
    )
}
pub fn restore_hint() -> &'static str {
    "Si tiene una copia de seguridad, reconstruya el almacén en un directorio nuevo con \
     «mesa restore ARCHIVO --store DIRECTORIO_NUEVO» (no se modifica el dañado)"
}
pub fn lost_entries(found: u64, recorded: u64) -> String {
    format!(
        "su base de datos llega hasta la entrada de auditoría #{found}, pero el almacén \
         ya había registrado la #{recorded}: se perdieron registros"
    )
}
pub fn backup_records() -> &'static str {
    "registros de la copia"
}
pub fn backup_cut() -> &'static str {
    "la copia está cortada"
}
pub fn backup_not_ours() -> &'static str {
    "no es una copia de seguridad de mesa"
}
pub fn backup_io(path: &std::path::Path, e: &std::io::Error) -> String {
    format!(
        "no se pudo usar {}: {}",
        path.display(),
        super::words::io_error(e)
    )
}
pub fn backup_exists(path: &std::path::Path) -> String {
    format!(
        "{} ya existe: elija otro nombre (una copia nunca reemplaza a otra)",
        path.display()
    )
}
pub fn backup_unusable(path: &std::path::Path, detail: &str) -> String {
    format!("la copia {} no se puede usar: {detail}", path.display())
}
pub fn backup_chain(path: &std::path::Path, broken: &str) -> String {
    format!("la copia {} no se puede usar: {broken}", path.display())
}
pub fn restore_target_used(path: &std::path::Path) -> String {
    format!(
        "{} no está vacío: restaure en un directorio nuevo (nunca se escribe sobre un almacén)",
        path.display()
    )
}
pub fn backup_part_missing(name: &str) -> String {
    format!("le falta {name}")
}
pub fn backup_part_altered(name: &str) -> String {
    format!("{name} no coincide con su SHA-256 del manifiesto: la copia fue alterada o está dañada")
}
pub fn backup_schema(found: u32, expected: u32) -> String {
    format!("es de la versión de esquema {found} y esta versión de mesa usa {expected}")
}
pub fn backup_counts() -> &'static str {
    "la cantidad de registros no coincide con el manifiesto"
}
pub fn backup_head() -> &'static str {
    "su cadena de auditoría no termina en la entrada que indica el manifiesto"
}
pub fn backup_detail(out: &std::path::Path) -> String {
    format!("copia de seguridad completa a {}", out.display())
}
pub fn restore_detail(from: &std::path::Path, entries: u64) -> String {
    format!(
        "almacén reconstruido desde {} ({} de auditoría {})",
        from.display(),
        super::words::plural(entries as usize, "entrada", "entradas"),
        super::words::noun(entries as usize, "verificada", "verificadas")
    )
}
pub fn backup_written(path: &std::path::Path, m: &crate::desk::backup::Manifest) -> String {
    format!(
        "Copia de seguridad en {}: {}, {}, {} de auditoría (última #{} · {}).",
        path.display(),
        super::words::plural(m.tickets() as usize, "ticket", "tickets"),
        super::words::plural(m.attachments.len(), "adjunto", "adjuntos"),
        super::words::plural(m.audit.seq as usize, "entrada", "entradas"),
        m.audit.seq,
        m.audit.hash
    )
}
pub fn backup_checked(path: &std::path::Path, m: &crate::desk::backup::Manifest) -> String {
    format!(
        "La copia {} está completa y verificada: {}, {}, {} de auditoría {} (hecha el {} por {}).",
        path.display(),
        super::words::plural(m.tickets() as usize, "ticket", "tickets"),
        super::words::plural(m.attachments.len(), "adjunto", "adjuntos"),
        super::words::plural(m.audit.seq as usize, "entrada", "entradas"),
        super::words::noun(m.audit.seq as usize, "encadenada", "encadenadas"),
        m.created_at.format("%d/%m/%Y %H:%M UTC"),
        m.created_by
    )
}
pub fn restored(target: &std::path::Path, m: &crate::desk::backup::Manifest) -> String {
    format!(
        "Almacén reconstruido en {}: {}, {}, {} de auditoría {}.",
        target.display(),
        super::words::plural(m.tickets() as usize, "ticket", "tickets"),
        super::words::plural(m.attachments.len(), "adjunto", "adjuntos"),
        super::words::plural(m.audit.seq as usize, "entrada", "entradas"),
        super::words::noun(m.audit.seq as usize, "verificada", "verificadas")
    )
}
pub fn bad_period(given: &str) -> String {
    format!("--older-than: «{given}» no es un plazo; use años, meses o días como 5y, 18m o 400d")
}
pub fn purge_detail(
    p: &crate::store::purge::Purged,
    files: usize,
    cutoff: chrono::NaiveDate,
    (part, parts): (usize, usize),
) -> String {
    let part = if parts > 1 {
        format!(" (parte {part} de {parts})")
    } else {
        String::new()
    };
    format!(
        "depuración de lo cerrado antes del {}{part}: {} ticket(s), {} entrada(s) de historial, {} correo(s), {} constancia(s), {files} archivo(s) adjunto(s)",
        cutoff.format("%d/%m/%Y"),
        p.tickets,
        p.history,
        p.outbox,
        p.receipts
    )
}
pub fn purge_would_header(cutoff: &str, period: crate::domain::retention::Period) -> String {
    format!(
        "Simulación: se borrarían los tickets cerrados o anulados antes del {cutoff} (más antiguos que {period}):"
    )
}
pub fn closed_on(d: chrono::NaiveDate) -> String {
    format!("último cambio {}", d.format("%d/%m/%Y"))
}
pub fn purge_would(
    tickets: usize,
    history: usize,
    outbox: usize,
    receipts: usize,
    files: usize,
) -> String {
    format!(
        "{tickets} ticket(s), {history} entrada(s) de historial, {outbox} correo(s), {receipts} constancia(s) y {files} archivo(s) adjunto(s). No se borró nada (--dry-run)."
    )
}
pub fn purged(p: &crate::store::purge::Purged, files: usize, cutoff: &str, parts: usize) -> String {
    let entries = if parts > 1 {
        format!("{parts} entradas, una por cada parte de hasta 5.000 tickets")
    } else {
        "una entrada".to_string()
    };
    format!(
        "Se depuró lo cerrado antes del {cutoff}: {} ticket(s), {} entrada(s) de historial, {} correo(s), {} constancia(s) y {files} archivo(s) adjunto(s). La auditoría guarda {entries} con estas cifras.",
        p.tickets, p.history, p.outbox, p.receipts
    )
}
/// What an I/O error means for the one at the desk, then the system's
/// own words.
pub fn io_cause(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match e.kind() {
        K::PermissionDenied => {
            "no hay permiso de escritura en ese directorio (¿es de solo lectura?); nada se guardó"
        }
        K::ReadOnlyFilesystem => "el disco es de solo lectura; nada se guardó",
        K::StorageFull | K::QuotaExceeded => {
            "el disco está lleno; nada se guardó: libere espacio y repita"
        }
        K::FileTooLarge => {
            "se alcanzó el tamaño máximo de archivo permitido (disco o cuota llenos); nada se guardó"
        }
        K::NotFound => "no existe",
        _ => "error del sistema de archivos; nada se guardó",
    };
    format!("{what} — {}", super::words::io_error(e))
}
pub fn is_a_folder() -> &'static str {
    "es una carpeta"
}
pub fn attachment_damaged(path: &std::path::Path) -> String {
    format!(
        "el archivo adjunto {} está dañado: su contenido ya no corresponde a su SHA-256; \
         pida el archivo de nuevo al solicitante o restaure el almacén desde una copia",
        path.display()
    )
}
pub fn attachment_unreadable(path: &std::path::Path, e: &std::io::Error) -> String {
    let what = match e.kind() {
        std::io::ErrorKind::NotFound => "falta en el almacén",
        _ => "no se puede leer",
    };
    format!(
        "el archivo adjunto {} {what} ({}); nada se exportó: pida el archivo de nuevo \
         al solicitante o restaure el almacén desde una copia",
        path.display(),
        super::words::io_error(e)
    )
}
