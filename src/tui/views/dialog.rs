//! Dialogs over a screen: yes/no confirmation, and the reasons of an
//! observation or a withdrawal (checklist + free text).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::wrap_lines;
use crate::strings::tui as s;
use crate::tui::app::{App, Modal};
use crate::tui::theme::Theme;

pub fn draw_confirm(app: &App, frame: &mut Frame, area: Rect) {
    let Some(Modal::Confirm(c)) = &app.modal else {
        return;
    };
    let t = Theme::of(app);
    let width = 72.min(area.width);
    let mut lines: Vec<Line> = c.lines.iter().map(|l| Line::from(l.clone())).collect();
    lines = wrap_lines(lines, width.saturating_sub(2));
    let shown = lines.len().min(12);
    lines.truncate(shown);
    lines.push(Line::from(""));
    let (yes, no) = if c.yes {
        (t.cursor(), Default::default())
    } else {
        (Default::default(), t.cursor())
    };
    lines.push(Line::from(vec![
        Span::raw("   "),
        Span::styled(format!("[ {} ]", s::yes()), yes),
        Span::raw("   "),
        Span::styled(format!("[ {} ]", s::no()), no),
        Span::styled(format!("   {}", s::confirm_hint()), t.dim()),
    ]));
    let r = super::centered(area, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, r);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(Span::styled(c.title.clone(), t.title())),
        ),
        r,
    );
}

pub fn draw_reason(app: &App, frame: &mut Frame, area: Rect) {
    let Some(Modal::Reason(r)) = &app.modal else {
        return;
    };
    let t = Theme::of(app);
    let height = r.items.len() as u16 + 7;
    let outer = super::centered(area, 72, height);
    frame.render_widget(Clear, outer);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(s::reason_title(r.action, &r.id), t.title()));
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    let mut lines = Vec::new();
    for (i, (text, on)) in r.items.iter().enumerate() {
        let mark = if *on { "[x]" } else { "[ ]" };
        let line = super::fit(
            &format!("{mark} {text}"),
            inner.width.saturating_sub(2) as usize,
        );
        lines.push(if !r.on_text && i == r.cursor {
            Line::styled(format!("› {line}"), t.cursor())
        } else {
            Line::from(format!("  {line}"))
        });
    }
    let list_h = lines.len() as u16;
    frame.render_widget(
        Paragraph::new(lines),
        Rect::new(inner.x, inner.y, inner.width, list_h),
    );
    let label_style = if r.on_text { t.focus() } else { t.dim() };
    frame.render_widget(
        Paragraph::new(Line::styled(
            s::other_reason_label().to_string(),
            label_style,
        )),
        Rect::new(inner.x, inner.y + list_h, inner.width, 1),
    );
    let text_area = Rect::new(inner.x, inner.y + list_h + 1, inner.width, 3);
    let mut ta = r.text.clone();
    ta.set_block(
        Block::default()
            .borders(Borders::ALL)
            .border_style(label_style),
    );
    if !r.on_text {
        ta.set_cursor_style(Default::default());
    }
    frame.render_widget(&ta, text_area);
    frame.render_widget(
        Paragraph::new(error_or_hint(&t, r.error.as_deref(), s::reason_hint())),
        Rect::new(inner.x, inner.y + list_h + 4, inner.width, 1),
    );
}

/// A dialog's last line: what is wrong with the answer, else how to answer.
pub fn error_or_hint(t: &Theme, error: Option<&str>, hint: &str) -> Line<'static> {
    match error {
        Some(e) => Line::styled(e.to_string(), t.error()),
        None => Line::styled(hint.to_string(), t.dim()),
    }
}
