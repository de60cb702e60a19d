//! `mesa backup --out FILE` and `mesa restore FILE [--check]`.

use std::path::PathBuf;

use clap::Args;

use super::Global;
use crate::clock::Clock;
use crate::desk::backup;
use crate::strings::trust as s;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Archivo de la copia (nuevo): registros, adjuntos y auditoría
    #[arg(long, value_name = "ARCHIVO")]
    out: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// Archivo de la copia de seguridad
    #[arg(value_name = "ARCHIVO")]
    file: PathBuf,
    /// Solo verifica la copia; no escribe nada
    #[arg(long)]
    check: bool,
}

pub fn backup(g: &Global, a: BackupArgs) -> anyhow::Result<()> {
    let desk = g.open_desk()?;
    let written = desk.backup(&g.resolve().actor, &a.out)?;
    outln!("{}", s::backup_written(&written.path, &written.manifest))?;
    Ok(())
}

/// Restores into `--store` (or `MESA_STORE`), which must be new or empty.
pub fn restore(g: &Global, a: RestoreArgs) -> anyhow::Result<()> {
    let tz = g.load_config()?.dispatch.timezone;
    if a.check {
        let checked = backup::check(&a.file, tz)?;
        outln!("{}", s::backup_checked(&a.file, &checked.manifest))?;
        return Ok(());
    }
    let ctx = g.resolve();
    let target = ctx.store_dir.clone();
    let now = Clock::from_env().map_err(anyhow::Error::msg)?.now();
    let actor = ctx.actor.clone();
    // The copy's own analysts decide who may restore it: their password
    // is checked against the hash the copy holds.
    let ask = || super::secret::actor_password(&actor).map_err(|e| e.to_string());
    if let Some(address) = &ctx.shared {
        return restore_shared(address, &target, &a.file, &actor, &ask, now, tz);
    }
    super::store_path::check_not_nested(&target)?;
    let checked = backup::restore_proven(&a.file, &target, &actor, Some(&ask), now, tz)?;
    outln!("{}", s::restored(&target, &checked.manifest))?;
    Ok(())
}

/// Restoring into a shared database: the copy is rebuilt and verified in
/// a folder of this PC first (exactly as into any folder), then moved into
/// the (empty) database by `store copy`, which proves it again; the
/// folder goes either way.
fn restore_shared(
    address: &str,
    local: &std::path::Path,
    file: &std::path::Path,
    actor: &str,
    ask: &dyn Fn() -> Result<String, String>,
    now: chrono::DateTime<chrono::Utc>,
    tz: chrono_tz::Tz,
) -> anyhow::Result<()> {
    crate::desk::staging::sweep(local);
    let staging = crate::desk::staging::folder(local);
    let result = (|| -> anyhow::Result<()> {
        let checked = backup::restore_proven(file, &staging, actor, Some(ask), now, tz)?;
        let from = crate::store::Store::open(&staging)?;
        let target =
            crate::store::engine::shared::Target::parse(address).map_err(anyhow::Error::msg)?;
        let to = crate::store::Store::open_shared(&target, local)?;
        crate::desk::copy::copy(&from, &to)?;
        outln!(
            "{}",
            s::restored(std::path::Path::new(&to.place()), &checked.manifest)
        )?;
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&staging);
    result
}
