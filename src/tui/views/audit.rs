//! The audit screen: the chain's state on top (or the first broken entry),
//! then the entries, newest first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

use super::{fit, footer};
use crate::strings::trust::action_label;
use crate::strings::tui_trust as s;
use crate::tui::app::App;
use crate::tui::keymap::{self, Scope};
use crate::tui::theme::Theme;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = Theme::of(app);
    let Some(a) = &app.audit else {
        return;
    };
    let tz = app.rules.timezone;
    let foot_h = super::footer_height(app, area.width);
    // The highlighted entry in full, under the table: the table's columns
    // cut long details at 80 columns.
    let detail_h = 2;
    let head = Rect::new(area.x, area.y, area.width, 3.min(area.height));
    let body = Rect::new(
        area.x,
        area.y + head.height,
        area.width,
        area.height.saturating_sub(head.height + detail_h + foot_h),
    );
    let detail = Rect::new(area.x, body.y + body.height, area.width, detail_h);
    let foot = Rect::new(area.x, detail.y + detail.height, area.width, foot_h);

    let mut top = vec![Line::styled(s::audit_title().to_string(), t.title())];
    match &a.page {
        None => top.push(Line::styled(
            crate::strings::tui::loading().to_string(),
            t.dim(),
        )),
        Some(p) => {
            top.push(match &p.verified {
                Ok((n, hash)) => Line::styled(s::verified(*n, hash), t.ok()),
                Err(broken) => Line::styled(fit(broken, area.width as usize), t.fail()),
            });
            top.push(match (&a.typing, &p.dni) {
                (Some(text), _) => Line::from(vec![
                    Span::styled(s::dni_prompt(), t.key()),
                    Span::raw(text.clone()),
                    Span::styled("_", t.dim()),
                ]),
                (None, Some(d)) => Line::styled(s::about(d, p.entries.len()), t.dim()),
                (None, None) => Line::styled(s::latest(p.entries.len()), t.dim()),
            });
        }
    }
    frame.render_widget(Paragraph::new(top), head);

    let entries = a.page.as_ref().map(|p| p.entries.as_slice()).unwrap_or(&[]);
    if entries.is_empty() && a.page.is_some() {
        frame.render_widget(Paragraph::new(s::no_entries()), body);
    } else {
        let h = s::headers();
        let header = Row::new(h.iter().map(|x| Cell::from(*x))).style(t.header());
        let widths = [
            Constraint::Length(5),
            Constraint::Length(14),
            Constraint::Length(11),
            Constraint::Length(16),
            Constraint::Length(14),
            Constraint::Min(10),
        ];
        // Each text fitted to its column: a cut one ends with «…».
        let cols = super::fit::column_widths(&widths, 1, body.width);
        let cell = |i: usize, text: String| {
            Cell::from(super::fit::fit(&text, cols.get(i).copied().unwrap_or(0)))
        };
        let rows = entries.iter().map(|e| {
            Row::new(vec![
                cell(0, e.seq.to_string()),
                cell(
                    1,
                    e.at.with_timezone(&tz).format("%d/%m/%y %H:%M").to_string(),
                ),
                cell(2, e.by.clone()),
                cell(3, action_label(&e.action).to_string()),
                cell(4, e.subject.clone()),
                cell(5, e.detail.clone()),
            ])
        });
        let table = Table::new(rows, widths)
            .header(header)
            .row_highlight_style(t.cursor());
        let mut state = TableState::default()
            .with_selected(Some(a.cursor))
            .with_offset(a.offset);
        frame.render_stateful_widget(table, body, &mut state);
    }
    if let Some(e) = entries.get(a.cursor) {
        let line = Line::from(vec![
            Span::styled(format!("#{} ", e.seq), t.key()),
            Span::raw(s::entry_line(e)),
        ]);
        frame.render_widget(
            Paragraph::new(super::wrap_lines(vec![line], area.width)),
            detail,
        );
    }
    let scope = if a.typing.is_some() {
        Scope::AuditFilter
    } else {
        Scope::Audit
    };
    let hints = keymap::footer(scope, |_| true);
    frame.render_widget(
        Paragraph::new(footer(app, Vec::new(), &hints, area.width))
            .wrap(ratatui::widgets::Wrap { trim: false }),
        foot,
    );
}
