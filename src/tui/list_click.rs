//! The mouse on the registry's list screens (outbox, certificates,
//! people), as on the queue: a click on a row chooses it, a click on a tab
//! shows it (the wheel already scrolls: `screens::scroll`).

use ratatui::layout::Rect;
use ratatui::text::Line;

use super::action::{Action, Command};
use super::app::{App, Effect, Screen, handle};
use super::views::{self, list};

/// The tab under `column` of a tabs line (tab text, two spaces, …).
fn tab_at(line: &Line, column: u16) -> Option<usize> {
    let mut x = 0u16;
    for (i, span) in line.spans.iter().enumerate() {
        let w = span.content.chars().count() as u16;
        if column >= x && column < x + w {
            return (i % 2 == 0).then_some(i / 2);
        }
        x += w;
    }
    None
}

pub fn click(app: &mut App, column: u16, row: u16) -> Vec<Effect> {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let (detail, cursor, len, tabs, tab) = match app.screen {
        Screen::Outbox => {
            let o = &app.screens.outbox;
            let tab = super::outbox::Tab::ALL.iter().position(|t| *t == o.tab);
            (
                views::outbox::DETAIL_LINES,
                o.cursor,
                o.visible.len(),
                Some(views::outbox::tabs_line(app)),
                tab,
            )
        }
        Screen::Certs => {
            let c = &app.screens.certs;
            let tab = super::certs::Tab::ALL.iter().position(|t| *t == c.tab);
            (
                views::certs::DETAIL_LINES,
                c.cursor,
                c.visible.len(),
                Some(views::certs::tabs_line(app)),
                tab,
            )
        }
        Screen::People if app.screens.people.card.is_none() => {
            let p = &app.screens.people;
            (0, p.cursor, p.visible.len(), None, None)
        }
        _ => return Vec::new(),
    };
    let panes = list::panes(app, area, detail);
    let mut effects = Vec::new();
    if let (Some(line), Some(now)) = (tabs, tab)
        && row == panes.bar.y
        && let Some(want) = tab_at(&line, column.saturating_sub(panes.bar.x))
    {
        let n = line.spans.len().div_ceil(2);
        for _ in 0..(want + n - now) % n.max(1) {
            effects.extend(handle(app, Action::Cmd(Command::NextTab)));
        }
        return effects;
    }
    let table = panes.table;
    // The table's first line is its header.
    if row > table.y && row < table.y + table.height {
        let target = cursor.offset + (row - table.y - 1) as usize;
        if target < len {
            super::screens::scroll(app, target as i64 - cursor.at as i64);
        }
    }
    effects
}
