//! `mesa dispatch-date --now T [--expires DATE]`: the calendar alone.

use chrono::{DateTime, NaiveDate, Utc};
use clap::Args;

use super::Global;
use super::view::{dispatch_why, local, moment};

#[derive(Debug, Args)]
pub struct DispatchDateArgs {
    /// Momento de registro y programación (RFC 3339, p. ej. 2026-11-23T09:00:00-05:00)
    #[arg(long, value_name = "MOMENTO", value_parser = parse_moment)]
    now: DateTime<Utc>,
    /// Vencimiento del certificado actual (AAAA-MM-DD), si se conoce
    #[arg(long, value_name = "FECHA")]
    expires: Option<NaiveDate>,
    /// DNI del titular: sin --expires, el vencimiento que conoce el registro de certificados
    #[arg(long, value_name = "DNI")]
    dni: Option<String>,
    /// Salida en JSON
    #[arg(long)]
    json: bool,
}

fn parse_moment(s: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            crate::strings::rule_text(&crate::domain::Rule::TimestampMalformed { given: s.into() })
        })
}

pub fn run(g: &Global, a: DispatchDateArgs) -> anyhow::Result<()> {
    use crate::domain::calendar::{ExpirySource, KnownExpiry};
    let config = g.load_config()?;
    let rules = &config.dispatch;
    let known = match (a.expires, &a.dni) {
        (Some(on), _) => Some(KnownExpiry {
            on,
            source: ExpirySource::Request,
        }),
        (None, Some(dni)) => {
            let desk = g.open_desk()?;
            let certs = desk.store.certificates_of(dni.trim())?;
            crate::domain::certificate::registry_expiry(&certs).map(|on| KnownExpiry {
                on,
                source: ExpirySource::Registry,
            })
        }
        (None, None) => None,
    };
    let d = rules.dispatch_known(a.now, a.now, known);
    if a.json {
        outln!(
            "{}",
            serde_json::json!({ "dispatch_at": local(d.dispatch.at, rules.timezone), "moved": d.dispatch.moved(), "reason": d.reason })
        )?;
    } else {
        outln!(
            "{} — {}",
            moment(d.dispatch.at, rules.timezone),
            dispatch_why(&d.reason, &d.dispatch, rules)
        )?;
    }
    Ok(())
}
