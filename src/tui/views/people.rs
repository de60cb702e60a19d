//! The people directory: the search, the matching people, a person's card
//! (data, certificates, tickets) and the edit form over them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row};

use super::{fit, footer, list, wrap_lines};
use crate::domain::certificate::EXPIRY_HORIZON_DAYS;
use crate::strings;
use crate::strings::registry as reg;
use crate::strings::screens as s;
use crate::tui::action::Command;
use crate::tui::app::App;
use crate::tui::keymap::{self, Scope};
use crate::tui::screens::ScreenCmd;
use crate::tui::theme::Theme;

fn area_of(app: &App) -> Rect {
    Rect::new(0, 0, app.size.0, app.size.1)
}

/// Rows of people on screen.
pub fn page(app: &App) -> usize {
    list::page(app, 0)
}

pub fn card_max_scroll(app: &App) -> u16 {
    let body = list::panes(app, area_of(app), 0).table;
    (card_lines(app, body.width).len() as u16).saturating_sub(body.height)
}

fn wide(area: Rect) -> bool {
    area.width >= 110
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = Theme::of(app);
    let p = &app.screens.people;
    let list::Panes {
        title,
        bar: search,
        table: body,
        footer: foot,
        ..
    } = list::panes(app, area, 0);
    let hints = match (&p.card, p.typing) {
        (_, true) => keymap::footer(Scope::Search, |_| true),
        // On a card: what is about the person, not the list.
        (Some(_), false) => keymap::footer(Scope::People, |c| {
            c != Command::Accept && c != Command::Screen(ScreenCmd::Search)
        }),
        (None, false) => keymap::footer(Scope::People, |_| true),
    };
    match p.card.as_ref().and_then(|c| p.person(&c.dni)) {
        Some(person) => {
            frame.render_widget(
                Paragraph::new(Line::styled(
                    s::card_title(&person.full_name, &person.dni),
                    t.title(),
                )),
                title,
            );
            let scroll = p.card.as_ref().map(|c| c.scroll).unwrap_or(0);
            let mut lines = card_lines(app, body.width);
            lines.drain(..(scroll as usize).min(lines.len()));
            frame.render_widget(Paragraph::new(lines), body);
        }
        None => {
            frame.render_widget(
                Paragraph::new(Line::styled(s::people_title(p.people.len()), t.title())),
                title,
            );
            frame.render_widget(Paragraph::new(search_line(app)), search);
            draw_table(app, frame, body, wide(area));
        }
    }
    frame.render_widget(
        Paragraph::new(footer(app, Vec::new(), &hints, area.width))
            .wrap(ratatui::widgets::Wrap { trim: false }),
        foot,
    );
    if let Some((_, form)) = &p.form {
        super::line_form::draw(app, frame, area, form);
    }
}

fn search_line(app: &App) -> Line<'static> {
    let t = Theme::of(app);
    let p = &app.screens.people;
    if !p.typing && p.search.is_empty() {
        return Line::styled(s::search_hint().to_string(), t.dim());
    }
    let cursor = if p.typing { "█" } else { "" };
    Line::from(vec![
        Span::styled(s::search_label().to_string(), t.title()),
        Span::raw(format!("/{}{cursor}", p.search)),
        Span::styled(
            format!(" · {}", s::shown_of(p.visible.len(), p.people.len())),
            t.dim(),
        ),
    ])
}

fn draw_table(app: &App, frame: &mut Frame, area: Rect, wide: bool) {
    let t = Theme::of(app);
    let p = &app.screens.people;
    if !p.loaded {
        frame.render_widget(Paragraph::new(strings::tui::loading()).style(t.dim()), area);
        return;
    }
    if p.people.is_empty() {
        frame.render_widget(Paragraph::new(s::no_people_loaded()).style(t.dim()), area);
        return;
    }
    if p.visible.is_empty() {
        frame.render_widget(Paragraph::new(reg::no_people()).style(t.dim()), area);
        return;
    }
    let h = s::people_columns();
    let mut header = vec![h.dni, h.name, h.job_title];
    let mut widths = vec![
        Constraint::Length(8),
        Constraint::Fill(1),
        Constraint::Length(if wide { 26 } else { 22 }),
    ];
    if wide {
        header.push(h.unit);
        widths.push(Constraint::Length(26));
    }
    header.push(h.email);
    widths.push(Constraint::Length(if wide { 32 } else { 24 }));
    let cols = super::fit::column_widths(&widths, 1, area.width);
    let name_width = cols.get(1).copied().unwrap_or(0);
    let rows: Vec<Row> = p.visible[list::window(p.cursor, p.visible.len(), area)]
        .iter()
        .map(|i| {
            let x = &p.people[*i];
            let mut cells = vec![
                Cell::from(x.dni.clone()),
                Cell::from(super::fit::fit(&x.full_name, name_width)),
                Cell::from(fit(&x.job_title, if wide { 26 } else { 22 })),
            ];
            if wide {
                cells.push(Cell::from(fit(&x.unit, 26)));
            }
            cells.push(Cell::from(fit(&x.email, if wide { 32 } else { 24 })));
            Row::new(cells)
        })
        .collect();
    list::table(app, frame, area, header, widths, rows, p.cursor);
}

/// The card's body: the person's data, certificates and tickets.
fn card_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let t = Theme::of(app);
    let p = &app.screens.people;
    let Some(card) = &p.card else {
        return Vec::new();
    };
    let Some(person) = p.person(&card.dni) else {
        return Vec::new();
    };
    let kv = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("  {label}: "), t.dim()),
            Span::raw(value),
        ])
    };
    use crate::domain::person::PersonField as F;
    let label = strings::people::field_label;
    let mut out = vec![
        kv(label(F::Email), person.email.clone()),
        kv(label(F::JobTitle), person.job_title.clone()),
        kv(label(F::Unit), person.unit.clone()),
        kv(label(F::Dependency), person.dependency.clone()),
        kv(
            s::started_label(),
            person.started_on.format("%d/%m/%Y").to_string(),
        ),
        Line::raw(""),
    ];
    let Some(d) = &card.details else {
        out.push(Line::styled(strings::tui::loading().to_string(), t.dim()));
        return wrap_lines(out, width);
    };
    out.push(Line::styled(s::certs_heading(d.certs.len()), t.title()));
    if d.certs.is_empty() {
        out.push(Line::styled(format!("  {}", s::none_yet()), t.dim()));
    }
    for r in &d.certs {
        out.push(Line::raw(format!("  {}", s::cert_summary(r))));
        for note in reg::row_notes_with(r, EXPIRY_HORIZON_DAYS, s::renew_elsewhere) {
            out.push(Line::styled(format!("      {note}"), t.dim()));
        }
    }
    out.push(Line::raw(""));
    out.push(Line::styled(s::tickets_heading(d.tickets.len()), t.title()));
    if d.tickets.is_empty() {
        out.push(Line::styled(format!("  {}", s::none_yet()), t.dim()));
    }
    let tz = app.rules.timezone;
    for tk in &d.tickets {
        out.push(Line::raw(format!(
            "  {}  {:<15} {:<12} {}",
            tk.id,
            strings::kind_and_motive(tk.kind, tk.motive),
            strings::status_label(tk.status),
            s::registered_on(
                &tk.registered_at
                    .with_timezone(&tz)
                    .format("%d/%m/%Y")
                    .to_string()
            ),
        )));
    }
    wrap_lines(out, width)
}
