//! The ticket screen: every field, each applicant's checks with reasons,
//! receipt, attachments, the dispatch moment and why, and the full history.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{footer, wrap_lines};
use crate::cli::view::{dispatch_why, moment};
use crate::domain::lifecycle::legal_moves;
use crate::domain::{Move, Status};
use crate::strings;
use crate::strings::tui as s;
use crate::tui::action::Command;
use crate::tui::app::App;
use crate::tui::keymap::{self, Scope};
use crate::tui::theme::Theme;

fn kv(t: &Theme, label: &str, value: String) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("  {label}: "), t.dim()),
        Span::raw(value),
    ])
}

/// The body of the screen, before wrapping.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let t = Theme::of(app);
    let Some(d) = &app.detail else {
        return Vec::new();
    };
    let Some(loaded) = &d.loaded else {
        return vec![Line::styled(s::loading().to_string(), t.dim())];
    };
    let tk = &loaded.ticket;
    let tz = app.rules.timezone;
    let l = strings::cli::labels();
    let mut out = Vec::new();
    if let Some(m) = tk.motive {
        out.push(kv(
            &t,
            l.motive,
            strings::motive_label(tk.kind, m).to_string(),
        ));
    }
    out.push(kv(
        &t,
        l.registered,
        format!("{} ({})", moment(tk.registered_at, tz), tk.registered_by),
    ));
    out.push(kv(&t, s::updated_label(), moment(tk.updated_at, tz)));
    out.push(kv(
        &t,
        l.assignee,
        tk.assignee
            .as_deref()
            .map(|a| {
                let since = tk.taken_at.map(|at| moment(at, tz));
                crate::strings::team::owner_since(a, since.as_deref())
            })
            .unwrap_or_else(|| "—".into()),
    ));
    if let Some(c) = &tk.certificate {
        out.push(kv(&t, l.certificate, c.clone()));
    }
    if !tk.observations.is_empty() {
        out.push(Line::styled(format!("  {}:", l.observations), t.dim()));
        for o in &tk.observations {
            out.push(Line::from(format!("    - {o}")));
        }
    }
    match &tk.dispatch {
        Some(dd) => out.push(kv(
            &t,
            l.dispatch,
            format!(
                "{} — {}",
                moment(dd.dispatch.at, tz),
                dispatch_why(&dd.reason, &dd.dispatch, &app.rules)
            ),
        )),
        None if tk.kind.is_batched() && !tk.status.is_final() => {
            let dd = app
                .rules
                .dispatch_for(tk.registered_at, app.now, tk.cert_expires_on());
            out.push(kv(
                &t,
                l.dispatch_if_now,
                format!(
                    "{} — {}",
                    moment(dd.dispatch.at, tz),
                    dispatch_why(&dd.reason, &dd.dispatch, &app.rules)
                ),
            ));
        }
        None => {}
    }
    let today = app.now.with_timezone(&tz).date_naive();
    let checks = tk.checks(today, &app.validation);
    for (i, (a, checks)) in tk.applicants.iter().zip(&checks).enumerate() {
        out.push(Line::from(""));
        out.push(Line::styled(
            format!("  {} {}: {}", l.applicant, i + 1, a.full_name),
            t.title(),
        ));
        out.push(kv(&t, s::dni_label(), a.dni.clone()));
        out.push(kv(&t, s::email_label(), a.email.clone()));
        if let Some(date) = a.dni_issued_on {
            out.push(kv(&t, l.dni_issued, date.format("%d/%m/%Y").to_string()));
        }
        if let Some(e) = a.cert_expires_on {
            out.push(kv(&t, l.cert_expires, e.format("%d/%m/%Y").to_string()));
        }
        for (label, att) in [(l.photo, &a.photo), (l.signature, &a.signature)] {
            if let Some(att) = att {
                let px = att
                    .image
                    .map(|i| format!("{}×{} {}", i.width, i.height, i.format.extension()))
                    .unwrap_or_else(|| s::not_an_image().into());
                out.push(kv(
                    &t,
                    label,
                    format!("{} · {} · {px}", att.file_name, s::bytes(att.bytes)),
                ));
            }
        }
        if let Some(op) = &a.payment_operation {
            let text = match loaded.receipts.iter().find(|r| &r.receipt.operation == op) {
                Some(r) => s::receipt(
                    &r.receipt.operation,
                    r.receipt.paid_on,
                    r.receipt.amount_cents,
                    &r.receipt.tribute_code,
                    &r.receipt.ruc,
                ),
                None => s::receipt_missing(op),
            };
            out.push(kv(&t, l.payment, text));
        }
        for c in crate::domain::applicant::shown_checks(checks, a, tk.kind, tk.motive) {
            let (mark, style) = if c.passed() {
                (s::check_pass(), t.ok())
            } else {
                (s::check_fail(), t.fail())
            };
            let detail: Vec<String> = c
                .problems
                .iter()
                .map(|p| strings::rule_text(&p.rule))
                .collect();
            let mut spans = vec![
                Span::raw("    "),
                Span::styled(mark.to_string(), style),
                Span::raw(format!(" {}", strings::cli::check_label(c.check))),
            ];
            if !detail.is_empty() {
                spans.push(Span::styled(format!(": {}", detail.join("; ")), style));
            }
            out.push(Line::from(spans));
        }
    }
    out.push(Line::from(""));
    out.push(Line::styled(format!("  {}", l.history), t.title()));
    for h in &loaded.history {
        let from = h.from.map(strings::status_label).unwrap_or("—");
        let why = if h.reasons.is_empty() {
            String::new()
        } else {
            format!(" — {}", h.reasons.join("; "))
        };
        out.push(Line::from(format!(
            "    {} · {} · {} → {}{}",
            moment(h.at, tz),
            h.by,
            from,
            strings::status_label(h.to),
            why
        )));
        for c in &h.changes {
            out.push(Line::styled(
                format!("        {}", strings::correction::change_line(c)),
                t.dim(),
            ));
        }
    }
    out
}

