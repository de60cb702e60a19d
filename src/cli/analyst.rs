//! `mesa analyst add|list|disable|enable|password`: who may sign in, as
//! what, and with which password.

use clap::{Args, Subcommand};
use serde::Serialize;

use super::view::moment;
use super::{Global, secret};
use crate::domain::role::{self, Capability, Role};
use crate::strings;
use crate::strings::identity as id;
use crate::strings::trust as s;

#[derive(Debug, Args)]
pub struct AnalystArgs {
    #[command(subcommand)]
    command: AnalystCommand,
}

#[derive(Debug, Subcommand)]
enum AnalystCommand {
    /// Agrega un analista con su contraseña inicial (solo un supervisor; MESA_NEW_PASSWORD o se pide dos veces)
    Add {
        /// Nombre (usuario): letras, dígitos, «.», «_» o «-»
        #[arg(value_name = "NOMBRE")]
        name: String,
        /// Rol: analista o supervisor
        #[arg(long, default_value = "analista", value_parser = parse_role, value_name = "ROL")]
        role: Role,
    },
    /// Cambia la contraseña propia (pide la actual) o, un supervisor, la de otro
    Password {
        /// Analista cuya contraseña se asigna (por omisión, uno mismo)
        #[arg(value_name = "NOMBRE")]
        name: Option<String>,
    },
    /// Lista los analistas, activos y desactivados
    List {
        /// Salida en JSON
        #[arg(long)]
        json: bool,
    },
    /// Desactiva un analista: ya no puede ingresar (solo un supervisor)
    Disable {
        /// Nombre del analista
        #[arg(value_name = "NOMBRE")]
        name: String,
    },
    /// Reactiva un analista desactivado (solo un supervisor)
    Enable {
        /// Nombre del analista
        #[arg(value_name = "NOMBRE")]
        name: String,
    },
}

fn parse_role(v: &str) -> Result<Role, String> {
    Role::from_code(v).ok_or_else(|| s::unknown_role(v))
}

#[derive(Serialize)]
struct AnalystView<'a> {
    name: &'a str,
    role: &'static str,
    active: bool,
    added_at: String,
    added_by: &'a str,
}

pub fn run(g: &Global, a: AnalystArgs) -> anyhow::Result<()> {
    let (desk, proven) = g.open_proven()?;
    let actor = g.resolve().actor;
    let tz = desk.config.dispatch.timezone;
    match a.command {
        AnalystCommand::Add { name, role } => {
            // Who may add, and whether the name is free, before asking
            // for a password.
            desk.authorize(&actor, Capability::ManageAnalysts)?;
            let clean = role::check_name(&name).map_err(|p| anyhow::anyhow!(s::bad_name(&p)))?;
            if desk.analysts()?.iter().any(|a| a.name == clean) {
                anyhow::bail!(s::analyst_exists(&clean));
            }
            let password = secret::new_password(&clean, id::NEW_PASSWORD_VAR)?;
            let a = desk.add_analyst_with_password(&actor, &clean, role, &password)?;
            outln!("{}", s::added(&a.name, a.role))?;
        }
        AnalystCommand::Password { name } => {
            let own = name
                .as_deref()
                .map(role::normalize)
                .is_none_or(|n| n == actor);
            if own {
                // The password that just proved who is acting is the old one.
                let new = secret::new_password(&actor, id::NEW_PASSWORD_VAR)?;
                let a = desk.change_own_password(&actor, &proven, &new)?;
                outln!("{}", id::password_set(&a.name))?;
            } else {
                let name = role::normalize(name.as_deref().unwrap_or_default());
                desk.authorize(&actor, Capability::ManageAnalysts)?;
                if !desk.analysts()?.iter().any(|a| a.name == name) {
                    anyhow::bail!(s::analyst_not_found(&name));
                }
                let new = secret::new_password(&name, id::NEW_PASSWORD_VAR)?;
                let a = desk.reset_password(&actor, &name, &new)?;
                outln!("{}", id::password_reset(&a.name))?;
            }
        }
        AnalystCommand::Disable { name } => {
            let a = desk.disable_analyst(&actor, &name)?;
            outln!("{}", s::disabled(&a.name))?;
        }
        AnalystCommand::Enable { name } => {
            let a = desk.enable_analyst(&actor, &name)?;
            outln!("{}", s::enabled(&a.name))?;
        }
        AnalystCommand::List { json } => {
            let all = desk.analysts()?;
            if json {
                let views: Vec<AnalystView> = all
                    .iter()
                    .map(|a| AnalystView {
                        name: &a.name,
                        role: a.role.code(),
                        active: a.active,
                        added_at: super::view::local(a.added_at, tz),
                        added_by: &a.added_by,
                    })
                    .collect();
                outln!("{}", serde_json::to_string_pretty(&views)?)?;
                return Ok(());
            }
            outln!("{}", s::analysts_header())?;
            for a in &all {
                outln!(
                    "{:<20} {:<11} {:<12} {} ({})",
                    a.name,
                    s::role_label(a.role),
                    if a.active { s::active() } else { s::inactive() },
                    moment(a.added_at, tz),
                    a.added_by
                )?;
            }
            outln!("{}", strings::trust::analysts_count(all.len()))?;
        }
    }
    Ok(())
}
