//! `mesa init --supervisor NAME`: the first run of a real store.

use clap::Args;

use super::Global;
use crate::strings;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Nombre (usuario) del supervisor: letras, dígitos, «.», «_» o «-»
    #[arg(long, value_name = "NOMBRE")]
    supervisor: String,
}

pub fn run(g: &Global, a: InitArgs) -> anyhow::Result<()> {
    let (desk, created) = g.open_or_create()?;
    if created {
        outln!("{}", strings::words::store_created(desk.store_dir()))?;
    }
    let sup = desk.init_supervisor(&a.supervisor)?;
    outln!(
        "{}",
        strings::trust::initialized(&sup.name, desk.store_dir())
    )?;
    Ok(())
}
