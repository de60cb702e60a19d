//! `mesa audit verify` walks the chain; `mesa audit [--dni X] [--last N]`
//! lists it (the supervisor's).

use chrono_tz::Tz;
use clap::{Args, Subcommand};
use serde::Serialize;

use super::Global;
use super::view::{local, moment};
use crate::domain::audit::{self, AuditEntry};
use crate::domain::role::Capability;
use crate::strings::trust as s;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AuditArgs {
    #[command(subcommand)]
    command: Option<AuditCommand>,
    /// Todo lo hecho sobre una persona (por DNI)
    #[arg(long, value_name = "DNI")]
    dni: Option<String>,
    /// Las últimas N entradas (por omisión 50)
    #[arg(long, value_name = "N")]
    last: Option<usize>,
    /// Salida en JSON
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Recorre la cadena de auditoría y nombra la primera entrada rota
    Verify {
        /// Salida en JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Serialize)]
struct EntryView<'a> {
    seq: u64,
    at: String,
    by: &'a str,
    action: &'a str,
    subject: &'a str,
    dnis: &'a [String],
    detail: &'a str,
    hash: &'a str,
}

fn view(e: &AuditEntry, tz: Tz) -> EntryView<'_> {
    EntryView {
        seq: e.seq,
        at: local(e.at, tz),
        by: &e.by,
        action: &e.action,
        subject: &e.subject,
        dnis: &e.dnis,
        detail: &e.detail,
        hash: &e.hash,
    }
}

/// "#12  lun 23/11/2026 09:00  mvasquez  atender  T-2026-000001  Nuevo → En atención".
pub fn line(e: &AuditEntry, tz: Tz) -> String {
    format!(
        "#{:<6} {}  {:<12} {:<22} {:<16} {}",
        e.seq,
        moment(e.at, tz),
        e.by,
        s::action_label(&e.action),
        e.subject,
        e.detail
    )
}

pub fn run(g: &Global, a: AuditArgs) -> anyhow::Result<()> {
    if let Some(AuditCommand::Verify { json }) = a.command {
        return verify(g, json);
    }
    let desk = g.open_desk()?;
    let actor = g.resolve().actor;
    desk.authorize(&actor, Capability::ReadAudit)?;
    let tz = desk.config.dispatch.timezone;
    let entries = match &a.dni {
        Some(dni) => {
            let found = desk.store.audit_about(dni)?;
            // Asking about a person is itself recorded, after the answer
            // was read (so it is not part of it).
            desk.record_read(
                &actor,
                audit::READ,
                &format!("mesa audit --dni {}", dni.trim()),
                vec![dni.trim().to_string()],
                s::read_detail(found.len(), 1),
            )?;
            found
        }
        None => {
            let mut last = desk.store.audit_last(a.last.unwrap_or(50))?;
            last.reverse();
            last
        }
    };
    if a.json {
        let views: Vec<_> = entries.iter().map(|e| view(e, tz)).collect();
        println!("{}", serde_json::to_string_pretty(&views)?);
        return Ok(());
    }
    if entries.is_empty() {
        println!("{}", s::no_entries());
        return Ok(());
    }
    for e in &entries {
        println!("{}", line(e, tz));
    }
    println!("{}", s::entries_count(entries.len()));
    Ok(())
}

/// Open to anyone who can open the store: it shows no personal data, and a
/// broken chain must be reportable even when the analysts' records are
/// what was tampered with.
fn verify(g: &Global, json: bool) -> anyhow::Result<()> {
    // A mistyped path is not an empty store whose chain is intact.
    let dir = g.resolve().store_dir;
    if !dir.join("db").is_dir() {
        anyhow::bail!(crate::strings::faults::no_store(&dir));
    }
    let desk = g.open_unchecked()?;
    let tz = desk.config.dispatch.timezone;
    match desk.store.audit_verify()? {
        Ok(v) => {
            if json {
                println!(
                    "{}",
                    serde_json::json!({ "ok": true, "entries": v.entries, "head": v.head.hash })
                );
            } else {
                println!("{}", s::verified(v.entries, &v.head.hash));
            }
            Ok(())
        }
        Err(broken) => {
            if json {
                println!(
                    "{}",
                    serde_json::json!({ "ok": false, "broken_at": broken.seq })
                );
            }
            anyhow::bail!(s::broken(&broken, tz))
        }
    }
}
