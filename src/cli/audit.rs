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
        /// Una cabeza anotada antes (N:HASH, como la muestra «mesa audit head»): comprueba que la cadena aún la contiene
        #[arg(long, value_name = "N:HASH")]
        head: Option<String>,
    },
    /// Muestra la cabeza actual de la cadena, para anotarla o enviarla fuera del equipo
    Head {
        /// Supervisor: vuelve a escribir un testigo (audit.head) borrado, tras revisar la cadena
        #[arg(long)]
        accept: bool,
    },
}

#[derive(Serialize)]
struct EntryView<'a> {
    seq: u64,
    at: String,
    by: &'a str,
    os_user: Option<&'a str>,
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
        os_user: e.os_user.as_deref(),
        action: &e.action,
        subject: &e.subject,
        dnis: &e.dnis,
        detail: &e.detail,
        hash: &e.hash,
    }
}

/// "#12  lun 23/11/2026 09:00  mvasquez  atender  T-2026-000001  Nuevo → En atención".
pub fn line(e: &AuditEntry, tz: Tz) -> String {
    let by = match &e.os_user {
        Some(u) => format!("{} {}", e.by, crate::strings::identity::os_user_label(u)),
        None => e.by.clone(),
    };
    format!(
        "#{:<6} {}  {:<12} {:<22} {:<16} {}",
        e.seq,
        moment(e.at, tz),
        by,
        s::action_label(&e.action),
        e.subject,
        e.detail
    )
}

pub fn run(g: &Global, a: AuditArgs) -> anyhow::Result<()> {
    match a.command {
        Some(AuditCommand::Verify { json, head }) => return verify(g, json, head.as_deref()),
        Some(AuditCommand::Head { accept }) => return head(g, accept),
        None => {}
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
        outln!("{}", serde_json::to_string_pretty(&views)?)?;
        return Ok(());
    }
    if entries.is_empty() {
        outln!("{}", s::no_entries())?;
        return Ok(());
    }
    for e in &entries {
        outln!("{}", line(e, tz))?;
    }
    outln!("{}", s::entries_count(entries.len()))?;
    Ok(())
}

/// Open to anyone who can open the store: it shows no personal data, and a
/// broken chain must be reportable even when the analysts' records are
/// what was tampered with.
fn verify(g: &Global, json: bool, written_down: Option<&str>) -> anyhow::Result<()> {
    use crate::strings::hostile as h;
    // A mistyped path is not an empty store whose chain is intact:
    // `open_unchecked` refuses a missing store, naming it.
    let written_down = written_down.map(parse_head).transpose()?;
    let desk = g.open_unchecked()?;
    let tz = desk.config.dispatch.timezone;
    match desk.store.audit_verify()? {
        Ok(v) if desk.store.witness_missing() => {
            if json {
                outln!(
                    "{}",
                    serde_json::json!({ "ok": false, "witness_missing": true, "entries": v.entries, "head": v.head.hash })
                )?;
            }
            anyhow::bail!(h::verify_witness_missing(v.entries, &v.head.hash))
        }
        Ok(v) if written_down.is_some() => {
            let (seq, hash) = written_down.expect("checked");
            let found = desk.store.audit_entry(seq)?.map(|e| e.hash);
            if found.as_deref() != Some(hash.as_str()) {
                if json {
                    outln!(
                        "{}",
                        serde_json::json!({ "ok": false, "head_lost": seq, "entries": v.entries })
                    )?;
                }
                anyhow::bail!(h::head_lost(seq, &hash, found.as_deref()));
            }
            if json {
                outln!(
                    "{}",
                    serde_json::json!({ "ok": true, "entries": v.entries, "head": v.head.hash, "contains": seq })
                )?;
            } else {
                outln!("{}", s::verified(v.entries, &v.head.hash))?;
                outln!("{}", h::head_found(seq))?;
            }
            Ok(())
        }
        Ok(v) => {
            if json {
                outln!(
                    "{}",
                    serde_json::json!({ "ok": true, "entries": v.entries, "head": v.head.hash })
                )?;
            } else {
                outln!("{}", s::verified(v.entries, &v.head.hash))?;
            }
            Ok(())
        }
        Err(broken) => {
            if json {
                outln!(
                    "{}",
                    serde_json::json!({ "ok": false, "broken_at": broken.seq })
                )?;
            }
            anyhow::bail!(s::broken(&broken, tz))
        }
    }
}

/// `N:HASH` as `mesa audit head` prints it.
fn parse_head(given: &str) -> anyhow::Result<(u64, String)> {
    let invalid = || anyhow::anyhow!(crate::strings::hostile::head_arg_invalid(given));
    let (n, hash) = given.trim().split_once(':').ok_or_else(invalid)?;
    let seq = n.trim().parse::<u64>().map_err(|_| invalid())?;
    let hash = hash.trim().to_ascii_lowercase();
    if seq == 0 || hash.is_empty() || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(invalid());
    }
    Ok((seq, hash))
}

/// The current head, to be written down or sent off the machine; with
/// `--accept`, a supervisor's acceptance of a chain whose witness was
/// deleted.
fn head(g: &Global, accept: bool) -> anyhow::Result<()> {
    use crate::strings::hostile as h;
    if accept {
        let desk = g.open_desk()?;
        let actor = g.resolve().actor;
        let who = desk.authorize(&actor, Capability::ReadAudit)?;
        if !desk.store.witness_missing() {
            outln!("{}", h::witness_present())?;
            return Ok(());
        }
        if let Err(broken) = desk.store.audit_verify()? {
            anyhow::bail!(s::broken(&broken, desk.config.dispatch.timezone));
        }
        let before = desk.store.audit_head()?;
        let note = audit::AuditNote::new(desk.now(), &who.name, "accept_head", "audit.head")
            .detail(format!("{}:{}", before.seq, before.hash));
        let head = desk.store.accept_witness(note)?;
        outln!("{}", h::witness_accepted(head.seq, &head.hash))?;
        return Ok(());
    }
    let desk = g.open_unchecked()?;
    let head = desk.store.audit_head()?;
    if head.seq == 0 {
        outln!("{}", h::head_empty())?;
        return Ok(());
    }
    let at = desk
        .store
        .audit_entry(head.seq)?
        .map(|e| moment(e.at, desk.config.dispatch.timezone))
        .unwrap_or_default();
    outln!("{}", h::head_line(head.seq, &head.hash, &at))?;
    Ok(())
}
