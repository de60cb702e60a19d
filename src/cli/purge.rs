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
    /// Solo muestra lo que se borraría
    #[arg(long)]
    dry_run: bool,
}

fn parse_period(v: &str) -> Result<Period, String> {
    Period::parse(v).map_err(|e| e.to_string())
}

pub fn run(g: &Global, a: PurgeArgs) -> anyhow::Result<()> {
    let desk = g.open_desk()?;
    let r = desk.purge(&g.resolve().actor, a.older_than, a.dry_run)?;
    let tz = desk.config.dispatch.timezone;
    let cutoff = r.cutoff.format("%d/%m/%Y").to_string();
    if a.dry_run {
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
        return Ok(());
    }
    let done = r.done.unwrap_or_default();
    let parts = r
        .tickets
        .len()
        .div_ceil(crate::desk::retention::PURGE_PART)
        .max(1);
    outln!("{}", s::purged(&done, r.attachments.len(), &cutoff, parts))?;
    Ok(())
}
