//! `mesa people [--search TEXT] [--json]` and `mesa people import FILE.csv`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde::Serialize;

use super::Global;
use crate::desk::import::ImportFailure;
use crate::domain::person::{Person, PersonEdit};
use crate::strings;
use crate::strings::registry as s;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct PeopleArgs {
    #[command(subcommand)]
    command: Option<PeopleCommand>,
    /// Texto a buscar en nombre, DNI, correo, cargo, unidad o dependencia
    #[arg(long, value_name = "TEXTO")]
    search: Option<String>,
    /// Salida en JSON
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum PeopleCommand {
    /// Registra o actualiza personas desde un CSV (todo o nada)
    Import {
        /// Archivo CSV: dni,full_name,email,job_title,unit,dependency,started_on
        file: PathBuf,
    },
    /// Cambia datos de una persona del directorio (con las mismas reglas que la importación)
    Edit {
        /// DNI de la persona
        dni: String,
        /// Nombre completo
        #[arg(long, value_name = "TEXTO")]
        full_name: Option<String>,
        /// Correo institucional
        #[arg(long, value_name = "CORREO")]
        email: Option<String>,
        /// Cargo
        #[arg(long, value_name = "TEXTO")]
        job_title: Option<String>,
        /// Órgano o unidad orgánica
        #[arg(long, value_name = "TEXTO")]
        unit: Option<String>,
        /// Dependencia
        #[arg(long, value_name = "TEXTO")]
        dependency: Option<String>,
        /// Inicio en el cargo (AAAA-MM-DD o DD/MM/AAAA)
        #[arg(long, value_name = "FECHA")]
        started_on: Option<String>,
    },
}

#[derive(Serialize)]
struct PersonView<'a> {
    #[serde(flatten)]
    person: &'a Person,
    certificates: Vec<CertBrief>,
}

#[derive(Serialize)]
struct CertBrief {
    id: String,
    status: &'static str,
}

pub fn run(g: &Global, a: PeopleArgs) -> anyhow::Result<()> {
    let desk = g.open_desk()?;
    if let Some(PeopleCommand::Edit {
        dni,
        full_name,
        email,
        job_title,
        unit,
        dependency,
        started_on,
    }) = a.command
    {
        let edit = PersonEdit {
            full_name,
            email,
            job_title,
            unit,
            dependency,
            started_on,
        };
        if edit.is_empty() {
            anyhow::bail!(strings::people::nothing_to_edit());
        }
        let p = desk.edit_person(&dni, &edit, &g.resolve().actor)?;
        outln!("{}", strings::people::edited(&p.full_name, &p.dni))?;
        return Ok(());
    }
    if let Some(PeopleCommand::Import { file }) = a.command {
        let bytes = crate::desk::attachments::read_input(&file).map_err(anyhow::Error::msg)?;
        return match desk.import_people(&bytes, &g.resolve().actor) {
            Ok(people) => {
                outln!("{}", s::people_imported(people.len()))?;
                Ok(())
            }
            Err(ImportFailure::Rows(rows)) => {
                let mut msg = strings::cli::import_refused(&file, rows.len());
                for r in rows {
                    msg.push('\n');
                    msg.push_str(&r.to_string());
                }
                anyhow::bail!(msg)
            }
            Err(ImportFailure::Store(e)) => Err(e.into()),
        };
    }
    let people = desk.people(a.search.as_deref().unwrap_or(""))?;
    super::record_read(
        g,
        &desk,
        people.iter().map(|p| p.dni.clone()).collect(),
        people.len(),
    )?;
    let today = desk.today();
    let mut views = Vec::new();
    for p in &people {
        let certificates = desk
            .store
            .certificates_of(&p.dni)?
            .into_iter()
            .map(|c| CertBrief {
                status: c.status(today).code(),
                id: c.id,
            })
            .collect();
        views.push(PersonView {
            person: p,
            certificates,
        });
    }
    if a.json {
        outln!("{}", serde_json::to_string_pretty(&views)?)?;
        return Ok(());
    }
    if views.is_empty() {
        outln!("{}", s::no_people())?;
        return Ok(());
    }
    outln!("{}", s::people_header())?;
    for v in &views {
        let p = v.person;
        outln!(
            "{:<8}  {:<28}  {:<24}  {:<28}  {:<16}  {}",
            p.dni,
            cut(&p.full_name, 28),
            cut(&p.job_title, 24),
            cut(&p.unit, 28),
            cut(&p.dependency, 16),
            p.started_on.format("%d/%m/%Y")
        )?;
        let certs: Vec<String> = v
            .certificates
            .iter()
            .map(|c| format!("{} ({})", c.id, c.status))
            .collect();
        outln!("          {}", p.email)?;
        if !certs.is_empty() {
            outln!("          {}", s::person_certs(&certs.join(", ")))?;
        }
    }
    outln!("{}", s::people_count(views.len()))?;
    Ok(())
}

pub fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars().take(max - 1).collect::<String>() + "…"
    }
}
