//! `mesa demo [--tickets N] [--seed S]`.

use clap::Args;

use super::Global;
use crate::strings;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Cantidad de tickets
    #[arg(long, default_value_t = 60, value_name = "N")]
    tickets: u64,
    /// Semilla: la misma semilla (y MESA_NOW) produce el mismo almacén
    #[arg(long, default_value_t = 1, value_name = "S")]
    seed: u64,
}

pub fn run(g: &Global, a: DemoArgs) -> anyhow::Result<()> {
    let (mut desk, created) = g.open_or_create()?;
    if created {
        outln!("{}", strings::words::store_created(desk.store_dir()))?;
    }
    let existing = desk.store.ticket_count();
    if existing > 0 {
        anyhow::bail!(strings::cli::demo_not_empty(existing));
    }
    let n = crate::demo::generate(&mut desk, a.tickets, a.seed)?;
    outln!("{}", strings::cli::demo_done(n as usize, desk.store_dir()))?;
    outln!(
        "{}",
        strings::identity::demo_password_note(crate::demo::PASSWORD, &crate::demo::staff_names())
    )?;
    Ok(())
}
