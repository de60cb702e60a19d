//! `mesa purge [--older-than 5y] [--dry-run]`: records past their retention.

use clap::Args;

use super::Global;
use crate::domain::retention::Period;
use crate::strings;
use crate::strings::trust as s;

#[derive(Debug, Args)]
pub struct PurgeArgs {
    /// Antigüedad: años, meses o días (5y, 18m, 400d); por omisión, la retención configurada
    #[arg(long, value_parser = parse_period, value_name = "PLAZO")]
    older_than: Option<Period>,
    /// Solo muestra lo que se borraría (sin confirmar, purge nunca borra)
    #[arg(long)]
    dry_run: bool,
    /// Confirma el borrado sin preguntar (para scripts)
    #[arg(long)]
    yes: bool,
}

fn parse_period(v: &str) -> Result<Period, String> {
    Period::parse(v).map_err(|e| e.to_string())
}

/// Always shows first what would go; removes only when confirmed: `--yes`,
/// or «sí» typed on a terminal. Without a terminal and without `--yes` it
/// only shows (a dry run), as with `--dry-run`.
pub fn run(g: &Global, a: PurgeArgs) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    let desk = g.open_desk()?;
    let actor = g.resolve().actor;
    let r = desk.purge(&actor, a.older_than, true)?;
    show(&desk, &r)?;
    if a.dry_run || (r.tickets.is_empty() && r.requests.is_empty()) {
        return Ok(());
    }
    let confirmed = if a.yes {
        true
    } else if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        out!(
            "{}",
            strings::rules::purge_confirm(r.tickets.len() + r.requests.len())
        )?;
        std::io::Write::flush(&mut std::io::stdout())?;
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        let answer = line.trim().to_lowercase();
        if !matches!(answer.as_str(), "sí" | "si" | "s") {
            outln!("{}", strings::rules::purge_cancelled())?;
            return Ok(());
        }
        true
    } else {
        false
    };
    if !confirmed {
        outln!("{}", strings::rules::purge_unconfirmed())?;
        return Ok(());
    }
    let r = desk.purge(&actor, a.older_than, false)?;
    let cutoff = r.cutoff.format("%d/%m/%Y").to_string();
    let done = r.done.unwrap_or_default();
    let parts = r
        .tickets
        .len()
        .div_ceil(crate::desk::retention::PURGE_PART)
        .max(1);
    outln!("{}", s::purged(&done, r.attachments.len(), &cutoff, parts))?;
    if !r.requests.is_empty() {
        outln!(
            "{}",
            strings::families::requests_purged(r.requests.len(), r.cutoff)
        )?;
    }
    Ok(())
}

fn show(desk: &crate::desk::Desk, r: &crate::desk::retention::PurgeReport) -> anyhow::Result<()> {
    let tz = desk.config.dispatch.timezone;
    let cutoff = r.cutoff.format("%d/%m/%Y").to_string();
    outln!("{}", s::purge_would_header(&cutoff, r.period))?;
    for t in &r.tickets {
        outln!(
            "  {:<14} {:<16} {:<9} {}",
            t.id,
            strings::kind_and_motive(t.kind, t.motive),
            strings::status_label(t.status),
            s::closed_on(crate::domain::retention::closed_on(t, tz))
        )?;
    }
    outln!(
        "{}",
        s::purge_would(
            r.tickets.len(),
            r.history,
            r.outbox,
            r.receipts,
            r.attachments.len()
        )
    )?;
    if !r.requests.is_empty() {
        outln!("{}", strings::families::requests_would_go(&r.requests))?;
    }
    Ok(())
}
