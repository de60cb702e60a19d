//! The sign-in box: the first supervisor's name on a new store, an active
//! analyst's name otherwise.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::strings::tui_trust as s;
use crate::tui::app::App;
use crate::tui::theme::Theme;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let Some(l) = &app.login else {
        return;
    };
    let t = Theme::of(app);
    let mut lines: Vec<Line> = Vec::new();
    if l.first_run {
        lines.extend(s::first_run_lines().map(|x| Line::from(x.to_string())));
        if let Some(dir) = &l.store {
            lines.push(Line::from(crate::strings::words::console_store(
                std::path::Path::new(dir),
            )));
        }
    } else {
        lines.push(Line::from(s::sign_in_line()));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(vec![
        Span::raw("  > "),
        Span::styled(l.name.clone(), t.focus()),
        Span::styled("_", t.dim()),
    ]));
    lines.push(Line::from(""));
    match &l.error {
        Some(e) => lines.push(Line::styled(e.clone(), t.error())),
        None if app.busy > 0 => lines.push(Line::styled(
            crate::strings::tui::busy().to_string(),
            t.dim(),
        )),
        None => lines.push(Line::from("")),
    }
    let width = 70.min(area.width);
    let lines = super::wrap_lines(lines, width.saturating_sub(2));
    let r = super::centered(area, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, r);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(Span::styled(s::login_title(), t.title()))
                .title_bottom(Span::styled(s::login_hint(), t.dim())),
        ),
        r,
    );
}
