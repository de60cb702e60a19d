//! Drawing: one screen per file, each `draw(&App, &mut Frame, Rect)`.

pub mod audit;
pub mod batch;
pub mod certs;
pub mod close;
pub mod dialog;
pub mod fit;
pub mod form;
pub mod help;
pub mod line_form;
pub mod list;
pub mod login;
pub mod outbox;
pub mod palette;
pub mod people;
pub mod photo;
pub mod queue;
pub mod reports;
pub mod requests;
pub mod saved;
pub mod ticket;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Level, Modal, Screen};
use super::keymap;
use super::theme::Theme;
use crate::strings::tui as s;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Draws the whole console.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let mut lines = vec![
            Line::from(s::too_small(area.width, area.height)),
            Line::from(s::too_small_hint()),
        ];
        let asking = app.form.as_ref().is_some_and(|f| f.quit_after);
        if asking {
            lines.push(Line::from(
                crate::strings::console_safety::too_small_unsaved(),
            ));
        }
        let msg = Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(ratatui::widgets::Wrap { trim: true });
        let [mid] = Layout::vertical([Constraint::Length(if asking { 6 } else { 4 })])
            .flex(Flex::Center)
            .areas(area);
        frame.render_widget(msg, mid);
        return;
    }
    match app.screen {
        Screen::Queue => queue::draw(app, frame, area),
        Screen::Ticket => ticket::draw(app, frame, area),
        Screen::Form => form::draw(app, frame, area),
        Screen::Batch => batch::draw(app, frame, area),
        Screen::Outbox => outbox::draw(app, frame, area),
        Screen::People => people::draw(app, frame, area),
        Screen::Certs => certs::draw(app, frame, area),
        Screen::Reports => reports::draw(app, frame, area),
        Screen::Requests => requests::draw(app, frame, area),
        Screen::Login => login::draw(app, frame, area),
        Screen::Audit => audit::draw(app, frame, area),
    }
    match &app.modal {
        Some(Modal::Help { .. }) => help::draw(app, frame, area),
        Some(Modal::Palette(_)) => palette::draw(app, frame, area),
        Some(Modal::Confirm(_)) => dialog::draw_confirm(app, frame, area),
        Some(Modal::Reason(_)) => dialog::draw_reason(app, frame, area),
        Some(Modal::Views { .. }) => saved::draw_views(app, frame, area),
        Some(Modal::Columns { .. }) => saved::draw_columns(app, frame, area),
        Some(Modal::Assign { .. }) => saved::draw_assign(app, frame, area),
        Some(Modal::Batch(_)) => batch::draw_dialog(app, frame, area),
        Some(Modal::Close(_)) => close::draw(app, frame, area),
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

/// The bottom lines: the status message if any, on its own line, then
/// always the hints line: `lead` (what the screen says first, e.g. how
/// many tickets are marked), the busy mark and the key hints that fit,
/// from the keymap (`keymap::footer`). Hints are dropped whole, least
/// needed first, rather than cut; the way out (back, help, quit) always
/// shows. A message never hides the keys: the first screen after signing
/// in shows both.
pub fn footer(
    app: &App,
    lead: Vec<Span<'static>>,
    hints: &[keymap::Hint],
    width: u16,
) -> ratatui::text::Text<'static> {
    let keys = hints_line(app, lead, hints, width);
    match &app.status {
        Some(st) => {
            let t = Theme::of(app);
            let (style, prefix) = match st.level {
                Level::Info => (t.info(), ""),
                Level::Error => (t.error(), s::error_prefix()),
            };
            let status = Line::from(Span::styled(format!("{prefix}{}", st.text), style));
            ratatui::text::Text::from(vec![status, keys])
        }
        None => ratatui::text::Text::from(keys),
    }
}

fn hints_line(
    app: &App,
    lead: Vec<Span<'static>>,
    hints: &[keymap::Hint],
    width: u16,
) -> Line<'static> {
    use unicode_width::UnicodeWidthStr;
    let t = Theme::of(app);
    // Keys reserved to another role are not offered.
    let hints: Vec<keymap::Hint> = hints
        .iter()
        .filter(|h| keymap::allowed(app.role, h.needs))
        .cloned()
        .collect();
    let hints = hints.as_slice();
    let mut spans = lead;
    if app.busy > 0 {
        spans.push(Span::styled(format!("{} ", s::busy()), t.dim()));
    }
    // Each hint costs its key, a colon, its word and one space; the last
    // one needs no space, hence the extra column. The colon ties a key to
    // its word: «t:atender o:observar» never reads as «atender o observar»,
    // and costs no more than a space.
    let cost = |h: &keymap::Hint| h.key.width() + 1 + s::hint(h.command).width() + 1;
    let used = Line::from(spans.clone()).width();
    let always: usize = hints.iter().filter(|h| h.always).map(cost).sum();
    let mut room = (width as usize + 1).saturating_sub(used + always);
    let mut dropping = false;
    let mut first = true;
    for h in hints {
        if !h.always {
            dropping = dropping || cost(h) > room;
            if dropping {
                continue;
            }
            room -= cost(h);
        }
        if !first {
            spans.push(Span::raw(" "));
        }
        first = false;
        spans.push(Span::styled(h.key.clone(), t.key()));
        spans.push(Span::raw(format!(":{}", s::hint(h.command))));
    }
    Line::from(spans)
}

/// Lines the footer needs: the keys, and above them the message if any
/// (a long one gets up to three).
pub fn footer_height(app: &App, width: u16) -> u16 {
    // Word wrapping wastes some room: count a little generously.
    match &app.status {
        Some(st) => {
            let need = (st.text.chars().count() + 2) * 11 / 10;
            need.div_ceil(width.max(1) as usize).clamp(1, 3) as u16 + 1
        }
        None => 1,
    }
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

/// Wraps styled lines at `width` cells, at spaces when possible
/// (continuation lines indented), so the count of screen lines is exact.
pub fn wrap_lines(lines: Vec<Line<'static>>, width: u16) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthChar;
    let width = width.max(16) as usize;
    let indent = "      ";
    let mut out = Vec::new();
    for line in lines {
        if line.width() <= width {
            out.push(line);
            continue;
        }
        // Styled characters, then cut into rows.
        let chars: Vec<(char, ratatui::style::Style)> = line
            .spans
            .iter()
            .flat_map(|sp| sp.content.chars().map(move |c| (c, sp.style)))
            .collect();
        let mut start = 0;
        let mut first = true;
        while start < chars.len() {
            let room = if first { width } else { width - indent.len() };
            let mut used = 0;
            let mut end = start;
            while end < chars.len() && used + chars[end].0.width().unwrap_or(0) <= room {
                used += chars[end].0.width().unwrap_or(0);
                end += 1;
            }
            if end < chars.len()
                && let Some(space) = (start + 1..end).rev().find(|i| chars[*i].0 == ' ')
            {
                end = space + 1;
            }
            let mut spans = Vec::new();
            if !first {
                spans.push(Span::raw(indent));
            }
            let mut i = start;
            while i < end {
                let style = chars[i].1;
                let mut text = String::new();
                while i < end && chars[i].1 == style {
                    text.push(chars[i].0);
                    i += 1;
                }
                spans.push(Span::styled(text, style));
            }
            out.push(Line::from(spans));
            start = end;
            first = false;
        }
    }
    out
}
