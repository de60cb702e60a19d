//! `mesa report [--from D --to D] [--csv]`.

use chrono::NaiveDate;
use clap::Args;

use super::Global;
use crate::domain::report::{Median, Report};
use crate::strings;
use crate::strings::registry as s;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Desde (AAAA-MM-DD, incluido): día de registro de los tickets
    #[arg(long, value_name = "FECHA")]
    from: Option<NaiveDate>,
    /// Hasta (AAAA-MM-DD, incluido)
    #[arg(long, value_name = "FECHA")]
    to: Option<NaiveDate>,
    /// Salida CSV (section,key,kind,motive,status,value)
    #[arg(long)]
    csv: bool,
}

pub fn run(g: &Global, a: ReportArgs) -> anyhow::Result<()> {
    if let (Some(f), Some(t)) = (a.from, a.to)
        && f > t
    {
        anyhow::bail!(s::report_range(f, t));
    }
    let desk = g.open_desk()?;
    let r = desk.report(a.from, a.to)?;
    if a.csv {
        out!("{}", csv(&r)?)?;
    } else {
        out!("{}", text(&r))?;
    }
    Ok(())
}

fn days(m: &Median) -> String {
    m.days.map(|d| format!("{d}")).unwrap_or_default()
}

pub fn csv(r: &Report) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["section", "key", "kind", "motive", "status", "value"])?;
    for row in &r.tickets_per_week {
        w.write_record([
            "tickets_per_week".to_string(),
            row.week.to_string(),
            row.kind.code().to_string(),
            row.motive.map(String::from).unwrap_or_default(),
            row.status.code().to_string(),
            row.count.to_string(),
        ])?;
    }
    for (key, m) in [
        ("registration_to_dispatch", &r.to_dispatch),
        ("registration_to_approval", &r.to_approval),
        ("registration_to_installation", &r.to_installation),
    ] {
        w.write_record(["median_days", key, "", "", "", &days(m)])?;
        w.write_record(["measured", key, "", "", "", &m.n.to_string()])?;
    }
    for m in &r.expiring_per_month {
        w.write_record([
            "certificates_expiring",
            &m.month,
            "",
            "",
            "",
            &m.count.to_string(),
        ])?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

pub fn text(r: &Report) -> String {
    let mut out = format!(
        "{}\n\n{}\n",
        s::report_title(r.from, r.to),
        s::report_weekly()
    );
    if r.tickets_per_week.is_empty() {
        out += &format!("  {}\n", strings::cli::no_tickets());
    }
    for row in &r.tickets_per_week {
        out += &format!(
            "  {}  {:<16} {:<12} {:>4}\n",
            s::week_of(row.week),
            strings::kind_and_motive(row.kind, row.motive),
            strings::status_label(row.status),
            row.count
        );
    }
    out += &format!("\n{}\n", s::report_medians());
    for (label, m) in [
        (s::to_dispatch(), &r.to_dispatch),
        (s::to_approval(), &r.to_approval),
        (s::to_installation(), &r.to_installation),
    ] {
        out += &format!("  {label:<28} {}\n", s::median_line(m.days, m.n));
    }
    out += &format!("\n{}\n", s::report_expiring());
    if r.expiring_per_month.is_empty() {
        out += &format!("  {}\n", s::none());
    }
    for m in &r.expiring_per_month {
        out += &format!("  {}  {:>4}\n", s::month(&m.month), m.count);
    }
    out
}
