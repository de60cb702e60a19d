//! The queue (home screen): header with the next dispatch and its countdown,
//! status tabs with counts, active filters, and the table. Only the rows on
//! screen are built.

use chrono::{DateTime, Duration, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Cell, Paragraph, Row, Scrollbar, ScrollbarOrientation, ScrollbarState, Table, TableState,
};

use super::footer;
use crate::domain::Status;
use crate::strings;
use crate::strings::tui as s;
use crate::tui::app::{App, effective_columns};
use crate::tui::keymap::{self, Scope};
use crate::tui::saved::Column;
use crate::tui::theme::Theme;

pub struct QueueLayout {
    pub title: Rect,
    pub tabs: Rect,
    pub filter: Rect,
    pub table: Rect,
    pub footer: Rect,
}

/// Wide terminals also show arrival and dispatch dates.
pub fn is_wide(area: Rect) -> bool {
    area.width >= 110
}

/// The status tabs: text, whether active, and where each goes (line, first
/// column), wrapped at `width`.
fn tabs(app: &App, width: u16) -> Vec<(String, bool, u16, u16)> {
    let mut out = vec![(
        format!("0 {} {}", s::tab_all(), app.queue.total),
        app.filters.status.is_none(),
        0,
        0,
    )];
    for (i, st) in Status::ALL.iter().enumerate() {
        out.push((
            format!(
                "{} {} {}",
                i + 1,
                strings::status_label(*st),
                app.queue.count(*st)
            ),
            app.filters.status == Some(*st),
            0,
            0,
        ));
    }
    let (mut line, mut x) = (0u16, 0u16);
    for tab in &mut out {
        let w = tab.0.chars().count() as u16 + 2;
        if x > 0 && x + w > width {
            line += 1;
            x = 0;
        }
        tab.2 = line;
        tab.3 = x;
        x += w;
    }
    out
}

/// The status tab (0 = all) at a position inside the tabs area.
pub fn tab_at(app: &App, width: u16, line: u16, column: u16) -> Option<u8> {
    tabs(app, width)
        .iter()
        .enumerate()
        .find(|(_, (text, _, l, x))| {
            *l == line && column >= *x && column < x + text.chars().count() as u16
        })
        .map(|(n, _)| n as u8)
}

/// The status tabs, wrapped into lines of at most `width` cells.
pub fn tab_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let t = Theme::of(app);
    let mut lines: Vec<Line> = Vec::new();
    for (text, active, line, _) in tabs(app, width) {
        if lines.len() <= line as usize {
            lines.push(Line::default());
        }
        let style = if active { t.active_tab() } else { t.dim() };
        let l = lines.last_mut().expect("pushed above");
        l.spans.push(Span::styled(text, style));
        l.spans.push(Span::raw("  "));
    }
    // Where the cursor is, at the right of the last line when it fits.
    if let (Some(pos), Some(last)) = (position(app), lines.last_mut()) {
        let used: usize = last.spans.iter().map(|s| s.content.chars().count()).sum();
        let room = (width as usize).saturating_sub(used);
        let n = pos.chars().count();
        if room > n {
            last.spans.push(Span::raw(" ".repeat(room - n)));
            last.spans.push(Span::styled(pos, t.dim()));
        }
    }
    lines
}

fn show_filter_line(app: &App) -> bool {
    // The status shows in the tabs; everything else shows here.
    let mut f = app.filters.clone();
    f.status = None;
    app.typing_filter || !f.is_empty()
}

pub fn layout(app: &App, area: Rect) -> QueueLayout {
    let tabs_h = tab_lines(app, area.width).len() as u16;
    let filter_h = show_filter_line(app) as u16;
    let bottom = area.y + area.height;
    let mut y = area.y;
    let mut take = |h: u16| {
        let h = h.min(bottom - y);
        let r = Rect::new(area.x, y, area.width, h);
        y += h;
        r
    };
    let title = take(1);
    let tabs = take(tabs_h);
    let filter = take(filter_h);
    let rest = bottom.saturating_sub(title.height + tabs.height + filter.height + area.y);
    let foot_h = super::footer_height(app, area.width);
    let table = take(rest.saturating_sub(foot_h));
    let footer = take(foot_h);
    QueueLayout {
        title,
        tabs,
        filter,
        table,
        footer,
    }
}

/// "3 d 4 h", "5 h 20 min", "12 min".
pub fn countdown(d: Duration) -> String {
    let mins = d.num_minutes().max(0);
    let (days, hours, m) = (mins / 1440, mins / 60 % 24, mins % 60);
    if days > 0 {
        s::countdown_days(days, hours)
    } else if hours > 0 {
        s::countdown_hours(hours, m)
    } else {
        s::countdown_minutes(m)
    }
}

