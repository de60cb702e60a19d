//! The command palette: fuzzy match over every command.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::strings::tui as s;
use crate::tui::app::{App, Modal};
use crate::tui::keymap::{self, Scope};
use crate::tui::palette::palette_matches_recent;
use crate::tui::theme::Theme;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let Some(Modal::Palette(p)) = &app.modal else {
        return;
    };
    let t = Theme::of(app);
    let r = super::centered(area, 60, 16);
    frame.render_widget(Clear, r);
    let mut lines = vec![Line::from(vec![
        Span::styled(": ", t.key()),
        Span::raw(format!("{}█", p.query)),
    ])];
    let matches = palette_matches_recent(&p.query, app.role, &app.filter_history.palette);
    if matches.is_empty() {
        lines.push(Line::styled(s::palette_empty().to_string(), t.dim()));
    }
    let room = r.height.saturating_sub(3) as usize;
    let first = p.cursor.saturating_sub(room.saturating_sub(1));
    for (i, c) in matches.iter().enumerate().skip(first).take(room) {
        let key = keymap::key_for(Scope::Queue, *c)
            .or_else(|| keymap::key_for(Scope::Ticket, *c))
            .unwrap_or_default();
        let label = format!("{:<44} {key}", s::command(*c));
        lines.push(if i == p.cursor {
            Line::styled(format!("› {label}"), t.cursor())
        } else {
            Line::from(format!("  {label}"))
        });
    }
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(s::palette_title()),
        ),
        r,
    );
}
