//! `mesa store copy --from A --to B`: a whole desk moved between a folder
//! and a shared database (either way), proved on arrival (see
//! `desk::copy`). The supervisor of the source signs in.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Global;
use crate::domain::audit::{self, AuditNote};
use crate::domain::role::Capability;
use crate::store::Store;
use crate::store::engine::shared::{Target, is_address};
use crate::strings::shared as s;

#[derive(Debug, Args)]
pub struct StoreArgs {
    #[command(subcommand)]
    command: StoreCommand,
}

#[derive(Debug, Subcommand)]
enum StoreCommand {
    /// Copia el almacén entero (tickets, historial, lotes, correos, registro, auditoría, adjuntos) a otro vacío y lo comprueba
    Copy {
        /// Origen: carpeta o postgres://… (por omisión, --store)
        #[arg(long, value_name = "DIR|postgres://…")]
        from: Option<String>,
        /// Destino vacío: carpeta nueva o base de datos compartida ya creada (createdb)
        #[arg(long, value_name = "DIR|postgres://…")]
        to: String,
    },
}

pub fn run(g: &Global, a: StoreArgs) -> anyhow::Result<()> {
    let StoreCommand::Copy { from, to } = a.command;
    let source = Global {
        store: from.map(PathBuf::from).or_else(|| g.store.clone()),
        config: g.config.clone(),
        actor: g.actor.clone(),
    };
    let desk = source.open_desk()?;
    let actor = source.resolve().actor;
    desk.authorize(&actor, Capability::Backup)?;
    let (target, created) = open_target(&to)?;
    let copied = match crate::desk::copy::copy(&desk.store, &target) {
        Ok(c) => c,
        Err(e) => {
            // A folder this command made goes again: a failed copy leaves
            // the disk as it was.
            drop(target);
            if let Some(dir) = created {
                let _ = std::fs::remove_dir_all(dir);
            }
            return Err(e.into());
        }
    };
    target.audit_append(
        AuditNote::new(desk.now(), &actor, audit::STORE_COPY, &desk.store.place())
            .detail(s::copy_detail(&desk.store.place(), &target.place())),
    )?;
    outln!(
        "{}",
        s::copied(
            &desk.store.place(),
            &target.place(),
            copied.tickets,
            copied.attachments,
            copied.head.seq,
            &copied.head.hash
        )
    )?;
    Ok(())
}

/// The target store, and the folder this command created for it (to
/// remove on failure).
fn open_target(to: &str) -> anyhow::Result<(Store, Option<PathBuf>)> {
    if is_address(to) {
        let target = Target::parse(to).map_err(anyhow::Error::msg)?;
        let local = crate::desk::shared_local_dir(to);
        return Ok((Store::open_shared(&target, &local)?, None));
    }
    let dir = PathBuf::from(to);
    super::store_path::check_not_nested(&dir)?;
    let created = (!dir.exists()).then(|| dir.clone());
    Ok((Store::open(&dir)?, created))
}
