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
        /// Salida en JSON
        #[arg(long)]
        json: bool,
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
        /// Salida en JSON
        #[arg(long)]
        json: bool,
    },
    /// Registra solicitudes de una familia desde un CSV (una por fila; si una fila no cumple, no se registra ninguna)
    #[command(visible_alias = "importar")]
    Import(ImportArgs),
}

#[derive(Debug, Args)]
struct ImportArgs {
    /// Familia (mesa request families)
    #[arg(long, visible_alias = "familia", value_name = "FAMILIA")]
    family: String,
    /// Tipo de solicitud de la familia
    #[arg(long = "type", visible_alias = "tipo", value_name = "TIPO")]
    kind: String,
    /// El archivo CSV: una columna por campo o documento (su clave o su nombre); las rutas de documentos, relativas al CSV
    file: PathBuf,
}

/// A request as `--json` gives it: the record, and what it means now.
#[derive(serde::Serialize)]
struct RequestView<'a> {
    #[serde(flatten)]
    request: &'a Request,
    family_name: &'a str,
    type_name: String,
    status_name: String,
    current_step: Option<StepView<'a>>,
    overdue: bool,
}

#[derive(serde::Serialize)]
struct StepView<'a> {
    id: &'a str,
    name: &'a str,
    office: &'a str,
    due: Option<String>,
}

fn view<'a>(desk: &crate::desk::Desk, family: &'a Family, r: &'a Request) -> RequestView<'a> {
    let rules = &desk.config.dispatch;
    RequestView {
        request: r,
        family_name: &family.name,
        type_name: family
            .request_type(&r.kind)
            .map_or_else(|| r.kind.clone(), |t| t.name.clone()),
        status_name: family.status_name(&r.status),
        current_step: r.current_step(family).map(|st| StepView {
            id: &st.id,
            name: &st.name,
            office: &st.office,
            due: r.due(family, rules).map(|d| rules.local(d).to_rfc3339()),
        }),
        overdue: r.overdue(family, rules, desk.now()),
    }
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
        RequestCommand::Show { id, json } => show(g, &id, json),
        RequestCommand::Advance(a) => advance(g, a),
        RequestCommand::List {
            family,
            overdue,
            json,
        } => list(g, family.as_deref(), overdue, json),
        RequestCommand::Import(a) => import(g, a),
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

fn show(g: &Global, id: &str, json: bool) -> anyhow::Result<()> {
    let desk = g.open_desk()?;
    let r = desk.request(id)?;
    let family = desk.family(&r.family)?;
    super::record_read(g, &desk, dnis_of(&family, &r), 1)?;
    if json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&view(&desk, &family, &r))?
        )?;
        return Ok(());
    }
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

fn list(g: &Global, family: Option<&str>, overdue: bool, json: bool) -> anyhow::Result<()> {
    let desk = g.open_desk()?;
    let families = desk.families()?;
    if let Some(f) = family {
        desk.family(f)?;
    }
    let rules = &desk.config.dispatch;
    let now = desk.now();
    let mut shown: Vec<(&Family, Request)> = Vec::new();
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
        shown.push((f, r));
    }
    super::record_read(g, &desk, dnis, shown.len())?;
    if json {
        let views: Vec<RequestView> = shown.iter().map(|(f, r)| view(&desk, f, r)).collect();
        outln!("{}", serde_json::to_string_pretty(&views)?)?;
        return Ok(());
    }
    if shown.is_empty() {
        outln!("{}", s::none_listed())?;
    }
    for (f, r) in &shown {
        outln!("{}", s::list_row(f, r, rules, now))?;
    }
    if !shown.is_empty() {
        outln!("{}", s::list_summary(shown.len(), open, late))?;
    }
    Ok(())
}

fn import(g: &Global, a: ImportArgs) -> anyhow::Result<()> {
    let desk = g.open_desk()?;
    let actor = g.resolve().actor;
    let ids = desk.import_requests(&actor, &a.family, &a.kind, &a.file)?;
    outln!("{}", s::imported(&ids))?;
    Ok(())
}
