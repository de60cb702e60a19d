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
    let name = crate::domain::role::check_name(&a.supervisor)
        .map_err(|p| anyhow::anyhow!(strings::trust::bad_name(&p)))?;
    // An existing store: refused at once if it already has its staff, before
    // asking for a password. A new one is created only once the password
    // is accepted (a refused one leaves nothing on disk).
    let ctx = g.resolve();
    // A shared database exists before mesa (its administrator made it).
    let existing = if ctx.shared.is_some() || super::store_path::is_store(&ctx.store_dir) {
        Some(g.open_unchecked()?)
    } else {
        None
    };
    if let Some(d) = &existing
        && !d.analysts()?.is_empty()
    {
        d.init_supervisor(&name)?;
    }
    let password = super::secret::new_password(&name, strings::identity::PASSWORD_VAR)?;
    let desk = match existing {
        Some(d) => d,
        None => {
            let (d, created) = g.open_or_create()?;
            if created {
                outln!("{}", strings::words::store_created(d.store_dir()))?;
            }
            d
        }
    };
    let sup = desk.init_supervisor_with_password(&name, &password)?;
    outln!(
        "{}",
        strings::trust::initialized(&sup.name, std::path::Path::new(&desk.store.place()))
    )?;
    Ok(())
}
