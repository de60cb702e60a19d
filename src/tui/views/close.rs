//! The dialog that closes an installation: the medium, then the expiry.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::domain::certificate::Medium;
use crate::strings;
use crate::strings::close_dialog as s;
use crate::tui::app::{App, Modal};
use crate::tui::theme::Theme;

pub fn draw(app: &App, frame: &mut Frame, area: ratatui::layout::Rect) {
    use ratatui::layout::Rect;
    let Some(Modal::Close(d)) = &app.modal else {
        return;
    };
    let t = Theme::of(app);
    let n = Medium::ALL.len() as u16;
    let outer = super::centered(area, 64, n + 9);
    frame.render_widget(Clear, outer);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(s::title(&d.id), t.title()));
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    let label = |on: bool| if on { t.focus() } else { t.dim() };
    let mut lines = vec![Line::styled(
        s::medium_label().to_string(),
        label(!d.on_expiry),
    )];
    for (i, m) in Medium::ALL.iter().enumerate() {
        let mark = if d.medium == Some(i) { "(•)" } else { "( )" };
        let text = format!("{mark} {} {}", i + 1, strings::registry::medium_label(*m));
        lines.push(if !d.on_expiry && d.medium.unwrap_or(0) == i {
            Line::styled(format!("› {text}"), t.cursor())
        } else {
            Line::from(format!("  {text}"))
        });
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(
        s::expiry_label().to_string(),
        label(d.on_expiry),
    ));
    frame.render_widget(
        Paragraph::new(lines),
        Rect::new(inner.x, inner.y, inner.width, n + 3),
    );
    let mut ta = d.expiry.clone();
    ta.set_block(
        Block::default()
            .borders(Borders::ALL)
            .border_style(label(d.on_expiry)),
    );
    if !d.on_expiry {
        ta.set_cursor_style(Default::default());
    }
    frame.render_widget(&ta, Rect::new(inner.x, inner.y + n + 3, inner.width, 3));
    frame.render_widget(
        Paragraph::new(super::dialog::error_or_hint(
            &t,
            d.error.as_deref(),
            s::hint(),
        )),
        Rect::new(inner.x, inner.y + n + 6, inner.width, 1),
    );
}
