//! Spanish texts for this area (see `strings/mod.rs`): ownership, versions,
//! reassigning and the next ticket.

use std::fmt::{Display, Formatter, Result};

use chrono::{DateTime, Utc};

use crate::domain::HistoryEntry;
use crate::domain::team::TeamRefused;

/// The desk's clock for short times in refusals (the domain carries UTC).
const TZ: chrono_tz::Tz = chrono_tz::America::Lima;

fn hhmm(at: DateTime<Utc>) -> String {
    at.with_timezone(&TZ).format("%H:%M").to_string()
}

impl Display for TeamRefused {
    fn fmt(&self, f: &mut Formatter<'_>) -> Result {
        match self {
            TeamRefused::NotOwner { id, owner, since } => {
                let since = since
                    .map(|s| format!(" desde las {}", hhmm(s)))
                    .unwrap_or_default();
                write!(
                    f,
                    "{id} lo tiene {owner}{since}; coordine con {owner} o pida a la supervisora que lo reasigne («mesa assign {id} NOMBRE»)"
                )
            }
            TeamRefused::Stale { id, seen, now } => write!(
                f,
                "{id} cambió desde que lo vio (versión {seen}, ahora {now}); revise lo que cambió y vuelva a intentarlo"
            ),
            TeamRefused::NotAssignable { id, status } => write!(
                f,
                "{id} no se puede reasignar: solo un ticket en atención, a otro analista (está {})",
                super::status_label(*status)
            ),
            TeamRefused::NotAnAnalyst { name } => f.write_str(&not_an_analyst(name)),
        }
    }
}

/// The history entry of a reassignment: from whom to whom.
pub fn reassigned_reason(from: Option<&str>, to: &str) -> String {
    match from {
        Some(from) => format!("reasignado de {from} a {to}"),
        None => format!("asignado a {to}"),
    }
}

/// `mesa assign` done.
pub fn assigned(id: &str, to: &str) -> String {
    format!("{id} ahora lo tiene {to}")
}

/// `mesa next` done.
pub fn took_next(id: &str) -> String {
    format!("{id} es suyo: en atención")
}

/// `mesa next` with nothing free.
pub fn none_free() -> &'static str {
    "no hay tickets libres (en estado nuevo) en la cola"
}

/// `mesa assign` to someone who is not an active analyst.
pub fn not_an_analyst(name: &str) -> String {
    format!("analista: «{name}» no es un analista activo de la mesa (vea «mesa analyst list»)")
}

/// What changed since the version seen: one line per history entry.
pub fn what_changed(entries: &[HistoryEntry]) -> String {
    entries
        .iter()
        .map(|e| {
            let what = e.action.map(super::move_verb).unwrap_or("registrar");
            let reasons = if e.reasons.is_empty() {
                String::new()
            } else {
                format!(" ({})", e.reasons.join("; "))
            };
            format!(
                "{} {} {}: {}{}",
                hhmm(e.at),
                e.by,
                what,
                super::status_label(e.to),
                reasons
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The queue's owner cell; empty for a ticket no one has.
pub fn owner_label(owner: Option<&str>) -> String {
    owner.unwrap_or_default().to_string()
}

/// The `--version` flag's help.
pub fn version_help() -> &'static str {
    "la versión del ticket que usted vio (vea «mesa show»); si cambió desde entonces, no se aplica"
}

/// `mesa show`: who has it, since when.
pub fn since(moment: &str) -> String {
    format!("desde {moment}")
}

/// `mesa show`: the ticket's version, for `--version`.
pub fn version_line(v: u64) -> String {
    format!("  Versión: {v}")
}

/// A stale move refused: what changed since the version seen.
pub fn changed_since_header() -> &'static str {
    "Lo que cambió desde entonces:"
}

/// The queue's «Analista» column.
pub fn owner_column() -> &'static str {
    "Analista"
}

pub fn take_next_command() -> &'static str {
    "Atender el siguiente libre (el más antiguo en estado nuevo)"
}

pub fn cycle_owner_command() -> &'static str {
    "Filtrar por analista: todos, míos, libres (rota)"
}