/// "3 d", "5 h", "12 min": how long a ticket has waited.
pub fn age(now: DateTime<Utc>, at: DateTime<Utc>) -> String {
    let d = now - at;
    if d.num_days() > 0 {
        format!("{} d", d.num_days())
    } else if d.num_hours() > 0 {
        format!("{} h", d.num_hours())
    } else {
        format!("{} min", d.num_minutes().max(0))
    }
}

/// "vie 27/11 16:30".
pub fn short_moment(at: DateTime<Utc>, tz: chrono_tz::Tz) -> String {
    let l = at.with_timezone(&tz);
    format!(
        "{} {}",
        strings::weekday_short(chrono::Datelike::weekday(&l.date_naive())),
        l.format("%d/%m %H:%M")
    )
}

fn title_line(app: &App, width: u16) -> Line<'static> {
    let t = Theme::of(app);
    let next = app.rules.next_dispatch(app.now);
    let mut spans = vec![
        Span::styled(s::next_dispatch_label().to_string(), t.title()),
        Span::styled(short_moment(next.at, app.rules.timezone), t.title()),
        Span::raw(format!(
            " · {}",
            s::remaining(&countdown(next.at - app.now))
        )),
    ];
    if next.moved() {
        spans.push(Span::styled(s::moved_mark().to_string(), t.urgent()));
    }
    if app.loading && app.queue.is_partial() {
        // The first rows are on screen; the rest is still being read. Said
        // whole, or shorter, never cut.
        let used: usize = spans.iter().map(|s| s.content.chars().count()).sum();
        let note = [
            crate::strings::speed::loading_rest(),
            crate::strings::speed::loading_short(),
        ]
        .into_iter()
        .map(|n| format!(" · {n}"))
        .find(|n| used + n.chars().count() <= width as usize);
        if let Some(note) = note {
            spans.push(Span::styled(note, t.dim()));
        }
    }
    let used: usize = spans.iter().map(|s| s.content.chars().count()).sum();
    let (here, late) = (crate::tui::team::here(app), crate::tui::team::late(app));
    // What fits, dropping the least needed first: the name of the app,
    // then who is here; the late requests and who is signed in stay.
    let room = (width as usize).saturating_sub(used);
    let right = [
        format!("{}{here}{late} · {}", s::app_name(), app.actor),
        format!("{}{late} · {}", here.trim_start_matches(" · "), app.actor),
        format!("{} · {}", late.trim_start_matches(" · "), app.actor),
        app.actor.clone(),
    ]
    .into_iter()
    .map(|r| r.trim_start_matches(" · ").to_string())
    .find(|r| room > r.chars().count() + 2);
    if let Some(right) = right {
        spans.push(Span::raw(" ".repeat(room - right.chars().count())));
        spans.push(Span::styled(right, t.dim()));
    }
    Line::from(spans)
}

/// "120 de 4.512": the cursor's row among those shown, once the whole
/// list, or, on the first page, in the whole queue it will be read into.
fn position(app: &App) -> Option<String> {
    let (_, at, n) = crate::tui::queue_open::place(app);
    (n > 0 && !app.queue.visible.is_empty())
        .then(|| crate::strings::find::position(at.min(n - 1) + 1, n))
}

