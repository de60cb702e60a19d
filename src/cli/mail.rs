//! `mesa mail list|flush|retry|preview`: the outbox from the command line.

use clap::{Args, Subcommand};
use serde::Serialize;

use super::Global;
use super::view::{local, moment};
use crate::domain::DispatchRules;
use crate::mail::events::{Event, MailContext};
use crate::mail::{Transport, preview, sender};
use crate::store::outbox::{OutboxEntry, OutboxStatus};
use crate::strings::mail as s;

#[derive(Debug, Args)]
pub struct MailArgs {
    #[command(subcommand)]
    command: MailCommand,
}

#[derive(Debug, Subcommand)]
enum MailCommand {
    /// Lista la bandeja de salida (pendientes, enviados y fallidos)
    List(ListArgs),
    /// Entrega ahora los correos pendientes que ya corresponden y muestra los totales
    Flush(FlushArgs),
    /// Vuelve a poner en cola un correo fallido (o adelanta uno pendiente)
    Retry(RetryArgs),
    /// Muestra un ejemplo de la plantilla de un evento
    Preview(PreviewArgs),
}

#[derive(Debug, Args)]
struct ListArgs {
    /// Estado: pendiente, enviado o fallido
    #[arg(long, value_parser = parse_status, value_name = "ESTADO")]
    status: Option<OutboxStatus>,
    /// Salida en JSON
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct FlushArgs {
    /// Sin esperar el plazo de reintento: entrega también los pendientes cuyo próximo intento es más tarde (el servidor volvió)
    #[arg(long)]
    now: bool,
}

#[derive(Debug, Args)]
struct RetryArgs {
    /// Id del correo (como lo muestra «mesa mail list»)
    #[arg(required_unless_present = "all")]
    id: Option<String>,
    /// Todos los correos fallidos y pendientes, para ahora
    #[arg(long, conflicts_with = "id")]
    all: bool,
}

#[derive(Debug, Args)]
struct PreviewArgs {
    /// Evento: programado, observado, enviado, aprobado, rechazado, cancelado, recordatorio_descarga, plazo_vencido, vencimiento_certificado, correccion_recibida o todos
    #[arg(value_name = "EVENTO")]
    event: String,
    /// Muestra también la versión HTML
    #[arg(long)]
    html: bool,
}

/// The status as the list prints it («pendiente») or by its code.
fn parse_status(v: &str) -> Result<OutboxStatus, String> {
    let word = crate::domain::text::fold(v);
    OutboxStatus::from_code(v)
        .or_else(|| {
            OutboxStatus::ALL
                .into_iter()
                .find(|st| s::status_label(st.code()) == word)
        })
        .ok_or_else(|| s::unknown_status(v))
}

pub fn run(g: &Global, a: MailArgs) -> anyhow::Result<()> {
    match a.command {
        MailCommand::List(a) => list(g, a),
        MailCommand::Flush(a) => flush(g, a.now),
        MailCommand::Retry(a) => retry(g, a),
        MailCommand::Preview(a) => preview(g, a),
    }
}

#[derive(Debug, Serialize)]
struct EntryView<'a> {
    id: &'a str,
    ticket: &'a str,
    event: &'a str,
    status: &'static str,
    to: &'a str,
    to_name: &'a str,
    subject: &'a str,
    attempts: u32,
    created_at: String,
    next_attempt_at: Option<String>,
    sent_at: Option<String>,
    last_error: Option<&'a str>,
}

fn entry_view<'a>(e: &'a OutboxEntry, rules: &DispatchRules) -> EntryView<'a> {
    EntryView {
        id: &e.id,
        ticket: &e.ticket,
        event: &e.event,
        status: e.status.code(),
        to: &e.to,
        to_name: &e.to_name,
        subject: &e.subject,
        attempts: e.attempts,
        created_at: local(e.created_at, rules.timezone),
        next_attempt_at: (e.status == OutboxStatus::Pending)
            .then(|| local(e.next_attempt_at, rules.timezone)),
        sent_at: e.sent_at.map(|t| local(t, rules.timezone)),
        last_error: e.last_error.as_deref(),
    }
}

