//! The sign-in box: the first supervisor's name and password on a new
//! store, an analyst's name and password otherwise, or the first password
//! of an analyst who has none. Passwords show as one dot per character.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::strings::identity as id;
use crate::strings::tui_trust as s;
use crate::tui::app::App;
use crate::tui::login::Field;
use crate::tui::theme::Theme;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let Some(l) = &app.login else {
        return;
    };
    let t = Theme::of(app);
    let mut lines: Vec<Line> = Vec::new();
    if l.choosing {
        lines.push(Line::from(id::choose_title(&l.name)));
        lines.push(Line::from(id::choose_hint()));
    } else if l.first_run {
        lines.extend(s::first_run_lines().map(|x| Line::from(x.to_string())));
        if let Some(dir) = &l.store {
            lines.push(Line::from(crate::strings::words::console_store(
                std::path::Path::new(dir),
            )));
        }
        lines.push(Line::from(id::choose_hint()));
    } else {
        lines.push(Line::from(s::sign_in_line()));
    }
    lines.push(Line::from(""));
    for field in l.fields() {
        let (label, shown) = match field {
            Field::Name => (id::login_name_label(), l.name.clone()),
            Field::Password => (id::login_password_label(), dots(&l.password)),
            Field::Repeat => (id::login_repeat_label(), dots(&l.repeat)),
        };
        let focused = *field == l.field;
        lines.push(Line::from(vec![
            Span::raw(format!("  {label:<11} ")),
            Span::raw(if focused { "> " } else { "  " }),
            Span::styled(
                shown,
                if focused {
                    t.focus()
                } else {
                    ratatui::style::Style::default()
                },
            ),
            Span::styled(if focused { "_" } else { "" }, t.dim()),
        ]));
    }
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
                .title_bottom(Span::styled(id::login_hint(), t.dim())),
        ),
        r,
    );
}

/// One dot per character typed: how long, never what.
fn dots(secret: &str) -> String {
    "•".repeat(secret.chars().count())
}
