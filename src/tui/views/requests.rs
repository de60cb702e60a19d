//! The other families' requests: a title with the tab and the overdue
//! count, the tabs, the rows (overdue ones marked «!» and styled as
//! errors), or the chosen request's chain; the step form over it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{footer, footer_height};
use crate::strings;
use crate::strings::families as s;
use crate::tui::app::App;
use crate::tui::keymap::{self, Scope};
use crate::tui::theme::Theme;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = Theme::of(app);
    let r = &app.screens.requests;
    let foot = footer_height(app, area.width);
    let body_h = area.height.saturating_sub(foot);
    let body = Rect::new(area.x, area.y, area.width, body_h);
    let mut lines: Vec<Line> = Vec::new();
    lines.push(Line::styled(
        s::screen_title(&r.tab_name(r.tab), r.visible.len(), r.overdue()),
        t.title(),
    ));
    // The tabs: «Todas» and one per family, the chosen one marked.
    let mut tabs: Vec<Span> = Vec::new();
    for i in 0..=r.families.len() {
        let name = r.tab_name(i);
        if i == r.tab {
            tabs.push(Span::styled(format!("[{name}]"), t.cursor()));
        } else {
            tabs.push(Span::raw(format!(" {name} ")));
        }
        tabs.push(Span::raw(" "));
    }
    lines.push(Line::from(tabs));
    lines.push(Line::raw(""));
    if !r.loaded {
        lines.push(Line::styled(strings::tui::loading().to_string(), t.dim()));
    } else if r.open
        && let Some(row) = r.current()
    {
        for l in &row.detail {
            let style = if l.trim_start().starts_with('●') && row.overdue {
                t.error()
            } else {
                ratatui::style::Style::default()
            };
            lines.push(Line::styled(l.clone(), style));
        }
    } else if r.visible.is_empty() {
        lines.push(Line::styled(s::none_yet().to_string(), t.dim()));
    } else {
        let room = body_h.saturating_sub(3) as usize;
        for (pos, i) in r
            .visible
            .iter()
            .enumerate()
            .skip(r.cursor.offset)
            .take(room)
        {
            let row = &r.rows[*i];
            let text = format!("{}{}", if pos == r.cursor.at { "›" } else { " " }, row.line);
            lines.push(if pos == r.cursor.at {
                Line::styled(text, t.cursor())
            } else if row.overdue {
                Line::styled(text, t.error())
            } else {
                Line::raw(text)
            });
        }
    }
    frame.render_widget(Paragraph::new(lines), body);
    let hint = footer(
        app,
        Vec::new(),
        &keymap::footer(Scope::Requests, |_| true),
        area.width,
    );
    frame.render_widget(
        Paragraph::new(hint).wrap(ratatui::widgets::Wrap { trim: false }),
        Rect::new(area.x, area.y + body_h, area.width, foot),
    );
    if let Some((_, form)) = &r.form {
        super::line_form::draw(app, frame, area, form);
    }
}
