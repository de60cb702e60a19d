//! A small form over a screen: one line per field, its problem under it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::wrap_lines;
use crate::strings::screens as s;
use crate::tui::app::App;
use crate::tui::line_form::LineForm;
use crate::tui::theme::Theme;

const LABEL: usize = 26;

/// The end of a long value, so what is being typed stays in sight.
fn tail(value: &str, room: usize) -> String {
    let n = value.chars().count();
    if n <= room {
        value.to_string()
    } else {
        let skip = n - room.saturating_sub(1);
        format!("…{}", value.chars().skip(skip).collect::<String>())
    }
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect, form: &LineForm) {
    let t = Theme::of(app);
    let width = area.width.saturating_sub(2).min(96);
    let inner = width.saturating_sub(2);
    let room = (inner as usize).saturating_sub(LABEL + 4);
    let mut lines = Vec::new();
    if let Some(note) = &form.note {
        lines.extend(wrap_lines(vec![Line::styled(note.clone(), t.dim())], inner));
        lines.push(Line::raw(""));
    }
    for (i, f) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let marker = if focused { "›" } else { " " };
        let cursor = if focused { "█" } else { "" };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{marker} {:<LABEL$} ", f.label),
                if focused { t.focus() } else { t.dim() },
            ),
            Span::raw(format!("{}{cursor}", tail(&f.value, room))),
        ]));
        if let Some(p) = form.shown_problem(f.key) {
            lines.extend(wrap_lines(
                vec![Line::styled(format!("    ✘ {p}"), t.fail())],
                inner,
            ));
        }
    }
    lines.push(Line::raw(""));
    lines.extend(wrap_lines(
        vec![Line::styled(s::form_hint().to_string(), t.dim())],
        inner,
    ));
    let r = super::centered(area, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, r);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(Span::styled(form.title.clone(), t.title())),
        ),
        r,
    );
}
