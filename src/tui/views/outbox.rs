//! The outbox: where mail goes, status tabs with counts, the messages under
//! the tab, and the chosen one in detail with the server's reply.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row};

use super::queue::short_moment;
use super::{fit, footer, list, wrap_lines};
use crate::store::outbox::{OutboxEntry, OutboxStatus};
use crate::strings::screens as s;
use crate::strings::tui as ts;
use crate::tui::app::App;
use crate::tui::keymap::{self, Scope};
use crate::tui::outbox::Tab;
use crate::tui::screens::MailSender;
use crate::tui::theme::Theme;

pub const DETAIL_LINES: u16 = 7;

/// Rows of messages on screen.
pub fn page(app: &App) -> usize {
    list::page(app, DETAIL_LINES)
}

fn wide(area: Rect) -> bool {
    area.width >= 110
}

fn when(app: &App, at: DateTime<Utc>, wide: bool) -> String {
    let tz = app.rules.timezone;
    if wide {
        short_moment(at, tz)
    } else {
        at.with_timezone(&tz).format("%d/%m %H:%M").to_string()
    }
}

/// The time column: the next attempt of a pending message, the sending
/// time of a sent one.
fn when_cell(app: &App, e: &OutboxEntry, wide: bool) -> String {
    match e.status {
        OutboxStatus::Pending if e.next_attempt_at <= app.now => s::due_now().to_string(),
        OutboxStatus::Pending => when(app, e.next_attempt_at, wide),
        OutboxStatus::Sent => e.sent_at.map(|at| when(app, at, wide)).unwrap_or_default(),
        OutboxStatus::Failed => "—".to_string(),
    }
}

fn title_line(app: &App) -> Line<'static> {
    let t = Theme::of(app);
    let (text, style) = match &app.screens.sender {
        MailSender::Running(d) => (s::sender_running(d), t.dim()),
        MailSender::Off => (s::sender_off().to_string(), t.dim()),
        MailSender::Failed(why) => (s::sender_failed(why), t.error()),
    };
    Line::from(vec![
        Span::styled(s::outbox_title().to_string(), t.title()),
        Span::styled(format!(" · {text}"), style),
    ])
}

pub fn tabs_line(app: &App) -> Line<'static> {
    let o = &app.screens.outbox;
    list::tabs_line(
        app,
        Tab::ALL.into_iter().map(|tab| {
            (
                format!("{} {}", s::outbox_tab(tab), o.count(tab)),
                tab == o.tab,
            )
        }),
    )
}

fn detail_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let t = Theme::of(app);
    let Some(e) = app.screens.outbox.current() else {
        return Vec::new();
    };
    let tz = app.rules.timezone;
    let kv = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label}: "), t.dim()),
            Span::raw(value),
        ])
    };
    let mut lines = vec![
        Line::styled("─".repeat(width as usize), t.dim()),
        kv(s::to_label(), format!("{} <{}>", e.to_name, e.to)),
        kv(s::subject_label(), e.subject.clone()),
        Line::raw(s::message_line(
            &e.ticket,
            s::event_label(&e.event),
            &short_moment(e.created_at, tz),
            e.attempts,
        )),
    ];
    // The server's reply before anything that could push it off the pane.
    if let Some(reply) = &e.last_error {
        lines.push(kv(s::reply_label(), reply.clone()));
    }
    lines.push(match e.status {
        OutboxStatus::Pending => Line::raw(s::pending_line(&when_cell(app, e, true))),
        OutboxStatus::Sent => Line::styled(s::sent_line(&when_cell(app, e, true)), t.ok()),
        OutboxStatus::Failed => Line::styled(s::failed_line().to_string(), t.fail()),
    });
    let mut lines = wrap_lines(lines, width);
    lines.truncate(DETAIL_LINES as usize);
    lines
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let l = list::panes(app, area, DETAIL_LINES);
    frame.render_widget(Paragraph::new(title_line(app)), l.title);
    frame.render_widget(Paragraph::new(tabs_line(app)), l.bar);
    draw_table(app, frame, l.table, wide(area));
    frame.render_widget(Paragraph::new(detail_lines(app, area.width)), l.detail);
    frame.render_widget(
        Paragraph::new(footer(
            app,
            Vec::new(),
            &keymap::footer(Scope::Outbox, |_| true),
            area.width,
        ))
        .wrap(ratatui::widgets::Wrap { trim: false }),
        l.footer,
    );
}

fn draw_table(app: &App, frame: &mut Frame, area: Rect, wide: bool) {
    let t = Theme::of(app);
    let o = &app.screens.outbox;
    if !o.loaded {
        frame.render_widget(Paragraph::new(ts::loading()).style(t.dim()), area);
        return;
    }
    if o.visible.is_empty() {
        frame.render_widget(Paragraph::new(s::outbox_empty(o.tab)).style(t.dim()), area);
        return;
    }
    let h = s::outbox_columns();
    let all = o.tab == Tab::All;
    let mut header = Vec::new();
    let mut widths = Vec::new();
    if all {
        header.push(h.status);
        widths.push(Constraint::Length(9));
    }
    // Narrow: the ticket says more than the subject's first words.
    header.extend([h.event, h.ticket, h.to]);
    widths.extend([
        Constraint::Length(13),
        Constraint::Length(13),
        if wide {
            Constraint::Length(34)
        } else {
            Constraint::Fill(1)
        },
    ]);
    if wide {
        header.push(h.subject);
        widths.push(Constraint::Fill(1));
    }
    header.extend([h.attempts, s::outbox_when(o.tab)]);
    widths.extend([
        Constraint::Length(3),
        // «Próximo intento» whole: a cut title reads as another word.
        Constraint::Length(15),
    ]);
    let rows: Vec<Row> = o.visible[list::window(o.cursor, o.visible.len(), area)]
        .iter()
        .map(|i| {
            let e = &o.entries[*i];
            let mut cells = Vec::new();
            if all {
                let style = match e.status {
                    OutboxStatus::Failed => t.fail(),
                    OutboxStatus::Sent => t.ok(),
                    OutboxStatus::Pending => Default::default(),
                };
                cells.push(Cell::from(Span::styled(
                    crate::strings::mail::status_label(e.status.code()),
                    style,
                )));
            }
            let to = if wide {
                format!("{} <{}>", e.to_name, e.to)
            } else {
                e.to_name.clone()
            };
            cells.extend([
                Cell::from(s::event_label(&e.event)),
                Cell::from(e.ticket.clone()),
                Cell::from(fit(&to, if wide { 34 } else { 40 })),
            ]);
            if wide {
                cells.push(Cell::from(e.subject.clone()));
            }
            cells.extend([
                Cell::from(format!("{:>3}", e.attempts)),
                Cell::from(when_cell(app, e, wide)),
            ]);
            Row::new(cells)
        })
        .collect();
    list::table(app, frame, area, header, widths, rows, o.cursor);
}
