//! `mesa batch list|seal|export|sent|outcome`: the weekly RENIEC dispatch.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde::Serialize;

use super::Global;
use super::view::{local, moment};
use crate::desk::batch::{BatchError, parse_outcomes};
use crate::domain::batch::{self, Batch};
use crate::domain::role::Capability;
use crate::store::Sealed;
use crate::strings;

#[derive(Debug, Args)]
pub struct BatchArgs {
    #[command(subcommand)]
    command: BatchCommand,
}

#[derive(Debug, Subcommand)]
enum BatchCommand {
    /// Próximos envíos (8) con sus tickets, y los lotes sellados
    List {
        /// Salida en JSON
        #[arg(long)]
        json: bool,
    },
    /// Sella el lote de un envío: fija su contenido, una sola vez
    Seal {
        /// Día del envío (AAAA-MM-DD); por omisión, el último envío ya pasado
        #[arg(long, value_name = "FECHA")]
        dispatch: Option<NaiveDate>,
        /// Motivo, obligatorio para sellar antes de la hora de corte
        #[arg(long, value_name = "TEXTO")]
        reason: Option<String>,
        /// Salida en JSON
        #[arg(long)]
        json: bool,
    },
    /// Exporta un lote sellado: carpeta LOTE-AAAA-MM-DD/ y su zip
    Export {
        /// Id del lote (LOTE-2026-11-27)
        id: String,
        /// Directorio donde escribir la exportación (por omisión, exportes/ dentro del almacén)
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Salida en JSON
        #[arg(long)]
        json: bool,
    },
    /// Marca un lote como enviado a RENIEC: sus tickets pasan a «enviado»
    Sent {
        /// Id del lote (LOTE-2026-11-27)
        id: String,
        /// Motivo, obligatorio antes de la hora del envío (queda registrado)
        #[arg(long, value_name = "MOTIVO")]
        reason: Option<String>,
    },
    /// Registra la respuesta de RENIEC desde un CSV ticket,result,date,reason
    Outcome {
        /// Archivo CSV; una fila mala rechaza todo el archivo
        file: PathBuf,
    },
}

#[derive(Serialize)]
struct UpcomingView {
    dispatch_at: String,
    /// The moment has passed and its tickets are not sealed yet: the
    /// supervisor's batch is late.
    due: bool,
    moved: bool,
    /// «(adelantado por …)», shown after the moment.
    #[serde(skip)]
    note: String,
    sealed: Option<String>,
    tickets: Vec<String>,
    counts: Vec<CountView>,
}

#[derive(Serialize)]
struct CountView {
    kind: &'static str,
    motive: Option<String>,
    count: usize,
    /// «Emisión a)», as the analyst reads it (the JSON keeps the code).
    #[serde(skip)]
    label: String,
}

#[derive(Serialize)]
struct BatchView<'a> {
    id: &'a str,
    dispatch_at: String,
    sealed_at: String,
    sealed_by: &'a str,
    early_reason: Option<&'a str>,
    sent_at: Option<String>,
    sent_early_reason: Option<&'a str>,
    tickets: &'a [String],
}

fn batch_view(b: &Batch, tz: chrono_tz::Tz) -> BatchView<'_> {
    BatchView {
        id: &b.id,
        dispatch_at: local(b.dispatch.at, tz),
        sealed_at: local(b.sealed_at, tz),
        sealed_by: &b.sealed_by,
        early_reason: b.early_reason.as_deref(),
        sent_at: b.sent_at.map(|t| local(t, tz)),
        sent_early_reason: b.sent_early_reason.as_deref(),
        tickets: &b.tickets,
    }
}

