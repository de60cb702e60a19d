//! Drawing: one screen per file, each `draw(&App, &mut Frame, Rect)`.

pub mod dialog;
pub mod form;
pub mod help;
pub mod palette;
pub mod queue;
pub mod ticket;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Level, Modal, Screen};
use super::keymap::{self, Scope};
use super::theme::Theme;
use crate::strings::tui as s;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Draws the whole console.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = Paragraph::new(vec![
            Line::from(s::too_small(area.width, area.height)),
            Line::from(s::too_small_hint()),
        ])
        .alignment(Alignment::Center)
        .wrap(ratatui::widgets::Wrap { trim: true });
        let [mid] = Layout::vertical([Constraint::Length(4)])
            .flex(Flex::Center)
            .areas(area);
        frame.render_widget(msg, mid);
        return;
    }
    match app.screen {
        Screen::Queue => queue::draw(app, frame, area),
        Screen::Ticket => ticket::draw(app, frame, area),
        Screen::Form => form::draw(app, frame, area),
    }
    match &app.modal {
        Some(Modal::Help { .. }) => help::draw(app, frame, area),
        Some(Modal::Palette(_)) => palette::draw(app, frame, area),
        Some(Modal::Confirm(_)) => dialog::draw_confirm(app, frame, area),
        Some(Modal::Reason(_)) => dialog::draw_reason(app, frame, area),
        None => {}
    }
}

/// A centered rectangle of at most `w`×`h`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The bottom line: the status message if any, else key hints.
pub fn footer(app: &App, hints: &[(Scope, super::action::Command)]) -> Line<'static> {
    let t = Theme::of(app);
    if let Some(st) = &app.status {
        let style = match st.level {
            Level::Info => t.info(),
            Level::Error => t.error(),
        };
        let prefix = match st.level {
            Level::Info => "",
            Level::Error => s::error_prefix(),
        };
        return Line::from(Span::styled(format!("{prefix}{}", st.text), style));
    }
    let mut spans = Vec::new();
    if app.busy > 0 {
        spans.push(Span::styled(format!("{} ", s::busy()), t.dim()));
    }
    for (i, (scope, c)) in hints.iter().enumerate() {
        if let Some(k) = keymap::key_for(*scope, *c) {
            if i > 0 {
                spans.push(Span::raw(" "));
            }
            spans.push(Span::styled(k, t.key()));
            spans.push(Span::raw(format!(" {}", s::hint(*c))));
        }
    }
    Line::from(spans)
}

/// Truncates to `max` characters with an ellipsis.
pub fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else if max == 0 {
        String::new()
    } else {
        text.chars().take(max - 1).collect::<String>() + "…"
    }
}

/// Wraps styled lines at `width` cells (by character, continuation lines
/// indented), so that the count of screen lines is known exactly.
pub fn wrap_lines(lines: Vec<Line<'static>>, width: u16) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthChar;
    let width = width.max(10) as usize;
    let indent = "      ";
    let mut out = Vec::new();
    for line in lines {
        if line.width() <= width {
            out.push(line);
            continue;
        }
        let mut cur: Vec<Span<'static>> = Vec::new();
        let mut used = 0usize;
        for span in line.spans {
            let mut buf = String::new();
            for ch in span.content.chars() {
                let w = ch.width().unwrap_or(0);
                if used + w > width {
                    if !buf.is_empty() {
                        cur.push(Span::styled(std::mem::take(&mut buf), span.style));
                    }
                    out.push(Line::from(std::mem::take(&mut cur)));
                    cur.push(Span::raw(indent));
                    used = indent.len();
                }
                buf.push(ch);
                used += w;
            }
            if !buf.is_empty() {
                cur.push(Span::styled(buf, span.style));
            }
        }
        if !cur.is_empty() {
            out.push(Line::from(cur));
        }
    }
    out
}