/// The text's part of the body: the width less the picture panel's.
fn body_area(app: &App, area: Rect) -> Rect {
    let foot = super::footer_height(app, area.width);
    let panel = super::photo::width(app, area.width);
    Rect::new(
        area.x,
        area.y + 1,
        area.width - panel,
        area.height.saturating_sub(1 + foot),
    )
}

/// How far the body can scroll at this size.
pub fn max_scroll(app: &App, area: Rect) -> u16 {
    let body = body_area(app, area);
    let n = wrap_lines(lines(app), body.width).len() as u16;
    n.saturating_sub(body.height)
}

fn command_of(m: Move) -> Option<Command> {
    Some(match m {
        Move::Take => Command::Take,
        Move::Observe => Command::Observe,
        Move::Schedule => Command::Schedule,
        Move::Withdraw => Command::Withdraw,
        Move::Close => Command::Close,
        Move::Correct => Command::Screen(crate::tui::screens::ScreenCmd::Correct),
        _ => return None,
    })
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = Theme::of(app);
    let Some(d) = &app.detail else {
        return;
    };
    let (kind, status, urgent) = match (&d.loaded, app.queue.get(&d.id)) {
        (Some(l), _) => (
            Some(strings::kind_and_motive(l.ticket.kind, l.ticket.motive)),
            Some(l.ticket.status),
            l.ticket.is_urgent(),
        ),
        (None, Some(r)) => (
            Some(strings::kind_and_motive(r.kind, r.motive)),
            Some(r.status),
            r.urgent,
        ),
        _ => (None, None, false),
    };
    let mut title = vec![Span::styled(d.id.clone(), t.title())];
    if let Some(k) = kind {
        title.push(Span::raw(format!(" · {k}")));
    }
    if let Some(st) = status {
        title.push(Span::styled(
            format!("  [{}]", strings::status_label(st)),
            t.focus(),
        ));
    }
    if urgent {
        // The whole warning where it fits, else its first words: never a
        // sentence cut at the edge.
        let used: usize = title.iter().map(|s| s.width()).sum();
        let banner = [s::urgent_banner(), crate::strings::look::urgent_short()]
            .into_iter()
            .find(|b| {
                used + 2 + unicode_width::UnicodeWidthStr::width(*b) <= usize::from(area.width)
            })
            .unwrap_or("");
        if !banner.is_empty() {
            title.push(Span::styled(format!("  {banner}"), t.urgent()));
        }
    }
    frame.render_widget(
        Paragraph::new(Line::from(title)),
        Rect::new(area.x, area.y, area.width, 1),
    );
    let body = body_area(app, area);
    let scroll = d.scroll.min(max_scroll(app, area));
    frame.render_widget(
        Paragraph::new(wrap_lines(lines(app), body.width)).scroll((scroll, 0)),
        body,
    );
    let panel = super::photo::width(app, area.width);
    if panel > 0 {
        super::photo::draw(
            app,
            frame,
            Rect::new(body.x + body.width, body.y, panel, body.height),
        );
    }
    let kind_status = d
        .loaded
        .as_ref()
        .map(|l| (l.ticket.kind, l.ticket.status))
        .or_else(|| app.queue.get(&d.id).map(|r| (r.kind, r.status)));
    // A sealed batch's ticket is not offered for correction.
    let sealed = d.loaded.as_ref().is_some_and(|l| l.ticket.batch.is_some());
    let legal: Vec<Command> = kind_status
        .map(|(k, st): (_, Status)| legal_moves(k, st))
        .unwrap_or_default()
        .into_iter()
        .filter(|m| !(sealed && *m == Move::Correct))
        .filter_map(command_of)
        .collect();
    let pictures = d
        .loaded
        .as_ref()
        .is_some_and(|l| !crate::tui::photo::attachments(&l.ticket).is_empty());
    let hints = keymap::footer(Scope::Ticket, |c| {
        legal.contains(&c) || (c == Command::ViewPhoto && pictures)
    });
    let foot = super::footer_height(app, area.width);
    frame.render_widget(
        Paragraph::new(footer(app, Vec::new(), &hints, area.width))
            .wrap(ratatui::widgets::Wrap { trim: false }),
        Rect::new(area.x, area.y + area.height - foot, area.width, foot),
    );
}
