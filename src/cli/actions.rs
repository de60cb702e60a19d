//! `mesa take|observe|schedule|withdraw|close`: the same rules the console uses.

use chrono::NaiveDate;
use clap::Args;

use super::Global;
use super::view::{dispatch_why, moment};
use crate::domain::certificate::{CloseDetails, Medium};
use crate::domain::{Kind, Move};
use crate::strings;

#[derive(Debug, Args)]
pub struct IdArgs {
    /// Id del ticket (T-2026-000123)
    id: String,
    #[command(flatten)]
    seen: SeenArgs,
}

/// The version the analyst saw (`mesa show` prints it); without it the move
/// acts on the current version, read in the same command.
#[derive(Debug, Args)]
pub struct SeenArgs {
    /// Versión del ticket que usted vio (la muestra «mesa show»); si cambió desde entonces, no se aplica
    #[arg(long = "version", value_name = "N")]
    pub version: Option<u64>,
}

#[derive(Debug, Args)]
pub struct CloseArgs {
    /// Id del ticket (T-2026-000123)
    id: String,
    /// Instalación: medio donde quedó instalado el certificado (pc, token, tarjeta)
    #[arg(long, value_parser = parse_medium, value_name = "MEDIO")]
    medium: Option<Medium>,
    /// Instalación: vencimiento que muestra el certificado instalado (AAAA-MM-DD)
    #[arg(long, value_name = "FECHA")]
    expires: Option<NaiveDate>,
    #[command(flatten)]
    seen: SeenArgs,
}

pub fn parse_medium(s: &str) -> Result<Medium, String> {
    Medium::from_code(s).ok_or_else(|| strings::registry::unknown_medium(s))
}

#[derive(Debug, Args)]
pub struct ReasonArgs {
    /// Id del ticket (T-2026-000123)
    id: String,
    /// Motivo (se puede repetir para varios motivos)
    #[arg(long = "reason", value_name = "TEXTO", required = true)]
    reasons: Vec<String>,
    #[command(flatten)]
    seen: SeenArgs,
}

fn act(
    g: &Global,
    id: &str,
    action: Move,
    reasons: &[String],
    seen: &SeenArgs,
) -> anyhow::Result<()> {
    let desk = g.open_desk()?;
    let actor = g.resolve().actor;
    let (t, queued) = super::team::stale_explained(
        &desk,
        id,
        desk.act_seen(
            id,
            action,
            &actor,
            reasons,
            &CloseDetails::default(),
            seen.version,
        ),
    )?;
    outln!("{}", strings::cli::moved(&t.id, t.status))?;
    if let (Move::Schedule, Some(d)) = (action, &t.dispatch) {
        let rules = &desk.config.dispatch;
        outln!(
            "{}",
            strings::cli::scheduled_for(
                &moment(d.dispatch.at, rules.timezone),
                &dispatch_why(&d.reason, &d.dispatch, rules)
            )
        )?;
        // The calendar's own dispatch was sealed already (an early seal):
        // say that the ticket moved, where to and why.
        let own = desk.dispatch_for(&t, t.updated_at).dispatch;
        if own.at != d.dispatch.at
            && let Some(b) = desk.store.batch_at(own.at)?
        {
            outln!(
                "{}",
                strings::rules::rolled_past_sealed(
                    &b.id,
                    b.early_reason.as_deref(),
                    &moment(d.dispatch.at, rules.timezone)
                )
            )?;
        }
    }
    if !queued.is_empty() {
        outln!("{}", strings::mail::queued(queued.len()))?;
    }
    Ok(())
}

pub fn take(g: &Global, a: IdArgs) -> anyhow::Result<()> {
    act(g, &a.id, Move::Take, &[], &a.seen)
}
pub fn observe(g: &Global, a: ReasonArgs) -> anyhow::Result<()> {
    act(g, &a.id, Move::Observe, &a.reasons, &a.seen)
}
pub fn schedule(g: &Global, a: IdArgs) -> anyhow::Result<()> {
    act(g, &a.id, Move::Schedule, &[], &a.seen)
}
/// Undoes the analyst's own last move (`domain::undo`), as a new entry.
pub fn undo(g: &Global, a: IdArgs) -> anyhow::Result<()> {
    act(g, &a.id, Move::Undo, &[], &a.seen)
}
pub fn withdraw(g: &Global, a: ReasonArgs) -> anyhow::Result<()> {
    act(g, &a.id, Move::Withdraw, &a.reasons, &a.seen)
}
/// Closing an installation records the medium (required) and the expiry;
/// closing a cancellation records the motive and its RFC 5280 reason. The
/// certificate changes in the same transaction as the ticket.
pub fn close(g: &Global, a: CloseArgs) -> anyhow::Result<()> {
    let desk = g.open_desk()?;
    let actor = g.resolve().actor;
    let ticket = desk.ticket(&a.id)?;
    let installing = ticket.kind == Kind::Instalacion;
    if installing && a.medium.is_none() {
        anyhow::bail!(strings::registry::medium_required());
    }
    if !installing && (a.medium.is_some() || a.expires.is_some()) {
        anyhow::bail!(strings::registry::install_options_only());
    }
    let details = CloseDetails {
        medium: a.medium,
        expires_on: a.expires,
    };
    let (t, queued) = super::team::stale_explained(
        &desk,
        &a.id,
        desk.act_seen(&a.id, Move::Close, &actor, &[], &details, a.seen.version),
    )?;
    outln!("{}", strings::cli::moved(&t.id, t.status))?;
    if let Some(id) = &t.certificate
        && t.kind.spec().needs_certificate
    {
        match desk.store.certificate(id)? {
            Some(c) => outln!(
                "{}",
                strings::registry::closed_line(&c, c.status(desk.today()))
            )?,
            None => outln!("{}", strings::registry::outside_registry(id))?,
        }
    }
    if !queued.is_empty() {
        outln!("{}", strings::mail::queued(queued.len()))?;
    }
    Ok(())
}
