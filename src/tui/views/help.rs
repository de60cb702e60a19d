//! The help screen, generated from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::strings::tui as s;
use crate::tui::action::Command;
use crate::tui::app::{App, Modal};
use crate::tui::keymap::{self, Scope};
use crate::tui::theme::Theme;

/// The line where `scope`'s section starts (0 when it has none of its own).
pub fn section_start(scope: Scope) -> u16 {
    let title = s::scope_title(scope);
    lines(None)
        .iter()
        .position(|l| l.spans.first().is_some_and(|s| s.content == title))
        .unwrap_or(0) as u16
}

/// Every scope's bindings, as lines.
pub fn lines(app: Option<&App>) -> Vec<Line<'static>> {
    let t = app.map(Theme::of);
    let (key_style, title_style) = match &t {
        Some(t) => (t.key(), t.title()),
        None => Default::default(),
    };
    let mut out = Vec::new();
    for scope in [
        Scope::Queue,
        Scope::Ticket,
        Scope::Batch,
        Scope::Global,
        Scope::Filter,
        Scope::Palette,
        Scope::Confirm,
        Scope::Reason,
        Scope::Form,
        Scope::Views,
        Scope::ViewName,
        Scope::Columns,
        Scope::BatchInput,
        Scope::CloseForm,
        Scope::Outbox,
        Scope::People,
        Scope::Certs,
        Scope::Reports,
        Scope::Search,
        Scope::Edit,
        Scope::Audit,
        Scope::AuditFilter,
        Scope::Assign,
        Scope::Requests,
        Scope::Login,
    ] {
        out.push(Line::styled(s::scope_title(scope).to_string(), title_style));
        // Keys reserved to another role are not offered.
        for b in keymap::bindings(scope).filter(|b| b.allowed(app.and_then(|a| a.role))) {
            // Number rows are shown once, as a range.
            let (keys, text) = match b.command {
                Command::StatusTab(0) => ("0 … 9".to_string(), s::help_status_tabs()),
                Command::LoadView(1) => ("1 … 9".to_string(), s::command(b.command)),
                Command::StatusTab(_) | Command::LoadView(_) => continue,
                c => (keymap::keys_label(b), s::command(c)),
            };
            out.push(Line::from(vec![
                Span::styled(format!("  {keys:<18}"), key_style),
                Span::raw(text.to_string()),
            ]));
        }
        out.push(Line::from(""));
    }
    out
}

fn popup(area: Rect) -> Rect {
    super::centered(area, 76, area.height.saturating_sub(2))
}

pub fn max_scroll(area: Rect) -> u16 {
    let r = popup(area);
    let inner = r.height.saturating_sub(2);
    // Long descriptions wrap rather than run into the frame.
    let n = super::wrap_lines(lines(None), r.width.saturating_sub(2)).len();
    (n as u16).saturating_sub(inner)
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let scroll = match &app.modal {
        Some(Modal::Help { scroll }) => *scroll,
        _ => 0,
    };
    let r = popup(area);
    frame.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(s::help_title())
        .title_bottom(s::help_footer());
    frame.render_widget(
        Paragraph::new(super::wrap_lines(
            lines(Some(app)),
            r.width.saturating_sub(2),
        ))
        .block(block)
        .scroll((scroll.min(max_scroll(area)), 0)),
        r,
    );
}
