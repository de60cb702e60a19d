//! `mesa certs [--dni X] [--expiring [DAYS]] [--json]` and
//! `mesa certs renew ID`: the certificate registry and the expiry view.

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde::Serialize;

use super::Global;
use super::people::cut;
use crate::desk::registry::{CertFilter, CertRow, PaymentInput};
use crate::domain::certificate::EXPIRY_HORIZON_DAYS;
use crate::strings;
use crate::strings::registry as s;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CertsArgs {
    #[command(subcommand)]
    command: Option<CertsCommand>,
    /// Solo los certificados de este DNI
    #[arg(long, value_name = "DNI")]
    dni: Option<String>,
    /// Vista de vencimientos: instalados que vencen en los próximos DÍAS (60 si no se indica)
    #[arg(long, value_name = "DÍAS", num_args = 0..=1, default_missing_value = "60")]
    expiring: Option<i64>,
    /// Salida en JSON
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum CertsCommand {
    /// Registra el ticket que renueva un certificado, pre-llenado: reemisión g
    /// (plazo de descarga vencido, pagada), reemisión a (por vencer) o emisión b (vencido)
    Renew {
        /// Id del certificado (CD-2026-000001)
        id: String,
        /// Número de operación del pago (motivo g)
        #[arg(long, value_name = "NÚMERO")]
        payment_operation: Option<String>,
        /// Fecha del pago (AAAA-MM-DD)
        #[arg(long, value_name = "FECHA")]
        payment_date: Option<String>,
        /// Monto pagado (8.10)
        #[arg(long, value_name = "MONTO")]
        payment_amount: Option<String>,
    },
}

#[derive(Serialize)]
struct CancelView {
    on: NaiveDate,
    motive: char,
    reason: &'static str,
    ticket: String,
}

#[derive(Serialize)]
struct OfferView {
    kind: &'static str,
    motive: char,
    paid: bool,
    command: String,
}

#[derive(Serialize)]
pub struct CertView {
    id: String,
    dni: String,
    holder: String,
    email: String,
    status: &'static str,
    approved_on: NaiveDate,
    download_until: NaiveDate,
    download_days_left: Option<i64>,
    installed_on: Option<NaiveDate>,
    expires_on: Option<NaiveDate>,
    days_to_expiry: Option<i64>,
    medium: Option<&'static str>,
    owner: &'static str,
    cancelled: Option<CancelView>,
    tickets: Vec<String>,
    renewal: Option<String>,
    renewal_status: Option<&'static str>,
    offer: Option<OfferView>,
}

fn view(r: &CertRow) -> CertView {
    let c = &r.cert;
    CertView {
        id: c.id.clone(),
        dni: c.dni.clone(),
        holder: c.holder.clone(),
        email: c.email.clone(),
        status: r.status.code(),
        approved_on: c.approved_on,
        download_until: c.download_until(),
        download_days_left: r.download_days_left,
        installed_on: c.installed_on,
        expires_on: c.expires_on,
        days_to_expiry: r.days_to_expiry,
        medium: c.medium.map(|m| m.code()),
        owner: c.owner.code(),
        cancelled: c.cancelled.as_ref().map(|x| CancelView {
            on: x.on,
            motive: x.motive,
            reason: s::revocation_code(x.reason),
            ticket: x.ticket.clone(),
        }),
        tickets: c.tickets.clone(),
        renewal: r.renewal.as_ref().map(|t| t.id.clone()),
        renewal_status: r.renewal.as_ref().map(|t| t.status.code()),
        offer: r.offer.map(|(kind, motive)| OfferView {
            kind: kind.code(),
            motive,
            paid: kind.is_paid(Some(motive)),
            command: s::renew_command(&c.id, kind.is_paid(Some(motive))),
        }),
    }
}

pub fn run(g: &Global, a: CertsArgs) -> anyhow::Result<()> {
    let desk = g.open_desk()?;
    if let Some(CertsCommand::Renew {
        id,
        payment_operation,
        payment_date,
        payment_amount,
    }) = a.command
    {
        let payment = PaymentInput {
            operation: payment_operation,
            date: payment_date,
            amount: payment_amount,
        };
        let t = desk.renew(&id, &g.resolve().actor, &payment)?;
        outln!(
            "{}",
            s::renewed(
                &t.id,
                &strings::kind_and_motive(t.kind, t.motive),
                &id.trim().to_uppercase()
            )
        )?;
        return Ok(());
    }
    let filter = CertFilter {
        dni: a.dni,
        expiring_within: a.expiring,
    };
    let rows = desk.certs(&filter)?;
    super::record_read(
        g,
        &desk,
        rows.iter().map(|r| r.cert.dni.clone()).collect(),
        rows.len(),
    )?;
    if a.json {
        let views: Vec<CertView> = rows.iter().map(view).collect();
        outln!("{}", serde_json::to_string_pretty(&views)?)?;
        return Ok(());
    }
    if let Some(days) = a.expiring {
        outln!("{}", s::expiring_header(days))?;
    }
    if rows.is_empty() {
        outln!("{}", s::no_certs())?;
        return Ok(());
    }
    outln!("{}", s::certs_header())?;
    for r in &rows {
        let c = &r.cert;
        let dash = || "—".to_string();
        outln!(
            "{:<14}  {:<8}  {:<26}  {:<27}  {:<8}  {:<7}  {:<10}  {}",
            c.id,
            c.dni,
            cut(&c.holder, 26),
            s::status_label(r.status),
            c.medium.map(|m| m.code().to_string()).unwrap_or_else(dash),
            c.owner.code(),
            c.approved_on.format("%d/%m/%Y").to_string(),
            c.expires_on
                .map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_else(dash),
        )?;
        for line in s::row_notes(r, EXPIRY_HORIZON_DAYS) {
            outln!("    {line}")?;
        }
    }
    outln!("{}", s::certs_count(rows.len()))?;
    Ok(())
}
