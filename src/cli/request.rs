//! `mesa request families|new|show|advance|list` (alias `solicitud
//! familias|nueva|ver|avanzar|lista`): the other request families, worked
//! from the command line.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Global;
use crate::desk::families::{FamilyError, dnis_of, pair};
use crate::domain::family::{Family, Request};
use crate::strings::families as s;

#[derive(Debug, Args)]
pub struct RequestArgs {
    #[command(subcommand)]
    command: RequestCommand,
}

#[derive(Debug, Subcommand)]
enum RequestCommand {
    /// Familias de solicitudes: sus tipos, campos, documentos y pasos
    #[command(visible_alias = "familias")]
    Families,
    /// Registra una solicitud (se rechaza entera si un campo o documento no cumple)
    #[command(visible_alias = "nueva")]
    New(NewArgs),
    /// Muestra una solicitud: datos, documentos y la cadena de pasos con sus plazos
    #[command(visible_alias = "ver")]
    Show {
        /// Id de la solicitud (S-2026-000001)
        id: String,
    },
    /// Da por cumplido el paso actual: qué se envió, a quién y la respuesta
    #[command(visible_alias = "avanzar")]
    Advance(AdvanceArgs),
    /// Lista las solicitudes en orden de llegada, con el plazo del paso actual
    #[command(visible_alias = "lista")]
    List {
        /// Solo esta familia
        #[arg(long, visible_alias = "familia", value_name = "FAMILIA")]
        family: Option<String>,
        /// Solo las que tienen el paso actual vencido
        #[arg(long, visible_alias = "vencidas")]
        overdue: bool,
    },
}

#[derive(Debug, Args)]
struct NewArgs {
    /// Familia (mesa request families)
    #[arg(long, visible_alias = "familia", value_name = "FAMILIA")]
    family: String,
    /// Tipo de solicitud de la familia
    #[arg(long = "type", visible_alias = "tipo", value_name = "TIPO")]
    kind: String,
    /// Un campo: clave=valor (se repite)
    #[arg(long, visible_alias = "campo", value_name = "CLAVE=VALOR")]
    field: Vec<String>,
    /// Un documento: clave=RUTA (se repite)
    #[arg(long, visible_alias = "documento", value_name = "CLAVE=RUTA")]
    document: Vec<String>,
}

#[derive(Debug, Args)]
struct AdvanceArgs {
    /// Id de la solicitud (S-2026-000001)
    id: String,
    /// Qué se envió o hizo en el paso
    #[arg(
        long,
        visible_alias = "enviado",
        value_name = "TEXTO",
        default_value = ""
    )]
    sent: String,
    /// A quién se envió (se repite; por omisión, las direcciones del paso)
    #[arg(long, visible_alias = "enviado-a", value_name = "CORREO")]
    sent_to: Vec<String>,
    /// La respuesta recibida
    #[arg(
        long,
        visible_alias = "respuesta",
        value_name = "TEXTO",
        default_value = ""
    )]
    answer: String,
    /// Un documento de la respuesta (se repite); se guarda con su huella SHA-256
    #[arg(long, visible_alias = "documento-respuesta", value_name = "RUTA")]
    answer_doc: Vec<PathBuf>,
}

pub fn run(g: &Global, a: RequestArgs) -> anyhow::Result<()> {
    match a.command {
        RequestCommand::Families => families(g),
        RequestCommand::New(n) => new(g, n),
        RequestCommand::Show { id } => show(g, &id),
        RequestCommand::Advance(a) => advance(g, a),
        RequestCommand::List { family, overdue } => list(g, family.as_deref(), overdue),
    }
}

fn families(g: &Global) -> anyhow::Result<()> {
    let desk = g.open_desk()?;
    for f in desk.families()? {
        outln!("{}", s::family_heading(&f))?;
        for line in s::family_lines(&f) {
            outln!("{line}")?;
        }
    }
    Ok(())
}

fn new(g: &Global, n: NewArgs) -> anyhow::Result<()> {
    let desk = g.open_desk()?;
    let actor = g.resolve().actor;
    let fields = n
        .field
        .iter()
        .map(|v| pair("--field", v))
        .collect::<Result<Vec<_>, FamilyError>>()?;
    let docs = n
        .document
        .iter()
        .map(|v| pair("--document", v).map(|(k, p)| (k, PathBuf::from(p))))
        .collect::<Result<Vec<_>, FamilyError>>()?;
    let (r, queued) = desk.new_request(&actor, &n.family, &n.kind, &fields, &docs)?;
    let family = desk.family(&r.family)?;
    outln!("{}", s::registered(&r.id))?;
    if queued > 0 {
        outln!("{}", s::mail_queued(queued))?;
    }
    print_request(&desk, &family, &r)
}

fn show(g: &Global, id: &str) -> anyhow::Result<()> {
    let desk = g.open_desk()?;
    let r = desk.request(id)?;
    let family = desk.family(&r.family)?;
    super::record_read(g, &desk, dnis_of(&family, &r), 1)?;
    print_request(&desk, &family, &r)
}

fn advance(g: &Global, a: AdvanceArgs) -> anyhow::Result<()> {
    let desk = g.open_desk()?;
    let actor = g.resolve().actor;
    let (r, queued) =
        desk.advance_request(&actor, &a.id, &a.sent, &a.sent_to, &a.answer, &a.answer_doc)?;
    let family = desk.family(&r.family)?;
    outln!("{}", s::advanced(&r.id, &family.status_name(&r.status)))?;
    if queued > 0 {
        outln!("{}", s::mail_queued(queued))?;
    }
    print_request(&desk, &family, &r)
}

fn print_request(desk: &crate::desk::Desk, family: &Family, r: &Request) -> anyhow::Result<()> {
    let rules = &desk.config.dispatch;
    let now = desk.now();
    for line in s::request_lines(family, r, rules, now) {
        outln!("{line}")?;
    }
    Ok(())
}

fn list(g: &Global, family: Option<&str>, overdue: bool) -> anyhow::Result<()> {
    let desk = g.open_desk()?;
    let families = desk.families()?;
    if let Some(f) = family {
        desk.family(f)?;
    }
    let rules = &desk.config.dispatch;
    let now = desk.now();
    let mut rows = Vec::new();
    let mut dnis = Vec::new();
    let (mut open, mut late) = (0, 0);
    for r in desk.requests(family)? {
        let Some(f) = families.iter().find(|f| f.id == r.family) else {
            continue;
        };
        let is_late = r.overdue(f, rules, now);
        if overdue && !is_late {
            continue;
        }
        open += usize::from(!r.is_closed());
        late += usize::from(is_late);
        dnis.extend(dnis_of(f, &r));
        rows.push(s::list_row(f, &r, rules, now));
    }
    super::record_read(g, &desk, dnis, rows.len())?;
    if rows.is_empty() {
        outln!("{}", s::none_listed())?;
    }
    let total = rows.len();
    for row in rows {
        outln!("{row}")?;
    }
    if total > 0 {
        outln!("{}", s::list_summary(total, open, late))?;
    }
    Ok(())
}