/// The owner filter, as the queue's title shows it.
pub fn owner_filter(mine: Option<bool>) -> &'static str {
    match mine {
        None => "todos",
        Some(true) => "míos",
        Some(false) => "libres",
    }
}

/// The status line after the owner filter changes.
pub fn owner_filter_set(label: &str) -> String {
    format!("Analista: {label}")
}

/// The detail's owner line: "mvasquez desde vie 27/11/2026 10:42".
pub fn owner_since(owner: &str, since: Option<&str>) -> String {
    match since {
        Some(s) => format!("{owner} desde {s}"),
        None => owner.to_string(),
    }
}

/// `mesa bench --team`: the load's result.
#[allow(clippy::too_many_arguments)]
pub fn bench_team(
    analysts: usize,
    tickets: usize,
    secs: f64,
    applied: usize,
    per_sec: f64,
    owner: usize,
    stale: usize,
    other: usize,
) -> String {
    format!(
        "Equipo: {analysts} analistas (procesos) sobre los mismos {tickets} tickets durante {secs:.1} s\n\
         Movimientos aplicados: {applied} ({per_sec:.1} por segundo)\n\
         Rechazados: {owner} por ser de otro analista, {stale} por versión vieja, {other} por otras razones"
    )
}

/// `mesa bench --team`: what the histories show.
pub fn bench_team_checks(
    two_owners: usize,
    gaps: usize,
    unaudited: usize,
    chain_ok: bool,
) -> String {
    format!(
        "Dos dueños a la vez o movimientos de quien no lo tenía: {two_owners}\n\
         Versiones que no avanzan una por movimiento: {gaps}\n\
         Movimientos sin su entrada de auditoría: {unaudited}\n\
         Cadena de auditoría: {}",
        if chain_ok { "verifica" } else { "ROTA" }
    )
}

/// The bench needs a database address.
pub fn bench_team_needs_shared() -> &'static str {
    "--team: indique la base PostgreSQL del banco de pruebas (postgres://…)"
}

pub fn bench_team_failed() -> &'static str {
    "la carga del equipo encontró un fallo (vea arriba)"
}

/// The console header: how many analysts are working now.
pub fn working_now(n: usize) -> String {
    match n {
        1 => "1 analista trabajando".to_string(),
        n => format!("{n} analistas trabajando"),
    }
}

/// `--as` / `MESA_ANALYST` on a connection that is an analyst's own
/// database login: who acts is that login.
pub fn as_refused_on_login(named: &str, login: &str) -> String {
    format!(
        "--as / MESA_ANALYST: en la base compartida quien trabaja es el usuario de la conexión \
         ({login}), no un nombre escrito; «{named}» no corresponde. Conéctese con el usuario \
         de base de datos de {named} (PGUSER o la dirección postgres://{named}@…) o quite --as"
    )
}

// --- reassigning from the console (`A`) ---
pub fn reassign_command() -> &'static str {
    "Reasignar a otro analista (supervisor)"
}
pub fn reassign_title(id: &str) -> String {
    format!("Reasignar {id} a…")
}
pub fn reassign_hint() -> &'static str {
    "↑↓ elegir · Enter reasignar · Esc cancelar"
}
pub fn reassign_owner_mark() -> &'static str {
    "(lo tiene ahora)"
}
pub fn reassign_not_worked(id: &str) -> String {
    format!("{id} no está en atención: solo un ticket en atención tiene dueño y se puede reasignar")
}
pub fn reassign_nobody_else() -> &'static str {
    "No hay otro analista activo a quien reasignarlo (agregue uno con «mesa analyst add»)"
}
pub fn reassign_same(id: &str, name: &str) -> String {
    format!("{id} ya lo tiene {name}: elija a otro analista o Esc para cancelar")
}

/// `--as NAME` on the installer's connection, for an analyst whose own
/// database login proves who they are.
pub fn as_refused_has_login(named: &str) -> String {
    format!(
        "--as / MESA_ANALYST: {named} tiene su propio usuario de base de datos; en la base \
         compartida solo ese usuario actúa como {named} (conéctese con postgres://{named}@…)"
    )
}
