//! `mesa init --supervisor NAME`: the first run of a real store, with the
//! supervisor's password (typed twice, or `MESA_PASSWORD`).

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
    let desk = g.open_unchecked()?;
    let name = crate::domain::role::check_name(&a.supervisor)
        .map_err(|p| anyhow::anyhow!(strings::trust::bad_name(&p)))?;
    if !desk.analysts()?.is_empty() {
        // The refusal (already initialized) before asking for a password.
        desk.init_supervisor(&name)?;
    }
    let password = super::secret::new_password(&name, strings::identity::PASSWORD_VAR)?;
    let sup = desk.init_supervisor_with_password(&name, &password)?;
    println!(
        "{}",
        strings::trust::initialized(&sup.name, desk.store_dir())
    );
    Ok(())
}
