//! The batch screen: the dispatch moments (with counts per kind and motive),
//! the selected moment's tickets in arrival order and what blocks sealing
//! it; and the batch dialogs (reason, folder, date, file).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Clear, Paragraph, Row, Table, TableState};

use super::queue::{countdown, short_moment};
use super::{fit, footer};
use crate::cli::view::moment;
use crate::domain::batch::counts;
use crate::strings;
use crate::strings::batch_screen as s;
use crate::tui::action::Command;
use crate::tui::app::{App, Modal};
use crate::tui::batch::{Ask, BoardSlot, Item, Pane};
use crate::tui::keymap::{self, Scope};
use crate::tui::theme::Theme;

/// "Emisión b) 1 · Reemisión a) 2".
fn per_kind(slot: &BoardSlot) -> String {
    let refs: Vec<_> = slot.slot.tickets.iter().collect();
    counts(&refs)
        .into_iter()
        .map(|((kind, motive), n)| format!("{} {n}", strings::kind_and_motive(kind, motive)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Where the moment stands: open, waiting to be sealed, sealed, sent.
fn state(app: &App, slot: &BoardSlot) -> &'static str {
    match &slot.slot.batch {
        Some(b) if b.sent_at.is_some() => s::state_sent(),
        Some(_) => s::state_sealed(),
        None if slot.slot.dispatch.at <= app.now => s::state_due(),
        None => s::state_open(),
    }
}

fn title_line(app: &App, width: u16) -> Line<'static> {
    let t = Theme::of(app);
    let mut spans = vec![
        Span::styled(s::title().to_string(), t.title()),
        Span::raw(format!(" · {}", moment(app.now, app.rules.timezone))),
    ];
    let used: usize = spans.iter().map(|s| s.content.chars().count()).sum();
    let right = format!("{} · {}", strings::tui::app_name(), app.actor);
    let room = (width as usize).saturating_sub(used);
    if room > right.chars().count() + 2 {
        spans.push(Span::raw(" ".repeat(room - right.chars().count())));
        spans.push(Span::styled(right, t.dim()));
    }
    Line::from(spans)
}

fn draw_moments(app: &App, frame: &mut Frame, area: Rect, wide: bool) {
    let t = Theme::of(app);
    let Some(board) = &app.batch.board else {
        return;
    };
    let tz = app.rules.timezone;
    let h = s::moment_columns();
    let rows: Vec<Row> = board
        .slots
        .iter()
        .enumerate()
        .map(|(i, slot)| {
            let d = &slot.slot.dispatch;
            let mark = if i == app.batch.slot { "›" } else { " " };
            let when = if wide {
                moment(d.at, tz)
            } else {
                short_moment(d.at, tz)
            };
            let moved = if let Some(note) = app.rules.move_note(d) {
                let text = if wide {
                    crate::strings::rules::moved_from(&note)
                } else {
                    crate::strings::rules::moved_short(&note).to_string()
                };
                Cell::from(Span::styled(text, t.urgent()))
            } else {
                Cell::from("")
            };
            let st = state(app, slot);
            let count = slot.slot.tickets.len();
            let problems = if slot.blockers.is_empty() {
                Cell::from("")
            } else {
                Cell::from(Span::styled(
                    s::problems_short(slot.blockers.len(), wide),
                    t.fail(),
                ))
            };
            Row::new(vec![
                Cell::from(mark),
                Cell::from(when),
                moved,
                Cell::from(st),
                Cell::from(format!("{count:>3}")),
                problems,
                Cell::from(per_kind(slot)),
            ])
        })
        .collect();
    let widths = [
        Constraint::Length(1),
        Constraint::Length(if wide { 20 } else { 15 }),
        Constraint::Length(if wide { 18 } else { 7 }),
        Constraint::Length(10),
        Constraint::Length(7),
        Constraint::Length(if wide { 13 } else { 4 }),
        Constraint::Fill(1),
    ];
    let header = Row::new(vec![
        "", h.when, h.moved, h.state, h.tickets, h.problems, h.per_kind,
    ])
    .style(t.header());
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(if app.batch.pane == Pane::Moments {
            t.cursor()
        } else {
            Default::default()
        });
    let mut state = TableState::default().with_selected(Some(app.batch.slot));
    frame.render_stateful_widget(table, area, &mut state);
}

/// The section title of the selected moment.
fn slot_heading(app: &App, slot: &BoardSlot, wide: bool) -> Line<'static> {
    let t = Theme::of(app);
    let tz = app.rules.timezone;
    let when = |at| {
        if wide {
            moment(at, tz)
        } else {
            short_moment(at, tz)
        }
    };
    let d = &slot.slot.dispatch;
    let mut spans = vec![
        Span::styled(slot.id(), t.title()),
        Span::raw(format!(" · {}", moment(d.at, tz))),
    ];
    match &slot.slot.batch {
        Some(b) => {
            spans.push(Span::raw(format!(
                " · {}",
                s::sealed_by(&when(b.sealed_at), &b.sealed_by)
            )));
            if let Some(sent) = b.sent_at {
                spans.push(Span::raw(format!(" · {}", s::sent_on(&when(sent)))));
            }
            if let Some(r) = &b.early_reason {
                spans.push(Span::styled(format!(" · {}", s::early(r)), t.dim()));
            }
        }
        None if d.at > app.now => spans.push(Span::raw(format!(
            " · {} · {}",
            state(app, slot),
            s::cut_off_in(&countdown(d.at - app.now))
        ))),
        None => spans.push(Span::styled(format!(" · {}", state(app, slot)), t.urgent())),
    }
    Line::from(spans)
}

