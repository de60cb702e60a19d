//! The report: `mesa report`'s text for the range, headings styled,
//! scrolled with the arrows; the range form over it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{footer, footer_height};
use crate::strings;
use crate::strings::screens as s;
use crate::tui::app::App;
use crate::tui::keymap::{self, Scope};
use crate::tui::theme::Theme;

/// The body's rectangle and the footer's.
fn split(app: &App, area: Rect) -> (Rect, Rect) {
    let foot = footer_height(app, area.width);
    let body = area.height.saturating_sub(foot);
    (
        Rect::new(area.x, area.y, area.width, body),
        Rect::new(area.x, area.y + body, area.width, foot),
    )
}

fn area_of(app: &App) -> Rect {
    Rect::new(0, 0, app.size.0, app.size.1)
}

pub fn page(app: &App) -> usize {
    split(app, area_of(app)).0.height.max(1) as usize
}

pub fn max_scroll(app: &App) -> u16 {
    let n = app.screens.reports.lines.as_ref().map_or(0, Vec::len) as u16;
    n.saturating_sub(split(app, area_of(app)).0.height)
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = Theme::of(app);
    let r = &app.screens.reports;
    let (body, foot) = split(app, area);
    let lines: Vec<Line> = match &r.lines {
        None => vec![Line::styled(strings::tui::loading().to_string(), t.dim())],
        Some(lines) => lines
            .iter()
            .skip(r.scroll as usize)
            .map(|l| {
                // The command's headings are the lines that do not indent.
                if !l.is_empty() && !l.starts_with(' ') {
                    Line::styled(l.clone(), t.title())
                } else {
                    Line::raw(l.clone())
                }
            })
            .collect(),
    };
    frame.render_widget(Paragraph::new(lines), body);
    let lead = vec![ratatui::text::Span::styled(
        format!("{} · ", s::report_same_as_cli()),
        t.dim(),
    )];
    let hint = footer(
        app,
        lead,
        &keymap::footer(Scope::Reports, |_| true),
        area.width,
    );
    frame.render_widget(
        Paragraph::new(hint).wrap(ratatui::widgets::Wrap { trim: false }),
        foot,
    );
    if let Some(form) = &r.form {
        super::line_form::draw(app, frame, area, form);
    }
}