fn list(g: &Global, a: ListArgs) -> anyhow::Result<()> {
    let desk = g.open_desk()?;
    let rules = &desk.config.dispatch;
    let entries: Vec<OutboxEntry> = desk
        .store
        .outbox()?
        .into_iter()
        .filter(|e| a.status.is_none_or(|s| e.status == s))
        .collect();
    super::record_read(g, &desk, Vec::new(), entries.len())?;
    if a.json {
        let views: Vec<_> = entries.iter().map(|e| entry_view(e, rules)).collect();
        outln!("{}", serde_json::to_string_pretty(&views)?)?;
        return Ok(());
    }
    if entries.is_empty() {
        outln!("{}", s::empty_outbox())?;
        return Ok(());
    }
    let width = entries.iter().map(|e| e.id.len()).max().unwrap_or(0).max(2);
    outln!("{}", s::list_header(width))?;
    for e in &entries {
        outln!(
            "{:<width$} {:<10} {:>3}  {:<38} {}",
            e.id,
            s::status_label(e.status.code()),
            e.attempts,
            e.to,
            e.subject
        )?;
        let detail = match e.status {
            OutboxStatus::Pending => s::next_attempt(&moment(e.next_attempt_at, rules.timezone)),
            OutboxStatus::Sent => s::sent_at(
                &e.sent_at
                    .map(|t| moment(t, rules.timezone))
                    .unwrap_or_default(),
            ),
            OutboxStatus::Failed => String::new(),
        };
        let reply = e
            .last_error
            .as_deref()
            .filter(|_| e.status != OutboxStatus::Sent)
            .map(s::reply);
        let parts: Vec<String> = [Some(detail), reply]
            .into_iter()
            .flatten()
            .filter(|p| !p.is_empty())
            .collect();
        if !parts.is_empty() {
            outln!("    {}", parts.join(" · "))?;
        }
    }
    outln!("{}", s::count(entries.len()))?;
    Ok(())
}

fn flush(g: &Global, now: bool) -> anyhow::Result<()> {
    let desk = g.open_desk()?;
    let _log = crate::mail::log::init(desk.store_dir());
    if now {
        // The server is back: what waits for its back-off goes now. Failed
        // messages (refused by the server) stay failed: `retry` is for them.
        let due = sender::make_due(&desk.store, desk.now(), false)?;
        outln!("{}", crate::strings::rules::made_due(due))?;
    }
    let settings = desk
        .config
        .mail
        .clone()
        .with_process_env()
        .map_err(anyhow::Error::msg)?;
    tracing::info!(?settings, "configuración de correo");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    // The transport lives and dies inside the runtime: its connection pool
    // closes connections on a runtime task when dropped.
    let (description, counts) = runtime.block_on(async {
        let transport = Transport::new(&settings, desk.store_dir()).map_err(anyhow::Error::msg)?;
        tracing::info!(transport = transport.describe(), "envío de correos");
        let counts = crate::desk::mailing::pass(&desk, &transport, &settings, desk.now()).await?;
        anyhow::Ok((transport.describe().to_string(), counts))
    })?;
    outln!("{description}")?;
    outln!(
        "{}",
        s::flushed(counts.sent, counts.failed, counts.retry, counts.waiting)
    )?;
    tracing::info!(?counts, "envío terminado");
    Ok(())
}

fn retry(g: &Global, a: RetryArgs) -> anyhow::Result<()> {
    let desk = g.open_desk()?;
    let _log = crate::mail::log::init(desk.store_dir());
    let Some(id) = a.id.filter(|_| !a.all) else {
        let n = sender::make_due(&desk.store, desk.now(), true)?;
        outln!("{}", crate::strings::rules::retried_all(n))?;
        return Ok(());
    };
    let e = sender::retry(&desk.store, &id, desk.now())?;
    outln!("{}", s::retried(&e.id))?;
    Ok(())
}

fn preview(g: &Global, a: PreviewArgs) -> anyhow::Result<()> {
    let config = g.load_config()?;
    let events: Vec<Event> = match a.event.trim().to_lowercase().as_str() {
        "todos" | "all" => Event::ALL.to_vec(),
        other => vec![Event::from_code(other).ok_or_else(|| {
            let known: Vec<&str> = Event::ALL.iter().map(|e| e.code()).collect();
            anyhow::anyhow!(s::unknown_event(
                other,
                &format!("{}, todos", known.join(", "))
            ))
        })?],
    };
    let ctx = MailContext {
        settings: &config.mail,
        rules: &config.dispatch,
        institutional_domains: &config.validation.institutional_domains,
    };
    for (i, event) in events.iter().enumerate() {
        if i > 0 {
            outln!()?;
        }
        let m = preview::sample(*event, &ctx);
        outln!("{}", s::preview_header(event.code()))?;
        outln!("{}: {} <{}>", s::preview_to(), m.to_name, m.to)?;
        outln!("{}: {}", s::preview_subject(), m.subject)?;
        outln!()?;
        out!("{}", m.text)?;
        if a.html {
            outln!()?;
            out!("{}", m.html)?;
        }
    }
    Ok(())
}