/// The lines of the lower pane, each with the item it selects, if any.
fn item_lines(app: &App, slot: &BoardSlot, width: u16) -> Vec<(Line<'static>, Option<usize>)> {
    let t = Theme::of(app);
    let mut out = Vec::new();
    let tickets = &slot.slot.tickets;
    if tickets.is_empty() {
        out.push((Line::styled(s::no_tickets().to_string(), t.dim()), None));
    } else {
        let c = s::ticket_columns();
        let name_w = (width as usize)
            .saturating_sub(4 + 14 + 15 + 9 + 12)
            .max(10);
        out.push((
            Line::styled(
                format!(
                    "{:>3} {:<13} {:<14} {:<name_w$} {:<8} {}",
                    "#", c.id, c.kind, c.applicant, c.dni, c.status
                ),
                t.header(),
            ),
            None,
        ));
    }
    let items = slot.items();
    let focused = app.batch.pane == Pane::Items;
    for (i, item) in items.iter().enumerate() {
        // The cursor also shows as a mark, so it is seen without colours.
        let mark = if focused && i == app.batch.item {
            "›"
        } else {
            " "
        };
        let line = match item {
            Item::Ticket(tk) => {
                let name_w = (width as usize)
                    .saturating_sub(4 + 14 + 15 + 9 + 12)
                    .max(10);
                let names = match tk.applicants.as_slice() {
                    [] => String::new(),
                    [one] => one.full_name.clone(),
                    [first, rest @ ..] => format!("{} +{}", first.full_name, rest.len()),
                };
                let dni = tk
                    .applicants
                    .first()
                    .map(|a| a.dni.clone())
                    .unwrap_or_default();
                Line::from(format!(
                    "{mark}{:>2} {:<13} {:<14} {:<name_w$} {:<8} {}",
                    i + 1,
                    tk.id,
                    strings::kind_and_motive(tk.kind, tk.motive),
                    fit(&names, name_w),
                    dni,
                    strings::status_label(tk.status)
                ))
            }
            Item::Blocker(b) => Line::from(vec![
                Span::raw(mark),
                Span::styled(format!(" {} ", strings::tui::check_fail()), t.fail()),
                Span::raw(fit(
                    &strings::batch::blocker(b),
                    (width as usize).saturating_sub(4),
                )),
            ]),
        };
        if i == tickets.len() {
            out.push((Line::from(""), None));
            out.push((
                Line::styled(s::problems_heading(slot.blockers.len()), t.fail()),
                None,
            ));
        }
        out.push((line, Some(i)));
    }
    if slot.slot.batch.is_none() && !tickets.is_empty() && slot.blockers.is_empty() {
        out.push((Line::from(""), None));
        out.push((Line::styled(s::ready().to_string(), t.ok()), None));
    }
    out
}

fn draw_items(app: &App, frame: &mut Frame, area: Rect, wide: bool) {
    let t = Theme::of(app);
    let Some(slot) = app.batch.current() else {
        return;
    };
    frame.render_widget(
        Paragraph::new(slot_heading(app, slot, wide)),
        Rect::new(area.x, area.y, area.width, 1),
    );
    let list = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(1),
    );
    let focused = app.batch.pane == Pane::Items;
    let mut lines = item_lines(app, slot, area.width);
    let at = lines
        .iter()
        .position(|(_, i)| *i == Some(app.batch.item))
        .unwrap_or(0);
    // Keep the cursor's line on screen; the header line stays when it can.
    let height = list.height as usize;
    let offset = (at + 1).saturating_sub(height);
    if focused && let Some((line, _)) = lines.get_mut(at) {
        *line = line.clone().patch_style(t.cursor());
    }
    let shown: Vec<Line> = lines.into_iter().skip(offset).map(|(l, _)| l).collect();
    frame.render_widget(Paragraph::new(shown), list);
}

