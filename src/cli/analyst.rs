//! `mesa analyst add|list|disable|enable`: who may sign in, and as what.

use clap::{Args, Subcommand};
use serde::Serialize;

use super::Global;
use super::view::moment;
use crate::domain::role::Role;
use crate::strings;
use crate::strings::trust as s;

#[derive(Debug, Args)]
pub struct AnalystArgs {
    #[command(subcommand)]
    command: AnalystCommand,
}

#[derive(Debug, Subcommand)]
enum AnalystCommand {
    /// Agrega un analista (solo un supervisor)
    Add {
        /// Nombre (usuario): letras, dígitos, «.», «_» o «-»
        #[arg(value_name = "NOMBRE")]
        name: String,
        /// Rol: analista o supervisor
        #[arg(long, default_value = "analista", value_parser = parse_role, value_name = "ROL")]
        role: Role,
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
    let desk = g.open_desk()?;
    let actor = g.resolve().actor;
    let tz = desk.config.dispatch.timezone;
    match a.command {
        AnalystCommand::Add { name, role } => {
            let a = desk.add_analyst(&actor, &name, role)?;
            outln!("{}", s::added(&a.name, a.role))?;
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