pub fn run(g: &Global, a: BatchArgs) -> anyhow::Result<()> {
    let desk = g.open_desk()?;
    let actor = g.resolve().actor;
    let tz = desk.config.dispatch.timezone;
    match a.command {
        BatchCommand::List { json } => {
            let now = desk.now();
            let mut upcoming = Vec::new();
            // A dispatch whose moment has passed (Friday 16:31) stays on the
            // list while its tickets wait to be sealed; the rest of the past
            // is in the sealed batches below.
            let slots = desk
                .board(now, 8)?
                .into_iter()
                .filter(|s| s.dispatch.at > now || (s.batch.is_none() && !s.tickets.is_empty()));
            for slot in slots {
                let due = slot.dispatch.at <= now && slot.batch.is_none();
                let (d, tickets) = (slot.dispatch, slot.tickets);
                let refs: Vec<_> = tickets.iter().collect();
                let counts = batch::counts(&refs)
                    .into_iter()
                    .map(|((kind, motive), count)| CountView {
                        label: strings::kind_and_motive(kind, motive),
                        kind: kind.code(),
                        motive: motive.map(String::from),
                        count,
                    })
                    .collect();
                upcoming.push(UpcomingView {
                    dispatch_at: local(d.at, tz),
                    due,
                    moved: d.moved(),
                    note: strings::rules::move_note(desk.config.dispatch.move_note(&d).as_ref()),
                    sealed: slot.batch.map(|b| b.id),
                    tickets: tickets.iter().map(|t| t.id.clone()).collect(),
                    counts,
                });
            }
            let batches = desk.store.batches()?;
            if json {
                let views: Vec<_> = batches.iter().map(|b| batch_view(b, tz)).collect();
                outln!(
                    "{}",
                    serde_json::to_string_pretty(
                        &serde_json::json!({ "upcoming": upcoming, "sealed": views })
                    )?
                )?;
                return Ok(());
            }
            outln!("{}", strings::batch::upcoming_header())?;
            for u in &upcoming {
                let at = chrono::DateTime::parse_from_rfc3339(&u.dispatch_at)?
                    .with_timezone(&chrono::Utc);
                let counts: Vec<String> = u
                    .counts
                    .iter()
                    .map(|c| format!("{} ×{}", c.label, c.count))
                    .collect();
                outln!(
                    "  {}{}  {:>3} {}  {}{}",
                    moment(at, tz),
                    u.note,
                    u.tickets.len(),
                    strings::words::noun(u.tickets.len(), "ticket ", "tickets"),
                    counts.join(", "),
                    if u.due {
                        strings::rules::due_unsealed_mark().to_string()
                    } else {
                        u.sealed
                            .as_deref()
                            .map(strings::batch::sealed_mark)
                            .unwrap_or_default()
                    }
                )?;
            }
            if !batches.is_empty() {
                outln!("{}", strings::batch::sealed_header())?;
                for b in batches.iter().rev() {
                    outln!(
                        "{}",
                        strings::batch::sealed_line(b, &moment(b.sealed_at, tz))
                    )?;
                }
            }
            Ok(())
        }
        BatchCommand::Seal {
            dispatch,
            reason,
            json,
        } => {
            desk.authorize(&actor, Capability::Seal)?;
            let result = desk.seal(dispatch, reason.as_deref(), &actor);
            let (sealed, is_new) = match result {
                Ok(Sealed::New(b)) => (b, true),
                Ok(Sealed::Already(b)) => (b, false),
                Err(BatchError::Store(e)) => return Err(e.into()),
                Err(e) => anyhow::bail!(e.to_string()),
            };
            if json {
                outln!(
                    "{}",
                    serde_json::to_string_pretty(
                        &serde_json::json!({ "new": is_new, "batch": batch_view(&sealed, tz) })
                    )?
                )?;
            } else if is_new {
                outln!(
                    "{}",
                    strings::batch::sealed_now(&sealed, &moment(sealed.dispatch.at, tz))
                )?;
                if let Some(reason) = &sealed.early_reason {
                    let next = desk
                        .config
                        .dispatch
                        .next_dispatch(sealed.dispatch.at + chrono::Duration::seconds(1));
                    outln!(
                        "{}",
                        strings::rules::sealed_early_moves(
                            reason,
                            &moment(sealed.dispatch.at, tz),
                            &moment(next.at, tz)
                        )
                    )?;
                }
            } else {
                outln!("{}", strings::batch::sealed_before(&sealed))?;
            }
            Ok(())
        }
        BatchCommand::Export { id, out, json } => {
            desk.authorize(&actor, Capability::Export)?;
            let batch = desk
                .store
                .batch(&id)?
                .ok_or_else(|| anyhow::anyhow!(strings::store::batch_not_found(&id)))?;
            let out = out.unwrap_or_else(|| crate::export::default_dir(desk.store_dir()));
            let exported = desk.export_batch(&batch, &out, &actor)?;
            if json {
                outln!(
                    "{}",
                    serde_json::json!({ "folder": exported.folder, "zip": exported.zip, "files": exported.files })
                )?;
            } else {
                outln!(
                    "{}",
                    strings::batch::exported(&exported.folder, &exported.zip, exported.files)
                )?;
            }
            Ok(())
        }
        BatchCommand::Sent { id, reason } => {
            desk.authorize(&actor, Capability::MarkSent)?;
            let (batch, tickets) = desk.mark_sent(&id, reason.as_deref(), &actor)?;
            outln!("{}", strings::batch::marked_sent(&batch.id, tickets.len()))?;
            if let Some(r) = &batch.sent_early_reason {
                outln!(
                    "{}",
                    strings::rules::sent_early(r, &moment(batch.dispatch.at, tz))
                )?;
            }
            Ok(())
        }
        BatchCommand::Outcome { file } => {
            desk.authorize(&actor, Capability::RecordOutcome)?;
            let bytes = crate::desk::attachments::read_input(&file).map_err(anyhow::Error::msg)?;
            let outcomes = match parse_outcomes(&desk, &bytes) {
                Ok(o) => o,
                Err(rows) => {
                    let mut msg = strings::cli::import_refused(&file, rows.len());
                    for r in rows {
                        msg.push('\n');
                        msg.push_str(&r.to_string());
                    }
                    anyhow::bail!(msg)
                }
            };
            let tickets = desk.record_outcomes(&outcomes, &actor)?;
            outln!("{}", strings::batch::outcomes_recorded(&tickets))?;
            Ok(())
        }
    }
}