/// The footer: the keys that make sense for the selected moment.
fn hints(app: &App) -> Vec<keymap::Hint> {
    let batch = app.batch.current().and_then(|s| s.slot.batch.as_ref());
    keymap::footer(Scope::Batch, |c| match c {
        Command::SwitchPane | Command::Accept => true,
        Command::Seal => batch.is_none(),
        Command::Export => batch.is_some(),
        Command::MarkSent => batch.is_some_and(|b| b.sent_at.is_none()),
        Command::Approve | Command::Reject | Command::ImportOutcomes => {
            batch.is_some_and(|b| b.sent_at.is_some())
        }
        _ => false,
    })
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = Theme::of(app);
    let wide = super::queue::is_wide(area);
    frame.render_widget(
        Paragraph::new(title_line(app, area.width)),
        Rect::new(area.x, area.y, area.width, 1),
    );
    let foot = super::footer_height(app, area.width);
    let body = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(1 + foot),
    );
    match &app.batch.board {
        None => frame.render_widget(Paragraph::new(strings::tui::loading()).style(t.dim()), body),
        Some(board) => {
            // The moments take what they need, up to half the screen.
            let want = board.slots.len() as u16 + 1;
            let top_h = want.min(body.height / 2).max(3);
            draw_moments(
                app,
                frame,
                Rect::new(body.x, body.y, body.width, top_h),
                wide,
            );
            let rest = Rect::new(
                body.x,
                body.y + top_h + 1,
                body.width,
                body.height.saturating_sub(top_h + 1),
            );
            draw_items(app, frame, rest, wide);
        }
    }
    frame.render_widget(
        Paragraph::new(footer(app, Vec::new(), &hints(app), area.width))
            .wrap(ratatui::widgets::Wrap { trim: false }),
        Rect::new(area.x, area.y + area.height - foot, area.width, foot),
    );
}

pub fn draw_dialog(app: &App, frame: &mut Frame, area: Rect) {
    let Some(Modal::Batch(d)) = &app.modal else {
        return;
    };
    let t = Theme::of(app);
    let tz = app.rules.timezone;
    let (title, text, label) = match &d.ask {
        Ask::EarlyReason { dispatch, tickets } => (
            s::early_title(&crate::domain::batch::batch_id(dispatch)),
            s::early_text(&moment(dispatch.at, tz), *tickets),
            s::early_label(),
        ),
        Ask::ExportTo { batch } => (
            s::export_title(batch),
            s::export_text(batch),
            s::export_label(),
        ),
        Ask::Approve { ticket } => (
            s::approve_title(ticket),
            s::approve_text(),
            s::approve_label(),
        ),
        Ask::Reject { ticket } => (s::reject_title(ticket), s::reject_text(), s::reject_label()),
        Ask::Import => (
            s::import_title().to_string(),
            s::import_text(),
            s::import_label(),
        ),
    };
    let width = 72.min(area.width);
    let lines: Vec<Line> = text.into_iter().map(Line::from).collect();
    let text_h = lines.len() as u16;
    let outer = super::centered(area, width, text_h + 7);
    frame.render_widget(Clear, outer);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title, t.title()));
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    frame.render_widget(
        Paragraph::new(lines),
        Rect::new(inner.x, inner.y, inner.width, text_h),
    );
    frame.render_widget(
        Paragraph::new(Line::styled(label.to_string(), t.focus())),
        Rect::new(inner.x, inner.y + text_h, inner.width, 1),
    );
    let mut ta = d.text.clone();
    ta.set_block(
        Block::default()
            .borders(Borders::ALL)
            .border_style(t.focus()),
    );
    frame.render_widget(
        &ta,
        Rect::new(inner.x, inner.y + text_h + 1, inner.width, 3),
    );
    frame.render_widget(
        Paragraph::new(super::dialog::error_or_hint(
            &t,
            d.error.as_deref(),
            s::dialog_hint(),
        )),
        Rect::new(inner.x, inner.y + text_h + 4, inner.width, 1),
    );
}