fn filter_line(app: &App, width: u16) -> Line<'static> {
    let t = Theme::of(app);
    let mut spans = vec![Span::styled(s::filter_label().to_string(), t.title())];
    let cursor = if app.typing_filter { "█" } else { "" };
    spans.push(Span::raw(format!("/{}{cursor}", app.filters.text)));
    if let Some(k) = app.filters.kind {
        spans.push(Span::raw(format!(
            " · {}: {}",
            s::kind_filter_label(),
            strings::kind_label(k)
        )));
    }
    if app.filters.urgent {
        spans.push(Span::styled(format!(" · {}", s::urgent_only()), t.urgent()));
    }
    if app.filters.owner.is_some() {
        let owner = strings::team::owner_filter_set(crate::tui::team::label(app));
        spans.push(Span::raw(format!(" · {owner}")));
    }
    if let Some(c) = app.filters.sort {
        let dir = if app.filters.descending { "↓" } else { "↑" };
        spans.push(Span::raw(format!(
            " · {}: {}{dir}",
            s::sort_label(),
            column_title(c)
        )));
    } else if app.filters.descending {
        spans.push(Span::raw(format!(" · {}", s::newest_first())));
    }
    spans.push(Span::styled(
        format!(
            " · {}",
            s::shown_of(app.queue.visible.len(), app.queue.len())
        ),
        t.dim(),
    ));
    if let Some(e) = crate::tui::filter_input::error(app) {
        // After the typed text: whole, or shorter (Enter says it whole),
        // never cut.
        let used: usize = spans.iter().map(|s| s.content.chars().count()).sum();
        let room = (width as usize).saturating_sub(used);
        let find = crate::strings::find::expr_error_tiny();
        let text = [
            crate::strings::find::expr_error(&e),
            crate::strings::find::expr_error_short(&e),
        ]
        .into_iter()
        .map(|m| format!(" · {m}"))
        .find(|m| m.chars().count() <= room)
        .unwrap_or_else(|| format!(" · {find}"));
        spans.insert(2, Span::styled(text, t.urgent()));
    }
    Line::from(spans)
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = Theme::of(app);
    let l = layout(app, area);
    frame.render_widget(Paragraph::new(title_line(app, area.width)), l.title);
    frame.render_widget(Paragraph::new(tab_lines(app, area.width)), l.tabs);
    if l.filter.height > 0 {
        frame.render_widget(Paragraph::new(filter_line(app, area.width)), l.filter);
    }
    draw_table(app, frame, l.table, is_wide(area));
    let scope = if app.typing_filter {
        Scope::Filter
    } else {
        Scope::Queue
    };
    let mut lead = Vec::new();
    if !app.selected.is_empty() {
        lead.push(Span::styled(
            format!("{} · ", s::selected(app.selected.len())),
            t.selected_mark(),
        ));
    }
    let foot = footer(app, lead, &keymap::footer(scope, |_| true), area.width);
    frame.render_widget(
        Paragraph::new(foot).wrap(ratatui::widgets::Wrap { trim: false }),
        l.footer,
    );
}

fn column_title(c: Column) -> &'static str {
    let h = s::columns();
    match c {
        Column::Arrival => h.arrival,
        Column::Kind => h.kind,
        Column::Applicant => h.applicant,
        Column::Dni => h.dni,
        Column::Status => h.status,
        Column::Dispatch => h.dispatch,
        Column::Age => h.age,
        Column::Owner => strings::team::owner_column(),
    }
}

fn column_width(c: Column, wide: bool) -> Constraint {
    match c {
        Column::Arrival => Constraint::Length(11),
        Column::Kind => Constraint::Length(14),
        Column::Applicant => Constraint::Fill(1),
        Column::Dni => Constraint::Length(8),
        Column::Status => Constraint::Length(11),
        Column::Dispatch => Constraint::Length(if wide { 15 } else { 5 }),
        Column::Age => Constraint::Length(6),
        Column::Owner => Constraint::Length(10),
    }
}

/// Days left to download the certificate a ticket is about, while it is
/// still the ticket's business: approved, or an installation not done.
fn download_left(r: &crate::tui::queue_index::QueueRow, today: chrono::NaiveDate) -> Option<i64> {
    let open = match r.status {
        Status::Aprobado => true,
        Status::Nuevo | Status::EnAtencion | Status::Observado => {
            r.kind == crate::domain::Kind::Instalacion
        }
        _ => false,
    };
    r.download_until
        .filter(|_| open)
        .map(|until| (until - today).num_days())
        .filter(|d| *d >= 0)
}

/// The cells the applicant column gets: what the fixed columns and the
/// spaces between columns leave.
fn applicant_width(columns: &[Column], wide: bool, table: u16) -> usize {
    let fixed: u16 = columns
        .iter()
        .map(|c| match column_width(*c, wide) {
            Constraint::Length(n) => n,
            _ => 0,
        })
        .sum();
    let spaces = columns.len() as u16 + 1;
    usize::from(table.saturating_sub(2 + 13 + fixed + spaces))
}

/// The filter's free words, folded as the search text is.
fn search_words(app: &App) -> Vec<String> {
    let e = crate::domain::filter_expr::parse_lenient(&app.filters.text);
    crate::domain::query::fold(&e.text)
        .split_whitespace()
        .map(String::from)
        .collect()
}

