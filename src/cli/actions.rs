//! `mesa take|observe|schedule|withdraw|close`: the same rules the console uses.

use clap::Args;

use super::Global;
use super::view::{dispatch_why, moment};
use crate::domain::Move;
use crate::strings;

#[derive(Debug, Args)]
pub struct IdArgs {
    /// Id del ticket (T-2026-000123)
    id: String,
}

#[derive(Debug, Args)]
pub struct ReasonArgs {
    /// Id del ticket (T-2026-000123)
    id: String,
    /// Motivo (se puede repetir para varios motivos)
    #[arg(long = "reason", value_name = "TEXTO", required = true)]
    reasons: Vec<String>,
}

fn act(g: &Global, id: &str, action: Move, reasons: &[String]) -> anyhow::Result<()> {
    let desk = g.open_desk()?;
    let actor = g.resolve().actor;
    let (t, queued) = desk.act_and_notify(id, action, &actor, reasons)?;
    println!("{}", strings::cli::moved(&t.id, t.status));
    if let (Move::Schedule, Some(d)) = (action, &t.dispatch) {
        let rules = &desk.config.dispatch;
        println!(
            "{}",
            strings::cli::scheduled_for(
                &moment(d.dispatch.at, rules.timezone),
                &dispatch_why(&d.reason, d.dispatch.moved(), rules)
            )
        );
    }
    if !queued.is_empty() {
        println!("{}", strings::mail::queued(queued.len()));
    }
    Ok(())
}

pub fn take(g: &Global, a: IdArgs) -> anyhow::Result<()> {
    act(g, &a.id, Move::Take, &[])
}
pub fn observe(g: &Global, a: ReasonArgs) -> anyhow::Result<()> {
    act(g, &a.id, Move::Observe, &a.reasons)
}
pub fn schedule(g: &Global, a: IdArgs) -> anyhow::Result<()> {
    act(g, &a.id, Move::Schedule, &[])
}
pub fn withdraw(g: &Global, a: ReasonArgs) -> anyhow::Result<()> {
    act(g, &a.id, Move::Withdraw, &a.reasons)
}
pub fn close(g: &Global, a: IdArgs) -> anyhow::Result<()> {
    act(g, &a.id, Move::Close, &[])
}
