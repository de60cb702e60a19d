//! `mesa list` and `mesa show`.

use chrono::NaiveDate;
use clap::Args;

use super::Global;
use super::view::{self, history_view, moment, ticket_view};
use crate::domain::{Kind, Query, Status};
use crate::strings;

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Estado: nuevo, en_atencion, observado, programado, enviado, aprobado, rechazado, cerrado, anulado
    #[arg(long, value_parser = parse_status, value_name = "ESTADO")]
    status: Vec<Status>,
    /// Trámite: emision, reemision, instalacion, cancelacion
    #[arg(long, value_parser = parse_kind, value_name = "TRÁMITE")]
    kind: Option<Kind>,
    /// Día de envío a RENIEC (AAAA-MM-DD)
    #[arg(long, value_name = "FECHA")]
    dispatch: Option<NaiveDate>,
    /// Texto a buscar en id, nombre, DNI o correo
    #[arg(long, value_name = "TEXTO")]
    search: Option<String>,
    /// Solo cancelaciones urgentes (posible compromiso de la clave)
    #[arg(long)]
    urgent: bool,
    /// Como mucho N tickets (los primeros en orden de llegada)
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Salida en JSON
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Id del ticket (T-2026-000123)
    id: String,
    /// Salida en JSON
    #[arg(long)]
    json: bool,
}

pub fn parse_status(s: &str) -> Result<Status, String> {
    Status::from_code(s).ok_or_else(|| strings::cli::unknown_status(s))
}

pub fn parse_kind(s: &str) -> Result<Kind, String> {
    Kind::from_code(s)
        .ok_or_else(|| strings::rule_text(&crate::domain::Rule::KindUnknown { given: s.into() }))
}

pub fn run(g: &Global, a: ListArgs) -> anyhow::Result<()> {
    if let Some(text) = &a.search {
        use crate::domain::free_text;
        free_text::check(text, free_text::SEARCH_MAX)
            .map_err(|why| anyhow::anyhow!(strings::hostile::search_refused(&why)))?;
    }
    let desk = g.open_desk()?;
    let q = Query {
        statuses: a.status,
        kind: a.kind,
        dispatch_on: a.dispatch,
        text: a.search.unwrap_or_default(),
        urgent_only: a.urgent,
    };
    let limit = a.limit.unwrap_or(usize::MAX);
    // An index answers narrow questions with a few records; anything else
    // is found in the compact queue rows, and only what is shown is decoded,
    // one ticket at a time as it is printed.
    let found: Box<dyn Iterator<Item = crate::store::Result<crate::domain::Ticket>>>;
    let count;
    if desk.indexed(&q) {
        let mut tickets = desk.list(&q)?;
        tickets.truncate(limit);
        super::record_read(
            g,
            &desk,
            tickets
                .iter()
                .flat_map(crate::domain::audit::dnis_of)
                .collect(),
            tickets.len(),
        )?;
        count = tickets.len();
        found = Box::new(tickets.into_iter().map(Ok));
    } else {
        let mut rows = desk.find_rows(&q)?;
        rows.truncate(limit);
        // Recorded before anything is shown: every applicant's DNI, from
        // the rows' search text.
        super::record_read(
            g,
            &desk,
            rows.iter().flat_map(|r| r.dnis()).collect(),
            rows.len(),
        )?;
        count = rows.len();
        let desk = &desk;
        found = Box::new(rows.into_iter().map(move |r| desk.ticket(&r.id)));
    }
    let rules = &desk.config.dispatch;
    if a.json {
        // The same bytes as one pretty array, written as each ticket is read.
        if count == 0 {
            outln!("[]")?;
            return Ok(());
        }
        outln!("[")?;
        for (i, t) in found.enumerate() {
            let item = serde_json::to_string_pretty(&ticket_view(&t?, rules))?;
            let comma = if i + 1 < count { "," } else { "" };
            outln!("  {}{comma}", item.replace('\n', "\n  "))?;
        }
        outln!("]")?;
        return Ok(());
    }
    if count == 0 {
        outln!("{}", strings::cli::no_tickets())?;
        return Ok(());
    }
    outln!("{}", strings::cli::list_header())?;
    for t in found {
        let t = &t?;
        let first = t.applicants.first();
        let more = if t.applicants.len() > 1 {
            format!(" +{}", t.applicants.len() - 1)
        } else {
            String::new()
        };
        outln!(
            "{:<14} {:<16} {:<15} {:<12} {:<28} {:<8} {}{}",
            t.id,
            t.registered_at
                .with_timezone(&rules.timezone)
                .format("%d/%m/%Y %H:%M")
                .to_string(),
            strings::kind_and_motive(t.kind, t.motive),
            strings::status_label(t.status),
            first
                .map(|a| truncate(&a.full_name, 28))
                .unwrap_or_default()
                + &more,
            first.map(|a| a.dni.as_str()).unwrap_or(""),
            t.dispatch
                .map(|d| moment(d.dispatch.at, rules.timezone))
                .unwrap_or_default(),
            if t.is_urgent() {
                strings::cli::urgent_mark()
            } else {
                ""
            },
        )?;
    }
    outln!("{}", strings::cli::count(count))?;
    Ok(())
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars().take(max - 1).collect::<String>() + "…"
    }
}

