//! `mesa next` and `mesa assign`, and how a stale move is explained.

use clap::Args;

use super::Global;
use crate::desk::Desk;
use crate::domain::MoveRefused;
use crate::domain::team::TeamRefused;
use crate::store::StoreError;
use crate::strings;

#[derive(Debug, Args)]
pub struct AssignArgs {
    /// Id del ticket (T-2026-000123)
    id: String,
    /// Analista que lo atenderá
    #[arg(value_name = "NOMBRE")]
    name: String,
}

/// A move's result; when refused as stale, the error also says what changed
/// since the version the analyst saw (who, what, when).
pub fn stale_explained<T>(desk: &Desk, id: &str, r: Result<T, StoreError>) -> anyhow::Result<T> {
    let e = match r {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    let StoreError::Refused(MoveRefused::Team(TeamRefused::Stale { seen, .. })) = &e else {
        return Err(e.into());
    };
    let changes = desk.changes_since(id, *seen).unwrap_or_default();
    if changes.is_empty() {
        return Err(e.into());
    }
    Err(anyhow::anyhow!(
        "{e}\n{}\n{}",
        strings::team::changed_since_header(),
        strings::team::what_changed(&changes)
    ))
}

pub fn next(g: &Global) -> anyhow::Result<()> {
    let desk = g.open_desk()?;
    let actor = g.resolve().actor;
    match desk.take_next(&actor)? {
        Some(t) => outln!("{}", strings::team::took_next(&t.id))?,
        None => outln!("{}", strings::team::none_free())?,
    }
    Ok(())
}

pub fn assign(g: &Global, a: AssignArgs) -> anyhow::Result<()> {
    let desk = g.open_desk()?;
    let actor = g.resolve().actor;
    let t = desk.assign(&a.id, &a.name, &actor)?;
    outln!(
        "{}",
        strings::team::assigned(&t.id, t.assignee.as_deref().unwrap_or(&a.name))
    )?;
    Ok(())
}
