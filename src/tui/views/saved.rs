//! The saved views dialog and the column chooser.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::strings;
use crate::strings::tui as s;
use crate::tui::app::{App, Modal, effective_columns};
use crate::tui::saved::{Column, SavedView};
use crate::tui::theme::Theme;

fn summary(v: &SavedView) -> String {
    let mut parts = Vec::new();
    if let Some(st) = v.status {
        parts.push(strings::status_label(st).to_string());
    }
    if let Some(k) = v.kind {
        parts.push(strings::kind_label(k).to_string());
    }
    if v.urgent {
        parts.push(s::urgent_only().to_string());
    }
    if !v.text.is_empty() {
        parts.push(format!("/{}", v.text));
    }
    if let Some(c) = v.sort {
        parts.push(format!("{}: {}", s::sort_label(), s::column_name(c)));
    }
    parts.join(" · ")
}

pub fn draw_views(app: &App, frame: &mut Frame, area: Rect) {
    let Some(Modal::Views { cursor, naming }) = &app.modal else {
        return;
    };
    let t = Theme::of(app);
    let r = super::centered(area, 70, 13);
    frame.render_widget(Clear, r);
    let mut lines = Vec::new();
    for slot in 1..=9u8 {
        let here = *cursor == slot as usize - 1;
        let text = match (here, naming, app.views.iter().find(|(n, _)| *n == slot)) {
            (true, Some(name), _) => format!("{slot}  {}: {name}█", s::view_name_prompt()),
            (_, _, Some((_, v))) => super::fit(&format!("{slot}  {} — {}", v.name, summary(v)), 66),
            _ => format!("{slot}  {}", s::view_free()),
        };
        lines.push(if here {
            Line::styled(format!("› {text}"), t.cursor())
        } else {
            Line::from(format!("  {text}"))
        });
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(s::views_hint().to_string(), t.dim()));
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(s::views_title(&app.actor)),
        ),
        r,
    );
}

pub fn draw_columns(app: &App, frame: &mut Frame, area: Rect) {
    let Some(Modal::Columns { cursor }) = &app.modal else {
        return;
    };
    let t = Theme::of(app);
    let shown = effective_columns(app, super::queue::is_wide(area));
    let r = super::centered(area, 44, Column::ALL.len() as u16 + 4);
    frame.render_widget(Clear, r);
    let mut lines = Vec::new();
    for (i, c) in Column::ALL.iter().enumerate() {
        let mark = if shown.contains(c) { "[x]" } else { "[ ]" };
        let text = format!("{mark} {}", s::column_name(*c));
        lines.push(if i == *cursor {
            Line::styled(format!("› {text}"), t.cursor())
        } else {
            Line::from(format!("  {text}"))
        });
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(s::columns_hint().to_string(), t.dim()));
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(s::columns_title()),
        ),
        r,
    );
}

/// The reassign picker: the active analysts, the owner marked.
pub fn draw_assign(app: &App, frame: &mut Frame, area: Rect) {
    let Some(Modal::Assign {
        id,
        owner,
        names,
        cursor,
    }) = &app.modal
    else {
        return;
    };
    let t = Theme::of(app);
    let team = crate::strings::team::reassign_owner_mark;
    let rows = names
        .len()
        .min(area.height.saturating_sub(6) as usize)
        .max(1);
    let r = super::centered(area, 48, rows as u16 + 4);
    frame.render_widget(Clear, r);
    // The cursor stays in sight on a long list.
    let first = cursor.saturating_sub(rows.saturating_sub(1));
    let mut lines = Vec::new();
    for (i, name) in names.iter().enumerate().skip(first).take(rows) {
        let text = if Some(name) == owner.as_ref() {
            format!("{name} {}", team())
        } else {
            name.clone()
        };
        lines.push(if i == *cursor {
            Line::styled(format!("› {text}"), t.cursor())
        } else {
            Line::from(format!("  {text}"))
        });
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(
        crate::strings::team::reassign_hint().to_string(),
        t.dim(),
    ));
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(crate::strings::team::reassign_title(id)),
        ),
        r,
    );
}
