//! What the registry screens' lists share: the panes (title, a line of tabs
//! or search, the table, a detail pane, the footer), the tabs line and the
//! table with the cursor's row highlighted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, TableState};

use super::footer_height;
use crate::tui::app::App;
use crate::tui::screens::Cursor;
use crate::tui::theme::Theme;

pub struct Panes {
    pub title: Rect,
    /// The tabs, or the search line.
    pub bar: Rect,
    pub table: Rect,
    pub detail: Rect,
    pub footer: Rect,
}

/// The panes of a list screen with `detail` lines under the table.
pub fn panes(app: &App, area: Rect, detail: u16) -> Panes {
    let foot = footer_height(app, area.width);
    let table = area.height.saturating_sub(2 + detail + foot);
    let row = |y: u16, h: u16| Rect::new(area.x, area.y + y, area.width, h);
    Panes {
        title: row(0, 1),
        bar: row(1, 1),
        table: row(2, table),
        detail: row(2 + table, detail),
        footer: row(2 + table + detail, foot),
    }
}

/// Rows of the table on screen at the console's size (its header aside).
pub fn page(app: &App, detail: u16) -> usize {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    (panes(app, area, detail).table.height as usize)
        .saturating_sub(1)
        .max(1)
}

/// The positions of a list of `len` rows that fit in `area` under its header.
pub fn window(cursor: Cursor, len: usize, area: Rect) -> std::ops::Range<usize> {
    let end = (cursor.offset + area.height.saturating_sub(1) as usize).min(len);
    cursor.offset.min(end)..end
}

/// "Pendientes 1  Fallidos 1 …": the active tab stands out.
pub fn tabs_line(app: &App, tabs: impl IntoIterator<Item = (String, bool)>) -> Line<'static> {
    let t = Theme::of(app);
    let mut spans = Vec::new();
    for (text, active) in tabs {
        let style = if active { t.active_tab() } else { t.dim() };
        spans.push(Span::styled(text, style));
        spans.push(Span::raw("  "));
    }
    Line::from(spans)
}

/// A one-line message where the table goes (loading, nothing to show).
pub fn message(app: &App, frame: &mut Frame, area: Rect, text: &str) {
    frame.render_widget(
        Paragraph::new(text.to_string()).style(Theme::of(app).dim()),
        area,
    );
}

/// The table of the rows on screen (`window`), the cursor's highlighted.
pub fn table(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    header: Vec<&'static str>,
    widths: Vec<Constraint>,
    rows: Vec<Row<'static>>,
    cursor: Cursor,
) {
    let t = Theme::of(app);
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(t.header()))
        .column_spacing(1)
        .row_highlight_style(t.cursor());
    let mut state =
        TableState::default().with_selected(Some(cursor.at.saturating_sub(cursor.offset)));
    frame.render_stateful_widget(table, area, &mut state);
}