pub fn show(g: &Global, a: ShowArgs) -> anyhow::Result<()> {
    let desk = g.open_desk()?;
    let t = desk.ticket(&a.id)?;
    let history = desk.history(&a.id)?;
    let rules = &desk.config.dispatch;
    let now = desk.now();
    let today = desk.today_at(now);
    if a.json {
        #[derive(serde::Serialize)]
        struct Full<'a> {
            #[serde(flatten)]
            ticket: view::TicketView<'a>,
            checks: Vec<Vec<crate::domain::applicant::CheckResult>>,
            history: Vec<view::HistoryView<'a>>,
        }
        let full = Full {
            ticket: ticket_view(&t, rules),
            checks: t.checks(today, &desk.config.validation),
            history: history
                .iter()
                .map(|h| history_view(h, rules.timezone))
                .collect(),
        };
        outln!("{}", serde_json::to_string_pretty(&full)?)?;
        return Ok(());
    }
    let l = strings::cli::labels();
    outln!(
        "{} {}  [{}]{}",
        t.id,
        strings::kind_and_motive(t.kind, t.motive),
        strings::status_label(t.status),
        if t.is_urgent() {
            strings::cli::urgent_mark()
        } else {
            ""
        }
    )?;
    if let Some(m) = t.motive {
        outln!("  {}: {}", l.motive, strings::motive_label(t.kind, m))?;
    }
    outln!(
        "  {}: {} ({})",
        l.registered,
        moment(t.registered_at, rules.timezone),
        t.registered_by
    )?;
    if let Some(who) = &t.assignee {
        match t.taken_at {
            Some(at) => outln!(
                "  {}: {who} {}",
                l.assignee,
                strings::team::since(&moment(at, rules.timezone))
            )?,
            None => outln!("  {}: {who}", l.assignee)?,
        }
    }
    outln!("{}", strings::team::version_line(t.version))?;
    if let Some(c) = &t.certificate {
        outln!("  {}: {c}", l.certificate)?;
    }
    if !t.observations.is_empty() {
        outln!("  {}:", l.observations)?;
        for o in &t.observations {
            outln!("    - {o}")?;
        }
    }
    match &t.dispatch {
        Some(d) => outln!(
            "  {}: {} — {}",
            l.dispatch,
            moment(d.dispatch.at, rules.timezone),
            view::dispatch_why(&d.reason, &d.dispatch, rules)
        )?,
        None if t.kind.is_batched() && !t.status.is_final() => {
            let d = desk.dispatch_for(&t, now);
            outln!(
                "  {}: {} — {}",
                l.dispatch_if_now,
                moment(d.dispatch.at, rules.timezone),
                view::dispatch_why(&d.reason, &d.dispatch, rules)
            )?;
        }
        None => {}
    }
    let checks = t.checks(today, &desk.config.validation);
    for (i, (a, checks)) in t.applicants.iter().zip(&checks).enumerate() {
        outln!(
            "  {} {}: {} · DNI {} · {}",
            l.applicant,
            i + 1,
            a.full_name,
            a.dni,
            a.email
        )?;
        if let Some(date) = a.dni_issued_on {
            outln!("    {}: {}", l.dni_issued, date.format("%d/%m/%Y"))?;
        }
        if let Some(e) = a.cert_expires_on {
            outln!("    {}: {}", l.cert_expires, e.format("%d/%m/%Y"))?;
        }
        for (label, att) in [(l.photo, &a.photo), (l.signature, &a.signature)] {
            if let Some(att) = att {
                let px = att
                    .image
                    .map(|i| format!("{}×{} {}", i.width, i.height, i.format.extension()))
                    .unwrap_or_else(|| "?".into());
                outln!(
                    "    {label}: {} · {} bytes · {px} · {}",
                    att.file_name,
                    att.bytes,
                    &att.sha256[..12]
                )?;
            }
        }
        if let Some(op) = &a.payment_operation {
            match desk.receipt(op)? {
                Some(r) => outln!(
                    "    {}: op. {} · {} · S/ {}.{:02} · tributo {} · RUC {}",
                    l.payment,
                    r.receipt.operation,
                    r.receipt.paid_on.format("%d/%m/%Y"),
                    r.receipt.amount_cents / 100,
                    r.receipt.amount_cents % 100,
                    r.receipt.tribute_code,
                    r.receipt.ruc
                )?,
                None => outln!("    {}: op. {op}", l.payment)?,
            }
        }
        for c in crate::domain::applicant::shown_checks(checks, a, t.kind, t.motive) {
            let mark = if c.passed() { "✔" } else { "✘" };
            let detail: Vec<String> = c
                .problems
                .iter()
                .map(|p| strings::rule_text(&p.rule))
                .collect();
            outln!(
                "    {mark} {}{}",
                strings::cli::check_label(c.check),
                if detail.is_empty() {
                    String::new()
                } else {
                    format!(": {}", detail.join("; "))
                }
            )?;
        }
    }
    outln!("  {}:", l.history)?;
    for h in &history {
        let from = h.from.map(strings::status_label).unwrap_or("—");
        let why = if h.reasons.is_empty() {
            String::new()
        } else {
            format!(" — {}", h.reasons.join("; "))
        };
        outln!(
            "    {} {} {} → {}{}",
            moment(h.at, rules.timezone),
            h.by,
            from,
            strings::status_label(h.to),
            why
        )?;
        if !h.changes.is_empty() {
            outln!("      {}:", strings::correction::history_mark())?;
            for c in &h.changes {
                outln!("        {}", strings::correction::change_line(c))?;
            }
        }
    }
    Ok(())
}