fn draw_table(app: &App, frame: &mut Frame, area: Rect, wide: bool) {
    let t = Theme::of(app);
    // While the queue loads, its first page (if read) is already shown.
    if app.loading && app.queue.visible.is_empty() {
        frame.render_widget(Paragraph::new(s::loading()).style(t.dim()), area);
        return;
    }
    if app.queue.is_empty() && !app.loading {
        // A new desk: what to do first, not «nothing matches».
        let lines: Vec<ratatui::text::Line> = s::empty_store()
            .iter()
            .map(|l| ratatui::text::Line::from(*l))
            .collect();
        let text = Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false });
        frame.render_widget(text, area);
        return;
    }
    if app.queue.visible.is_empty() {
        frame.render_widget(Paragraph::new(s::empty_queue()).style(t.dim()), area);
        return;
    }
    let columns = effective_columns(app, wide);
    let sort_mark = if app.filters.descending { "↓" } else { "↑" };
    let title = |c: Column| {
        if app.filters.sort == Some(c) {
            format!("{}{sort_mark}", column_title(c))
        } else {
            column_title(c).to_string()
        }
    };
    let mut header = vec![String::new(), s::columns().id.to_string()];
    let mut widths = vec![Constraint::Length(2), Constraint::Length(13)];
    for c in &columns {
        header.push(title(*c));
        widths.push(column_width(*c, wide));
    }
    let rows_on_screen = area.height.saturating_sub(1) as usize;
    let (top, _, total) = crate::tui::queue_open::place(app);
    // A scrollbar on the right when the rows do not fit; the table gives up
    // that column for it.
    let scrolls = total > rows_on_screen && area.width > 1 && rows_on_screen > 0;
    let table_area = if scrolls {
        Rect {
            width: area.width - 1,
            ..area
        }
    } else {
        area
    };
    let tz = app.rules.timezone;
    let today = app.now.with_timezone(&tz).date_naive();
    let name_width = applicant_width(&columns, wide, table_area.width);
    let words = search_words(app);
    let end = (app.offset + rows_on_screen).min(app.queue.visible.len());
    let start = app.offset.min(end);
    let rows: Vec<Row> = app.queue.visible[start..end]
        .iter()
        .map(|i| {
            let r = app.queue.row(*i);
            // A family's row shows the applicant the search matched.
            let (name, dni) = match r.matched_applicant(&words) {
                Some((_, name, dni)) => (name, dni),
                None => (
                    super::fit::split_marker(&r.applicants).0.to_string(),
                    r.dni.clone(),
                ),
            };
            let marker = super::fit::split_marker(&r.applicants).1.to_string();
            let selected = app.selected.contains(&r.id);
            let mark = format!(
                "{}{}",
                if selected { "✓" } else { " " },
                if r.urgent { "!" } else { " " }
            );
            let mut cells = vec![
                Cell::from(Span::styled(mark, t.selected_mark())),
                Cell::from(r.id.clone()),
            ];
            for c in &columns {
                cells.push(match c {
                    Column::Arrival => Cell::from(
                        r.registered_at
                            .with_timezone(&tz)
                            .format("%d/%m %H:%M")
                            .to_string(),
                    ),
                    Column::Kind => {
                        let kind = strings::kind_and_motive(r.kind, r.motive);
                        if r.urgent {
                            Cell::from(Span::styled(kind, t.urgent()))
                        } else {
                            Cell::from(kind)
                        }
                    }
                    Column::Applicant => {
                        Cell::from(super::fit::fit_with_suffix(&name, &marker, name_width))
                    }
                    Column::Dni => Cell::from(dni.clone()),
                    Column::Status => Cell::from(strings::status_label(r.status)),
                    Column::Owner => Cell::from(strings::team::owner_label(r.owner.as_deref())),
                    Column::Dispatch => match download_left(&r, today) {
                        // Past RENIEC, the download window is what is next.
                        Some(days) => Cell::from(Span::styled(
                            strings::screens::download_left(days, wide),
                            if days <= 5 {
                                t.urgent()
                            } else {
                                t.selected_mark()
                            },
                        )),
                        None => Cell::from(
                            r.dispatch
                                .map(|d| {
                                    if wide {
                                        short_moment(d.at, tz)
                                    } else {
                                        d.on.format("%d/%m").to_string()
                                    }
                                })
                                .unwrap_or_default(),
                        ),
                    },
                    // A closed ticket no longer waits.
                    Column::Age if r.status.is_final() => Cell::from(""),
                    Column::Age => Cell::from(age(app.now, r.registered_at)),
                });
            }
            Row::new(cells)
        })
        .collect();
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(t.header()))
        .column_spacing(1)
        .row_highlight_style(t.cursor());
    let mut state =
        TableState::default().with_selected(Some(app.cursor.saturating_sub(app.offset)));
    frame.render_stateful_widget(table, table_area, &mut state);
    if scrolls {
        let bar_area = Rect {
            x: area.x + area.width - 1,
            y: area.y + 1,
            width: 1,
            height: area.height - 1,
        };
        let mut bar = ScrollbarState::new(total.saturating_sub(rows_on_screen) + 1)
            .viewport_content_length(rows_on_screen)
            .position(top);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .style(t.dim()),
            bar_area,
            &mut bar,
        );
    }
}
